/**
 * e12 figure, a pure function of the committed full-profile metrics: each learned rule's average margin at the 1%
 * breach rate over static's, with the 95% paired moving-block bootstrap interval, pooled over the whole panel (on
 * the union calendar of its test days) and per position group (on the group's common test days). Below 1: the rule
 * holds less margin than static for the same out-of-sample breach rate. And the training curves of the pooled MLP
 * (first seed, the configuration chosen by cross-validation for each test year): validation pinball loss per epoch
 * relative to the first epoch's, the kept (best) epoch marked.
 * @module
 */
import type { VlSpec } from "../../../lib/report/render.ts";
import { GROUPS, type Metrics, MODEL_LABELS, type Series } from "./outputs.ts";

/** Display names of the scopes. */
const SCOPES: Record<string, string> = {
  panel: "Whole panel",
  "oil-futures": "WTI futures",
  "oil-spread": "Calendar spreads",
  spot: "Spot",
  rates: "Treasuries",
};

/** Figure definitions: id and Vega-Lite spec with inline data. */
export function figures(input: { metrics: Metrics; series?: unknown }): { id: string; spec: VlSpec }[] {
  return [atTarget(input.metrics), trainingCurves(input.metrics, input.series as Series | undefined)];
}

/** The pooled MLP's validation curves, one line per test year. */
function trainingCurves(m: Metrics, series: Series | undefined): { id: string; spec: VlSpec } {
  const seed = m.params.seeds[0];
  const curves = (series?.curves ?? []).filter((c) => c.model === "mlpPooled" && c.seed === seed);
  const lines = curves.flatMap((c) =>
    c.valid.map((v, e) => ({ year: String(c.year), epoch: e + 1, loss: v / c.valid[0], best: e + 1 === c.bestEpoch }))
  );
  const color = { field: "year", type: "ordinal", title: "Test year", scale: { scheme: "viridis" } };
  const x = { field: "epoch", type: "quantitative", title: `Epoch (cap ${m.params.netEpochs})` };
  const y = {
    field: "loss",
    type: "quantitative",
    title: "Validation pinball loss / epoch 1",
    scale: { zero: false },
  };
  const spec: VlSpec = {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: `Pooled MLP (seed ${seed}): validation loss per epoch, dot = kept epoch`,
    data: { values: lines },
    width: 400,
    height: 240,
    layer: [
      { mark: { type: "line", strokeWidth: 1.5 }, encoding: { x, y, color } },
      {
        transform: [{ filter: "datum.best" }],
        mark: { type: "point", filled: true, size: 45 },
        encoding: { x, y, color },
      },
    ],
    config: { legend: { orient: "right", labelLimit: 0 }, title: { fontSize: 12 } },
  };
  return { id: "e12_training_curves", spec };
}

/** Each learned rule's margin at the target breach rate over static's, pooled and per group. */
function atTarget(m: Metrics): { id: string; spec: VlSpec } {
  const rows: Record<string, unknown>[] = [];
  const add = (scope: string, rule: string, iv: { estimate: number; lo: number; hi: number }) =>
    rows.push({ scope: SCOPES[scope], rule: MODEL_LABELS[rule] ?? rule, estimate: iv.estimate, lo: iv.lo, hi: iv.hi });
  for (const rule of m.rules.learned) add("panel", rule, m.headline.learnedAtTargetVsStatic[rule]);
  for (const g of GROUPS) {
    const ec = m.equalCoverage[g];
    if (ec === undefined) continue;
    for (const rule of m.rules.learned) add(g, rule, ec[rule].pooled.atTarget);
  }
  const y = { field: "scope", type: "nominal", title: null, sort: Object.values(SCOPES) };
  const color = { field: "rule", type: "nominal", title: null, sort: m.rules.learned.map((r) => MODEL_LABELS[r] ?? r) };
  const spec: VlSpec = {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: `Margin at the ${(100 * m.target).toFixed(0)}% breach rate over static, ${m.headline.positions} positions ` +
      `(${m.headline.testFrom.slice(0, 4)}–${m.headline.testTo.slice(0, 4)})`,
    data: { values: rows },
    // the whole figure, legend included, fits 620 px (printed at the text width with fonts >= 7 pt)
    autosize: { type: "fit", contains: "padding" },
    width: 620,
    height: 380,
    layer: [
      { mark: { type: "rule", strokeDash: [2, 2], color: "#888888" }, encoding: { x: { datum: 1 } } },
      {
        mark: { type: "rule", strokeWidth: 2 },
        encoding: {
          y,
          yOffset: { field: "rule", sort: color.sort },
          x: {
            field: "lo",
            type: "quantitative",
            title: "Average margin at the target breach rate / static's (95% interval)",
            scale: { zero: false },
          },
          x2: { field: "hi" },
          color,
        },
      },
      {
        mark: { type: "point", filled: true, size: 50 },
        encoding: {
          y,
          yOffset: { field: "rule", sort: color.sort },
          x: { field: "estimate", type: "quantitative" },
          color,
        },
      },
    ],
    config: { legend: { orient: "bottom", direction: "vertical", labelLimit: 0 } },
  };
  return { id: "e12_panel_at_target", spec };
}
