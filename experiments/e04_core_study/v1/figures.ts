/**
 * e04 figures, a pure function of the committed full-profile outputs:
 * the multiplier over time (best network vs the static benchmark, with
 * breaches), the coverage/efficiency frontier across models, and on the
 * synthetic market the share of the oracle's pinball gain each model captures
 * (mean ± sd across market paths, one dot per path). The builders live in
 * ../shared_figures.ts (v2 draws the same three with its own labels).
 * @module
 */
import type { VlSpec } from "../../../lib/report/render.ts";
import type { Metrics, Series } from "./outputs.ts";
import { frontierFigure, multiplierFigure, oracleFigure } from "../shared_figures.ts";

/** Display names of the models. */
export const MODEL_LABELS: Record<string, string> = {
  baselineHs: "HS VaR (m = 1)",
  static: "Static",
  linear: "Linear QR",
  forest: "Quantile forest",
  mlp: "MLP",
  mlpHist: "MLP, historical features",
  lstm: "LSTM",
  transformer: "Transformer",
};

/** Figure definitions: id and Vega-Lite spec with inline data. */
export function figures(input: { metrics: Metrics; series: Series }): { id: string; spec: VlSpec }[] {
  const metrics = input.metrics;
  return [
    { id: "e04_multiplier_over_time", spec: multiplierFigure(input.series, MODEL_LABELS) },
    { id: "e04_coverage_efficiency", spec: frontierFigure(metrics, MODEL_LABELS) },
    { id: "e04_synthetic_oracle", spec: oracleFigure(metrics) },
  ];
}
