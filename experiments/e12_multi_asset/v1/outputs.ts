/**
 * e12 v1's parameters and outputs: what `main.ts` writes to `metrics.{profile}.json` and `series.{profile}.json`
 * and `figures.ts` reads back.
 * @module
 */
import type { NetworkParams, StudyParams } from "../../../lib/study/mod.ts";
import type { ParamSchema } from "../../../lib/pipeline/params.ts";
import { NETWORK_SCHEMA, STUDY_SCHEMA } from "../../../lib/study/study_params.ts";
import { EQUAL_COVERAGE_SCHEMA, type EqualCoverageParams } from "../../../lib/study/equal_coverage_params.ts";
import { PANEL_MODELS, POOLED_MODELS } from "../../../lib/study/panel_walk_forward.ts";
import type {
  EqualCoverageHeadline,
  EqualCoverageTable,
  FrontierRow,
} from "../../../lib/study/equal_coverage_study.ts";
import type { PositionSpan } from "../../../lib/study/position_panel.ts";
import { intervalVerdict } from "../../../lib/study/panel_coverage.ts";

/** The stage's parameter schema. */
export const SCHEMA: ParamSchema = {
  ...STUDY_SCHEMA,
  ...NETWORK_SCHEMA,
  floorLookback: EQUAL_COVERAGE_SCHEMA.floorLookback,
  fhsLambda: EQUAL_COVERAGE_SCHEMA.fhsLambda,
  fhsBurnIn: EQUAL_COVERAGE_SCHEMA.fhsBurnIn,
  blockLength: EQUAL_COVERAGE_SCHEMA.blockLength,
  resamples: EQUAL_COVERAGE_SCHEMA.resamples,
  bootstrapSeed: EQUAL_COVERAGE_SCHEMA.bootstrapSeed,
  kGrid: EQUAL_COVERAGE_SCHEMA.kGrid,
  kupiecSims: EQUAL_COVERAGE_SCHEMA.kupiecSims,
  aciGammaGrid: EQUAL_COVERAGE_SCHEMA.aciGammaGrid,
  aciWarmup: EQUAL_COVERAGE_SCHEMA.aciWarmup,
  testYears: { type: "integer[]", min: 1990, max: 2030, minLength: 1 },
  embargo: { type: "integer", min: 0 },
  validShare: { type: "number", min: 0.05, max: 0.5 },
  models: { type: "string[]", enum: PANEL_MODELS, minLength: 1 },
  pooledModels: { type: "string[]", enum: POOLED_MODELS },
  poolType: { type: "string", enum: ["group", "position"] },
  seeds: { type: "integer[]", minLength: 1 },
  linearRidge: { type: "number", min: 0 },
  trafficSims: { type: "integer", min: 100 },
  workers: { type: "integer", min: 1, max: 8 },
};

/** The stage's parameters (`params.json`, echoed into the metrics). */
export interface Params extends
  StudyParams,
  NetworkParams,
  Pick<
    EqualCoverageParams,
    | "floorLookback"
    | "fhsLambda"
    | "fhsBurnIn"
    | "blockLength"
    | "resamples"
    | "bootstrapSeed"
    | "kGrid"
    | "kupiecSims"
    | "aciGammaGrid"
    | "aciWarmup"
  > {
  testYears: number[];
  embargo: number;
  validShare: number;
  models: string[];
  pooledModels: string[];
  poolType: "group" | "position";
  seeds: number[];
  linearRidge: number;
  trafficSims: number;
  workers: number;
}

/** An estimate with its 95% paired block-bootstrap interval. */
export interface Interval {
  estimate: number;
  lo: number;
  hi: number;
}

/** Where an interval lies against 1 (`intervalVerdict`), and the learned rules whose interval is below 1. */
export interface Verdicts {
  /** Display name of the best learned rule. */
  bestLabel: string;
  bestVerdict: "below" | "above" | "includes 1";
  linearVerdict: "below" | "above" | "includes 1";
  /** Display names of the learned rules significantly below static, joined with "; ", or "none". */
  belowStatic: string;
}

/** The headline of one position group (its positions pooled on their common test days). */
export interface GroupHeadline extends EqualCoverageHeadline, Verdicts {
  positions: number;
  testFrom: string;
  testTo: string;
}

/** `headline` (issue 14, "Metrics the paper and checks read"), pooled over the whole panel on its union calendar. */
export interface Headline extends Verdicts {
  /** Number of positions in the panel. */
  positions: number;
  /** First and last test date (ISO). */
  testFrom: string;
  testTo: string;
  /** The learned rule with the lowest pooled margin at the 1% breach rate, its ratio to static and linear QR's. */
  bestModel: string;
  marginAtTargetVsStatic: Interval;
  linearAtTargetVsStatic: Interval;
  /** Every learned rule's pooled ratio. */
  learnedAtTargetVsStatic: Record<string, Interval>;
  /** Per position group. */
  groups: Record<string, GroupHeadline>;
}

/** Every rule: pooled over a group's positions and per position. */
export type EqualCoverage = EqualCoverageTable;

/** `metrics.{profile}.json` (the harness adds `stage`, `version`, `profile`, `reproduce`). */
export interface Metrics {
  params: Params;
  /** The target breach rate 1 − τ. */
  target: number;
  headline: Headline;
  /** Rule names by family, in table order. */
  rules: { baselines: string[]; learned: string[]; all: string[] };
  /** Per position group: every rule pooled over the group and per position. */
  equalCoverage: Record<string, EqualCoverage>;
  /** The panel: every position's spans, group, test years and fit counts. */
  design: {
    spans: PositionSpan[];
    testYears: Record<string, number[]>;
    features: Record<string, string[]>;
    fits: { perPosition: number; pooled: number };
    /** Training rows of the pooled fits per test year. */
    pooledTrainRows: Record<string, number>;
  };
}

/** `series.{profile}.json`: per position and rule, the frontier over the k grid. */
export interface Series {
  frontier: Record<string, Record<string, FrontierRow[]>>;
}

/** Display names of the rules. */
export const MODEL_LABELS: Record<string, string> = {
  baselineHs: "HS VaR (m = 1)",
  static: "Static",
  linear: "Linear QR, per position",
  mlp: "MLP, per position",
  staticPooled: "Static, pooled",
  linearPooled: "Linear QR, pooled",
  mlpPooled: "MLP, pooled",
  fhs: "FHS",
  flooredHs: "Floored HS",
  apcBuffer: "FHS + 25% buffer",
  apcStressWeight: "FHS + 25% stressed weight",
  apcFloor: "FHS + floor",
};

/** Position groups in table order. */
export const GROUPS = ["oil-futures", "oil-spread", "spot", "rates"] as const;

/**
 * The verdicts of a scope from its learned rules' intervals.
 *
 * @example
 * ```ts
 * import { verdicts } from "./outputs.ts";
 * const iv = (e: number) => ({ estimate: e, lo: e - 0.05, hi: e + 0.05 });
 * const v = verdicts({ linear: iv(0.9), mlpPooled: iv(1) }, "mlpPooled");
 * console.assert(v.belowStatic === "Linear QR, per position" && v.bestVerdict === "includes 1");
 * ```
 */
export function verdicts(at: Record<string, { lo: number; hi: number }>, best: string): Verdicts {
  const below = Object.keys(at).filter((r) => intervalVerdict(at[r]) === "below");
  return {
    bestLabel: MODEL_LABELS[best] ?? best,
    bestVerdict: intervalVerdict(at[best]),
    linearVerdict: intervalVerdict(at.linear),
    belowStatic: below.length > 0 ? below.map((r) => MODEL_LABELS[r] ?? r).join("; ") : "none",
  };
}
