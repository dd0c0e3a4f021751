/**
 * e08's parameters and outputs: what `main.ts` writes to `metrics.{profile}.json` and `series.{profile}.json`
 * and `figures.ts` reads back.
 * @module
 */
import type { NetworkParams, SplitParams, StudyParams } from "../../../lib/study/mod.ts";
import type { Setting } from "../../../lib/study/sensitivity_settings.ts";
import type { AblationResult, EvaluateResult } from "../../../lib/evaluation/mod.ts";
import type { SplitDates } from "../../../lib/study/split.ts";

/** The stage's parameters (`params.json`, echoed into the metrics). */
export interface Params extends StudyParams, NetworkParams, SplitParams {
  forwardFeatures: string[];
  seeds: number[];
  hiddenGrid: number[];
  lrGrid: number[];
  tauGrid: number[];
  mporGrid: number[];
  mMinGrid: number[];
  mMaxGrid: number[];
  lookbackGrid: number[];
}

type MeanSd = { mean: number; sd: number; n: number };

/** Test metrics (and validation pinball) as mean ± sd over runs. */
export type RunSummary = Record<
  "breachRate" | "exceptions" | "kupiecP" | "marginRatio" | "avgMultiplier" | "pinball" | "validPinball",
  MeanSd
>;

/** One setting of one side. */
export interface SettingMetrics {
  group: Setting["group"];
  label: string;
  tau: number;
  mpor: number;
  lookback: number;
  mMin: number;
  mMax: number;
  hidden: number[];
  lr: number;
  forward: boolean;
  nTrain: number;
  nValid: number;
  nTest: number;
  mlp: RunSummary;
  static: RunSummary;
  baselineHs: EvaluateResult;
}

/** With minus without the forward-looking features. */
export type AblationMetrics = AblationResult & {
  nSeeds: number;
  breachRateDiff: number;
  marginRatioDiff: number;
  validPinballDiff: number;
};

/** The choice on validation. */
export interface SelectionMetrics {
  chosen: Record<string, string>;
  sameAsBase: boolean;
  forward: boolean;
  hidden: number[];
  lr: number;
  mMin: number;
  mMax: number;
  criterion: string;
}

/** One side: every setting by id (and `selected`), the ablation and the selection. */
export type SideMetrics = Record<string, SettingMetrics> & { ablation: AblationMetrics; selection: SelectionMetrics };

/** The split. */
export interface Design extends SplitDates {
  nTrain: number;
  nValid: number;
  nTest: number;
  nSeeds: number;
  nSettings: number;
  nFeatures: number;
  nHistFeatures: number;
  nForwardFeatures: number;
}

/** `metrics.{profile}.json` (the harness adds `stage`, `version`, `profile`, `reproduce`). */
export interface Metrics {
  params: Params;
  long?: SideMetrics;
  short?: SideMetrics;
  design: Design;
}

/** One seed's test point of one setting (4 decimals). */
export interface Point {
  side: string;
  setting: string;
  group: Setting["group"];
  label: string;
  seed: number;
  breachRate: number;
  marginRatio: number;
  pinball: number;
}

/** `series.{profile}.json`. */
export interface Series {
  settings: Pick<Setting, "id" | "group" | "label">[];
  points: Point[];
}
