/**
 * e06 v2's parameters and outputs: what `main.ts` writes to `metrics.{profile}.json` and `series.{profile}.json`
 * and `figures.ts` reads back.
 * @module
 */
import type { DeepMarginDataset, TrainOutcome } from "../../../lib/deepmargin/training.ts";
import type { datasetDays } from "../../../lib/deepmargin/evaluation.ts";
import type { SurrogateStudy } from "../../../lib/deepmargin/surrogate_study.ts";
import type { WarmColdLatency } from "../../../lib/deepmargin/warm_cold_latency.ts";
import type { Headline, TrainingRecord } from "../../../lib/deepmargin/surrogate_summary.ts";

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
  patience: number;
  /** Training portfolios drawn (seeded) for each epoch. */
  epochSample: number;
  /** Reduce-on-plateau: the rate × lrFactor after lrPatience epochs without improvement (floor finalLearningRate). */
  lrFactor: number;
  lrPatience: number;
  /** Smallest decrease of the validation median absolute error (USD) that counts as an improvement. */
  minImprovement: number;
  sizeSplit: number;
  scatterPoints: number;
  latencyPortfolios: number;
  exactLatencyPortfolios: number;
  mapeFloor: number;
  forestTrees: number;
  forestRows: number;
  forestDepth: number;
  dModel: number;
  layers: number;
  dff: number;
  epochs: number;
  mlpEpochs: number;
  seeds: number[];
  /** Seeds of the wide-token networks (the headline's anchor-like ones use `seeds`). */
  wideSeeds: number[];
  workers: number;
  measureLatency: boolean;
}

/** ION DeepMargin's published anchor (10,000 test portfolios): median absolute errors of SPAN and the network. */
export const ANCHOR = { spanMedae: 1136.42, networkMedae: 140.51, ratio: 1136.42 / 140.51 };

/** `metrics.{profile}.json` (besides the echoed params). */
export type Metrics =
  & {
    headline: Headline;
    seeds: number;
    anchor: typeof ANCHOR;
    data: DeepMarginDataset["stats"];
    days: ReturnType<typeof datasetDays>;
    /** Validation/test/out-of-time portfolios identical to a training portfolio on the same date (left out). */
    duplicates: Record<string, { n: number; duplicates: number; kept: number }>;
  }
  & SurrogateStudy["metrics"]
  & {
    training: Record<string, TrainingRecord>;
    anyBestAtCap: boolean;
    /** Networks whose kept epoch is the cap (goal 0). */
    bestEpochAtCap: number;
    /** Ridge λ per input set. */
    ridgeLambda: Record<string, number>;
    /** Wall-clock latency (full profile only; volatile). */
    latency: (WarmColdLatency & { measured: true }) | { measured: false };
  };

/** `series.{profile}.json`: the figure series and each network's training curve. */
export type Series = SurrogateStudy["series"] & { history: Record<string, TrainOutcome["history"]> };
