/**
 * e11 figure, a pure function of the committed full-profile metrics: the share of the oracle's margin saving and
 * of its pinball gain over static that each learned model captures on the long side, with the 95% bootstrap
 * interval over paths; one panel per data-generating process (MLP: per path the mean over seeds; MLP ensemble: the
 * seeds' averaged multiplier).
 * @module
 */
import type { VlSpec } from "../../../lib/report/render.ts";
import type { MetricsFile } from "./outputs.ts";

/** Display names of the models and DGPs. */
const NAMES: Record<string, string> = {
  linear: "Linear QR",
  forest: "Forest",
  mlp: "MLP",
  mlpEns: "MLP ensemble",
  forestEns: "Forest ensemble",
  skewJump: "Skew-jump DGP (non-linear)",
  baseline: "Baseline DGP",
};

const MEASURES = { marginSaving: "Margin saving", pinballGain: "Pinball gain" } as const;

/** Figure definitions: id and Vega-Lite spec with inline data. */
export function figures(input: { metrics: MetricsFile; series?: unknown }): { id: string; spec: VlSpec }[] {
  const rows: Record<string, unknown>[] = [];
  for (const [dgp, d] of Object.entries(input.metrics.dgps)) {
    for (const [model, c] of Object.entries(d.long.capture.models)) {
      for (const [k, label] of Object.entries(MEASURES)) {
        const iv = c[k as keyof typeof MEASURES];
        rows.push({
          dgp: NAMES[dgp] ?? dgp,
          model: NAMES[model] ?? model,
          measure: label,
          estimate: iv.estimate,
          lo: iv.lo,
          hi: iv.hi,
        });
      }
    }
  }
  const x = { field: "model", type: "nominal", title: null, sort: null, axis: { labelAngle: 0 } };
  const spec: VlSpec = {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title:
      `Share of the oracle's improvement over static captured (long, ${input.metrics.headline.oracleCapture.paths} paths per DGP)`,
    data: { values: rows },
    facet: {
      column: {
        field: "dgp",
        type: "nominal",
        title: null,
        sort: input.metrics.params.dgps.map((d) => NAMES[d] ?? d),
      },
    },
    spec: {
      width: 300,
      height: 240,
      layer: [
        { mark: { type: "rule", strokeDash: [2, 2], color: "#888888" }, encoding: { y: { datum: 1 } } },
        { mark: { type: "rule", color: "#bbbbbb" }, encoding: { y: { datum: 0 } } },
        {
          mark: { type: "rule", strokeWidth: 2 },
          encoding: {
            x,
            xOffset: { field: "measure" },
            y: { field: "lo", type: "quantitative", title: "Share of the oracle's improvement captured" },
            y2: { field: "hi" },
            color: { field: "measure", type: "nominal", title: null },
          },
        },
        {
          mark: { type: "point", filled: true, size: 60 },
          encoding: {
            x,
            xOffset: { field: "measure" },
            y: { field: "estimate", type: "quantitative" },
            color: { field: "measure", type: "nominal", title: null },
          },
        },
      ],
    },
    config: { legend: { orient: "bottom", labelLimit: 0 } },
  };
  return [{ id: "e11_oracle_capture", spec }];
}
