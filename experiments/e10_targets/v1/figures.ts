/**
 * e10 figure, a pure function of the committed full-profile metrics and
 * series: test breach rate against average margin relative to the static
 * benchmark for the three targets (one point per seed), with the static
 * multiplier, the HS baseline and the label oracle as references; one panel per side.
 * @module
 */
import type { VlSpec } from "../../../lib/report/render.ts";
import type { MetricsFile, Series } from "./outputs.ts";

/** Display names of the targets and references. */
const NAMES: Record<string, string> = {
  quantile: "Quantile (pinball)",
  optimalMse: "Backtest-optimal (MSE)",
  action: "Raise/keep/lower classifier",
  static: "Static multiplier",
  baselineHs: "HS baseline (m = 1)",
  labelOracle: "Label oracle",
};

const sideName = (s: string) => (s === "long" ? "Long 1 CL" : "Short 1 CL");

/** Figure definitions: id and Vega-Lite spec with inline data. */
export function figures(input: { metrics: MetricsFile; series: Series }): { id: string; spec: VlSpec }[] {
  const m = input.metrics, pts = input.series.points;
  const rows: Record<string, unknown>[] = pts.map((p) => ({
    side: sideName(p.side),
    what: NAMES[p.target],
    breach: p.breachRate * 100,
    ratio: p.marginRatio,
  }));
  for (const side of ["long", "short"] as const) {
    const ms = m[side];
    if (!ms) continue;
    for (const k of ["static", "baselineHs", "labelOracle"] as const) {
      rows.push({ side: sideName(side), what: NAMES[k], breach: ms[k].breachRate * 100, ratio: ms[k].marginRatio });
    }
  }
  const spec: VlSpec = {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: "Alternative targets on the 2018–2021 test period (one point per seed)",
    data: { values: rows },
    facet: { column: { field: "side", type: "nominal", title: null } },
    spec: {
      width: 245,
      height: 230,
      layer: [
        { mark: { type: "rule", strokeDash: [2, 2], color: "#888888" }, encoding: { x: { datum: 1 } } },
        {
          mark: { type: "point", filled: true, size: 60, opacity: 0.85 },
          encoding: {
            x: { field: "breach", type: "quantitative", title: "Test breach rate (%)", scale: { zero: false } },
            y: {
              field: "ratio",
              type: "quantitative",
              title: "Average margin / static margin",
              scale: { zero: false },
            },
            color: {
              field: "what",
              type: "nominal",
              title: null,
              scale: {
                domain: Object.values(NAMES),
                range: ["#1f77b4", "#ff7f0e", "#2ca02c", "#000000", "#7f7f7f", "#d62728"],
              },
            },
            shape: { field: "what", type: "nominal", title: null, scale: { domain: Object.values(NAMES) } },
          },
        },
      ],
    },
    config: { legend: { orient: "bottom", columns: 3, labelLimit: 0 } },
  };
  return [{ id: "e10_targets", spec }];
}
