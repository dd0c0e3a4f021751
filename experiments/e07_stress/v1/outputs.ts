/**
 * e07's parameters and outputs: what `main.ts` writes to `metrics.{profile}.json` and `series.{profile}.json`
 * and `figures.ts` reads back.
 * @module
 */
import type { NetworkParams, StudyParams } from "../../../lib/study/mod.ts";
import type { EvaluateResult } from "../../../lib/evaluation/evaluate.ts";
import type { MultiplierPathStats } from "../../../lib/evaluation/multiplier_path_stats.ts";
import type { ShockEffect } from "../../../lib/evaluation/shock_response.ts";
import type { FeatureShocks } from "../../../lib/features/feature_shocks.ts";

/** The stage's parameters (`params.json`, echoed into the metrics). */
export interface Params extends StudyParams, NetworkParams {
  sides: string[];
  windowNames: string[];
  windowFrom: string[];
  windowTo: string[];
  validShare: number;
  validMaxRows: number;
  embargo: number;
  minTrain: number;
  seeds: number[];
  shockModelWindow: string;
  shockDates: string[];
  volShockFeatures: string[];
  volShockFactor: number;
  jumpSize: number;
  jumpReturnFeatures: string[];
  jumpVolWindows: number[];
  ewmaLambda: number;
  curveFeatures: string[];
}

type MeanSd = { mean: number; sd: number; n: number };

/** One historical window of one side. */
export interface WindowMetrics {
  from: string;
  to: string;
  n: number;
  trainFrom: string;
  trainTo: string;
  validTo: string;
  nTrain: number;
  nValid: number;
  maxLoss: number;
  maxRatio: number;
  maxIm: number;
  baselineHs: EvaluateResult;
  static: EvaluateResult & { multiplier: number };
  mlpEns: EvaluateResult & MultiplierPathStats;
  mlpSeeds: Record<"breachRate" | "exceptions" | "marginRatio" | "avgMultiplier", MeanSd>;
}

/** The response on one date: the unshocked seed-mean multiplier `m` and each shock's effect. */
export type ShockRow = { date: string; m: number } & Partial<Record<keyof FeatureShocks, ShockEffect>>;

/** The shock responses by date, keyed `d<yyyymmdd>`. */
export type ShockTable = Record<string, ShockRow>;

/** One side: its windows by name, and `shocks` (of the `shockModelWindow`'s networks). */
export type SideMetrics = Record<string, WindowMetrics> & { shocks?: ShockTable };

/** `metrics.{profile}.json` (the harness adds `stage`, `version`, `profile`, `reproduce`). */
export interface Metrics {
  params: Params;
  long?: SideMetrics;
  short?: SideMetrics;
  design: { dataEnd: string; nWindows: number; nSeeds: number; shockModelWindow: string; nShockDates: number };
}

/** One window's daily series (USD rounded, multipliers to 4 decimals). */
export interface WindowSeries {
  dates: readonly string[];
  loss: number[];
  im: number[];
  static: number;
  m: number[];
  mLo: number[];
  mHi: number[];
  breachMlp: number[];
  breachStatic: number[];
}

/** `series.{profile}.json`: per side, per window. */
export type Series = Partial<Record<"long" | "short", Record<string, WindowSeries>>>;
