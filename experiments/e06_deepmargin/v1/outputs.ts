/**
 * e06's parameters and outputs: what `main.ts` writes to `metrics.{profile}.json` and `series.{profile}.json`
 * and `figures.ts` reads back.
 * @module
 */
import type { DeepMarginDataset, TrainOutcome } from "../../../lib/deepmargin/training.ts";
import type { datasetDays, DeepMarginEvaluation, trainingSummary } from "../../../lib/deepmargin/evaluation.ts";
import type { Latency } from "../../../lib/deepmargin/latency.ts";

/** The stage's parameters (`params.json`, echoed into the metrics). */
export interface Params {
  offset: number;
  heads: number;
  hidden: number;
  mlpHidden: number;
  batchSize: number;
  learningRate: number;
  finalLearningRate: number;
  huberDelta: number;
  sizeSplit: number;
  scatterPoints: number;
  latencyPortfolios: number;
  referencePortfolios: number;
  mapeFloor: number;
  dModel: number;
  layers: number;
  dff: number;
  epochs: number;
  mlpEpochs: number;
  seeds: number[];
  workers: number;
  measureLatency: boolean;
}

/** ION DeepMargin's published anchor (10,000 test portfolios): median absolute errors of SPAN and the network. */
export const ANCHOR = { spanMedae: 1136.42, networkMedae: 140.51, ratio: 1136.42 / 140.51 };

/** `metrics.{profile}.json` (besides the echoed params). */
export type Metrics =
  & {
    seeds: number;
    anchor: typeof ANCHOR;
    data: DeepMarginDataset["stats"];
    days: ReturnType<typeof datasetDays>;
  }
  & DeepMarginEvaluation["metrics"]
  & {
    training: ReturnType<typeof trainingSummary>;
    /** Wall-clock latency (full profile only; volatile). */
    latency: (Latency & { directLabelHours: number }) | { measured: false };
  };

/** `series.{profile}.json`: the figure series and each model's training curve. */
export type Series = DeepMarginEvaluation["series"] & { history: Record<string, TrainOutcome["history"]> };
