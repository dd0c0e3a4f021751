/**
 * e09's parameters and outputs: what `main.ts` writes to `metrics.{profile}.json` and `series.{profile}.json`
 * and `figures.ts` reads back.
 * @module
 */
import type { ForestParams, NetworkParams, SplitParams, SplitPeriod, StudyParams } from "../../../lib/study/mod.ts";
import type { EvaluateResult } from "../../../lib/evaluation/evaluate.ts";
import type { SplitDates } from "../../../lib/study/split.ts";
import type { LocalLimeMetrics, LocalLimeSummary } from "../../../lib/study/local_explanations.ts";

/** The stage's parameters (`params.json`, echoed into the metrics). */
export interface Params extends StudyParams, NetworkParams, ForestParams, SplitParams {
  forwardFeatures: string[];
  seed: number;
  backgroundRows: number;
  explainRows: number;
  shapSamples: number;
  permRepeats: number;
  pdpRows: number;
  pdpGrid: number;
  topFeatures: number;
  iceRows: number;
  localDates: string[];
  /** LIME samples per stress date and model (the row itself included). */
  limeSamples: number;
}

/** One feature's global importance and its ranks (1 = most important). */
export interface FeatureImportance {
  mlpShap: number;
  forestShap: number;
  permMlp: number;
  permMlpSd: number;
  permForest: number;
  permForestSd: number;
  rankMlpShap: number;
  rankForestShap: number;
  rankPermMlp: number;
  rankPermForest: number;
}

/** A top feature of a local explanation. */
export interface LocalTop {
  feature: string;
  value: number;
  phiMlp: number;
  phiForest: number;
  phiForestMean: number;
}

/** A local explanation on one date. */
export interface LocalMetrics {
  date: string;
  period: SplitPeriod;
  r: number;
  loss: number;
  im: number;
  mMlp: number;
  mForest: number;
  mForestMean: number;
  baseMlp: number;
  baseForest: number;
  baseForestMean: number;
  top: LocalTop[];
  /** LIME of the MLP and of the forest's quantile on this date, against the same model's KernelSHAP. */
  lime: Record<"mlp" | "forest", LocalLimeMetrics>;
}

/** One side. */
export interface SideMetrics {
  mlp: { validPinball: number; epochs: number; bestEpoch: number; test: EvaluateResult };
  forest: {
    validPinball: number;
    test: EvaluateResult;
    meanTest: EvaluateResult;
    splitNodes: number;
    quantileVsMeanCorr: number;
    treeShapLocalAccuracyMaxErr: number;
    treeShapVsMeanPredictMaxErr: number;
    treeShapBase: number;
  };
  kernelShap: { exact: boolean; coalitions: number; base: number };
  importance: Record<string, FeatureImportance>;
  top: Record<"mlpShap" | "forestShap" | "permMlp" | "permForest", string[]>;
  agreement: {
    spearmanMlpShapVsPerm: number;
    spearmanMlpVsForestShap: number;
    forwardShareMlpShap: number;
    forwardShareForestShap: number;
  };
  pdp: Record<string, { mlpRange: number; forestRange: number; mlpSlopeSign: number }>;
  local: Record<string, LocalMetrics>;
  /** LIME against KernelSHAP over the stress dates, per model (absent when no stress date is in the data). */
  limeVsShap?: Record<"mlp" | "forest", LocalLimeSummary>;
  missingLocalDates: string[];
}

/** The split and the explanation sizes. */
export interface Design extends SplitDates {
  nTrain: number;
  nTest: number;
  nFeatures: number;
  nForward: number;
  explainRows: number;
  backgroundRows: number;
  forestRows: number;
  /** Largest training value of each feature. */
  trainMax: Record<string, number>;
}

/** `metrics.{profile}.json` (the harness adds `stage`, `version`, `profile`, `reproduce`). */
export interface Metrics {
  params: Params;
  long?: SideMetrics;
  short?: SideMetrics;
  design: Design;
}

/** A feature's importance in the series (6 decimals). */
export interface ImportanceRow {
  feature: string;
  mlpShap: number;
  forestShap: number;
  permMlp: number;
  permMlpSd: number;
  permForest: number;
  permForestSd: number;
}

/** PDP/ICE of one top feature (grid 6 decimals, curves 4). */
export interface PdpSeries {
  feature: string;
  grid: number[];
  mlp: number[];
  forest: number[];
  forestGrid: number[];
  iceMlp: number[][];
}

/** A local explanation's attributions (6 decimals). */
export interface LocalSeries {
  date: string;
  period: SplitPeriod;
  phiMlp: number[];
  phiForest: number[];
  phiForestMean: number[];
  /** The date's feature row (6 decimals). */
  x: number[];
  /** LIME attributions of the MLP and of the forest's quantile, slope · (x − background mean) (6 decimals). */
  limeMlp: number[];
  limeForest: number[];
}

/** A SHAP beeswarm: per explained test row its date, SHAP values and feature values (both 6 decimals). */
export interface BeeswarmSeries {
  dates: string[];
  /** SHAP values, rows × features (the order of `Series.features`). */
  phi: number[][];
  /** Feature values, rows × features (a dot's colour). */
  x: number[][];
}

/** One side's series. */
export interface SideSeries {
  importance: ImportanceRow[];
  pdp: PdpSeries[];
  local: LocalSeries[];
  /** TreeSHAP of the forest's mean prediction on at most 300 evenly spaced test rows (all when fewer). */
  beeswarm: BeeswarmSeries;
  /** KernelSHAP of the MLP on the `explainRows` test rows that the global importance uses (no extra cost). */
  beeswarmMlp: BeeswarmSeries;
}

/** `series.{profile}.json`. */
export interface Series {
  features: string[];
  long?: SideSeries;
  short?: SideSeries;
}
