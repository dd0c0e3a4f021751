/**
 * e07's parameters (and their schema) and outputs: what `main.ts` writes to `metrics.{profile}.json` and
 * `series.{profile}.json` and `figures.ts` reads back.
 * @module
 */
import type { ParamSchema } from "../../../lib/pipeline/params.ts";
import { NETWORK_SCHEMA, type NetworkParams, STUDY_SCHEMA, type StudyParams } from "../../../lib/study/mod.ts";
import { EQUAL_COVERAGE_SCHEMA } from "../../../lib/study/equal_coverage_params.ts";
import type { CcpRule } from "../../../lib/study/margin_rules.ts";
import type { WindowRuleStats } from "../../../lib/evaluation/window_rule_stats.ts";
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
  /** Clearing-house rules (`lib/study` `ccpMargins`): 10-year floor window, FHS decay and EWMA burn-in. */
  floorLookback: number;
  fhsLambda: number;
  fhsBurnIn: number;
  /** Kupiec's null simulated under overlapping h-day windows: simulations and seed. */
  kupiecSims: number;
  kupiecSeed: number;
}

/** Schema of {@link Params} (the study's and network's, e07's own, the core study's clearing-house keys). */
export const SCHEMA: ParamSchema = {
  ...STUDY_SCHEMA,
  ...NETWORK_SCHEMA,
  sides: { type: "string[]", enum: ["long", "short"], minLength: 1 },
  windowNames: { type: "string[]", minLength: 1 },
  windowFrom: { type: "string[]", minLength: 1 },
  windowTo: { type: "string[]", minLength: 1 },
  validShare: { type: "number", min: 0.05, max: 0.5 },
  validMaxRows: { type: "integer", min: 20 },
  embargo: { type: "integer", min: 0 },
  minTrain: { type: "integer", min: 50 },
  seeds: { type: "integer[]", min: 0, minLength: 1 },
  shockModelWindow: { type: "string" },
  shockDates: { type: "string[]", minLength: 1 },
  volShockFeatures: { type: "string[]", minLength: 1 },
  volShockFactor: { type: "number", min: 0 },
  jumpSize: { type: "number", min: -0.99, max: 0.99 },
  jumpReturnFeatures: { type: "string[]" },
  jumpVolWindows: { type: "integer[]", min: 1 },
  ewmaLambda: { type: "number", min: 0, max: 1 },
  curveFeatures: { type: "string[]", minLength: 1 },
  floorLookback: EQUAL_COVERAGE_SCHEMA.floorLookback,
  fhsLambda: EQUAL_COVERAGE_SCHEMA.fhsLambda,
  fhsBurnIn: EQUAL_COVERAGE_SCHEMA.fhsBurnIn,
  kupiecSims: EQUAL_COVERAGE_SCHEMA.kupiecSims,
  kupiecSeed: { type: "integer", min: 0 },
};

/**
 * The margin rules scored alike in every window (`windowRules`): the HS VaR (m = 1), the static multiplier, the
 * MLP's seed-mean multiplier (each × HS VaR), and the clearing-house rules (FHS, floored HS, the EMIR Art. 28 tools
 * on FHS).
 */
export type WindowRule = "baselineHs" | "static" | "mlpEns" | CcpRule;

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
  /** Every rule with the same statistics (margin ratio against static; overlap-aware Kupiec; procyclicality). */
  rules: Record<WindowRule, WindowRuleStats>;
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
