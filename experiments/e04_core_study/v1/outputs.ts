/**
 * e04's parameters and outputs: what `main.ts` writes to `metrics.{profile}.json` and `series.{profile}.json`
 * and `figures.ts` reads back.
 * @module
 */
import type {
  ForestParams,
  NetworkParams,
  SequenceParams,
  StudyParams,
  SyntheticParams,
} from "../../../lib/study/mod.ts";
import type { WalkForwardSideMetrics } from "../../../lib/study/walk_forward_evaluation.ts";
import type { SyntheticMetrics } from "../../../lib/study/synthetic_evaluation.ts";

/** The stage's parameters (`params.json`, echoed into the metrics). */
export interface Params extends StudyParams, NetworkParams, ForestParams, SequenceParams, SyntheticParams {
  testYears: number[];
  models: string[];
  linearRidge: number;
  trafficSims: number;
  workers: number;
}

/** One test fold. */
export interface FoldDesign {
  year: number;
  trainFrom: string;
  trainTo: string;
  validFrom: string;
  validTo: string;
  testFrom: string;
  testTo: string;
}

/** The sample, the folds and the fits. */
export interface Design {
  sampleFrom: string;
  sampleTo: string;
  sampleRows: number;
  nFeatures: number;
  nHistFeatures: number;
  nForwardFeatures: number;
  testFrom: string;
  testTo: string;
  testRows: number;
  ovxFrom: string;
  vix3mFrom: string;
  firstTestYear: number;
  lastTestYear: number;
  nFolds: number;
  nSeeds: number;
  firstTrainRows: number;
  lastTrainRows: number;
  zoneGreenMax: number;
  zoneYellowMax: number;
  folds: FoldDesign[];
  /** Per model: real-track fits and their mean epochs. */
  fits: Record<string, { fits: number; meanEpochs: number; meanBestEpoch: number }>;
}

/** `metrics.{profile}.json` (the harness adds `stage`, `version`, `profile`, `reproduce`). */
export interface Metrics {
  params: Params;
  long: WalkForwardSideMetrics;
  short: WalkForwardSideMetrics;
  design: Design;
  synthetic?: SyntheticMetrics;
}

/** One side's test-period series (USD rounded, multipliers to 3 decimals). */
export interface SideSeries {
  loss: number[];
  im: number[];
  static: number[];
  /** The best network by mean test pinball, its seed mean and seed range. */
  best?: string;
  bestMean?: number[];
  bestLo?: number[];
  bestHi?: number[];
}

/** `series.{profile}.json`. */
export interface Series {
  dates: string[];
  long: SideSeries;
  short: SideSeries;
}
