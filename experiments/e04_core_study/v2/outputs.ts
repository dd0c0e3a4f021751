/**
 * e04 v2's parameters and outputs: what `main.ts` writes to `metrics.{profile}.json` and `series.{profile}.json`
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
import type { TuningParams } from "../../../lib/study/study_params.ts";
import type { SeriesTuning } from "../../../lib/study/series_tuning_record.ts";
import type { WalkForwardSideMetrics } from "../../../lib/study/walk_forward_evaluation.ts";
import type { SyntheticMetrics } from "../../../lib/study/synthetic_evaluation.ts";
import type { EqualCoverageParams } from "../../../lib/study/equal_coverage_params.ts";
import type { CoreStudyDesign } from "../../../lib/study/core_study_design.ts";
import type { CoreStudyHeadline } from "../../../lib/study/core_study_headline.ts";
import type { TrainingSummary } from "../../../lib/study/training_summary.ts";
import type { EqualCoverageTable, FrontierRow } from "../../../lib/study/equal_coverage_study.ts";

/** The stage's parameters (`params.json`, echoed into the metrics). */
export interface Params
  extends StudyParams, NetworkParams, ForestParams, SequenceParams, SyntheticParams, EqualCoverageParams, TuningParams {
  testYears: number[];
  models: string[];
  linearRidge: number;
  trafficSims: number;
  workers: number;
}

/** The study design (sample, folds, fits). */
export type Design = CoreStudyDesign;

/** Every rule: pooled over positions and per position. */
export type EqualCoverage = EqualCoverageTable;

/** `metrics.{profile}.json` (the harness adds `stage`, `version`, `profile`, `reproduce`). */
export interface Metrics {
  params: Params;
  /** The target breach rate 1 − τ. */
  target: number;
  /** The core study's headline: pooled over the panel, the synthetic oracle capture, the WTI answer under `wti`. */
  headline: CoreStudyHeadline;
  /** Display name of the WTI study's best model (`headline.wti.bestModel`). */
  bestModelLabel: string;
  /** Rule names by family, in table order. */
  rules: { baselines: string[]; learned: string[]; all: string[] };
  equalCoverage: EqualCoverage;
  /** Share of test days on which the guard fell back to static, per side. */
  guardShare: Record<string, number>;
  long: WalkForwardSideMetrics;
  short: WalkForwardSideMetrics;
  design: Design;
  /** Every network fit's kept epoch against the cap `netEpochs` (early stopping on the validation tail). */
  training: TrainingSummary;
  /** The real track's networks tuned by rolling-origin CV in each training window: grids, scores and choices. */
  tuning: SeriesTuning;
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
  /** Per position and rule, the frontier over the k grid. */
  frontier: Record<string, Record<string, FrontierRow[]>>;
  /** The networks' training curves on the first test year's fit, every seed (losses to 6 significant digits). */
  training: TrainingCurveSeries[];
}

/** One network fit's training curve (`lib/study` `trainingCurves`): loss per epoch and the kept epoch. */
export interface TrainingCurveSeries {
  /** Rule name (e.g. "mlp", "mlpAddOn"; on the FHS baseline the fitted model's name, e.g. "mlp"). */
  model: string;
  /** Network kind: "mlp", "lstm" or "transformer". */
  kind: string;
  /** "long" or "short". */
  position: string;
  /** The ratio's baseline: "hs" (`loss / HS VaR`) or "fhs" (`loss / FHS`, the `<model>Fhs` rules). */
  baseline: "hs" | "fhs";
  testYear: number;
  seed: number;
  /** Epochs run, 1..n (early stopping may end before `netEpochs`). */
  epochs: number[];
  /** Training loss per epoch (the network's objective on the training rows). */
  train: number[];
  /** Validation loss per epoch. */
  val: number[];
  /** The epoch whose weights were kept, 1-based. */
  bestEpoch: number;
}

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
  fhs: "FHS",
  flooredHs: "Floored HS (10 y)",
  apcBuffer: "FHS + 25% buffer",
  apcStressWeight: "FHS + 25% stressed weight",
  apcFloor: "FHS + 10-year floor",
  mlpSmooth: "MLP, smoothness penalty",
  mlpAddOn: "MLP, add-on only [1, 1.5]",
  mlpGuard: "MLP with OOD guard",
  staticFhs: "Static on FHS",
  linearFhs: "Linear QR on FHS",
  mlpFhs: "MLP on FHS",
};
