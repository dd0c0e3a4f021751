/**
 * e12 figure, a pure function of the committed full-profile metrics: each learned rule's average margin at the 1%
 * breach rate over static's, with the 95% paired moving-block bootstrap interval, pooled over the whole panel (on
 * the union calendar of its test days) and per position group (on the group's common test days). Below 1: the rule
 * holds less margin than static for the same out-of-sample breach rate.
 * @module
 */
import type { VlSpec } from "../../../lib/report/render.ts";
import { GROUPS, type Metrics, MODEL_LABELS } from "./outputs.ts";

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
  const m = input.metrics, rows: Record<string, unknown>[] = [];
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
    width: 420,
    height: 260,
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
    config: { legend: { orient: "bottom", labelLimit: 0 } },
  };
  return [{ id: "e12_panel_at_target", spec }];
}
