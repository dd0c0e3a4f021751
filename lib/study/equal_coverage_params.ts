/**
 * Parameters of the equal-coverage core study (e04 v2) beyond v1's: the clearing-house baselines, the stability-aware
 * and FHS-based learned rules, the out-of-distribution guard, the bootstrap, the frontier, the overlap-aware Kupiec
 * null and the conformal layer; with their `params.json` schema fragment.
 *
 * @example
 * ```ts
 * import { CORE_STUDY_SCHEMA, EQUAL_COVERAGE_SCHEMA } from "./equal_coverage_params.ts";
 * const schema = { ...CORE_STUDY_SCHEMA, ...EQUAL_COVERAGE_SCHEMA }; // e04 v2's params.json schema
 * console.assert("resamples" in schema && "testYears" in schema);
 * ```
 * @module
 */
import type { ParamSchema } from "../pipeline/params.ts";
import { FOREST_SCHEMA, NETWORK_SCHEMA, SEQUENCE_SCHEMA, STUDY_SCHEMA } from "./study_params.ts";
import { CORE_MODELS } from "./walk_forward_batch.ts";

/**
 * Schema of the core study's walk-forward and synthetic-track parameters (e04 v1's keys): the study, networks, forest
 * and sequence fragments plus the folds, models, seeds, traffic-light simulations, workers and synthetic paths.
 *
 * @example
 * ```ts
 * import { CORE_STUDY_SCHEMA } from "./equal_coverage_params.ts";
 * console.assert("synthSeeds" in CORE_STUDY_SCHEMA && "mlpHidden" in CORE_STUDY_SCHEMA);
 * ```
 */
export const CORE_STUDY_SCHEMA: ParamSchema = {
  ...STUDY_SCHEMA,
  ...NETWORK_SCHEMA,
  ...FOREST_SCHEMA,
  ...SEQUENCE_SCHEMA,
  forwardFeatures: { type: "string[]" },
  testYears: { type: "integer[]", min: 1990, max: 2030, minLength: 1 },
  embargo: { type: "integer", min: 0 },
  validShare: { type: "number", min: 0.05, max: 0.5 },
  models: { type: "string[]", enum: CORE_MODELS, minLength: 1 },
  seeds: { type: "integer[]", minLength: 1 },
  linearRidge: { type: "number", min: 0 },
  trafficSims: { type: "integer", min: 100 },
  workers: { type: "integer", min: 1, max: 8 },
  synthDays: { type: "integer", min: 0 },
  synthSeeds: { type: "integer[]", min: 0, minLength: 1 },
  synthPaths: { type: "integer", min: 100 },
  synthModels: { type: "string[]", enum: CORE_MODELS },
  synthForward: { type: "string[]" },
  synthFolds: { type: "integer", min: 1 },
  synthTestShare: { type: "number", min: 0.05, max: 0.8 },
};

/** The equal-coverage study's own parameters. */
export interface EqualCoverageParams {
  /** 10-year floor window (h-day P&Ls), FHS decay and EWMA burn-in days. */
  floorLookback: number;
  fhsLambda: number;
  fhsBurnIn: number;
  /** Models also fitted on `loss / FHS` (rules `<model>Fhs`). */
  fhsModels: string[];
  /** Smoothness weight μ of `mlpSmooth`: the training loss adds μ·mean(|m_t − m_{t−1}|) over time-ordered pairs. */
  smoothness: number;
  /** Bounds of the add-on-only MLP `mlpAddOn`. */
  addOnMin: number;
  addOnMax: number;
  /** Slack of the out-of-distribution guard (`mlpGuard`), as a share of each feature's fitted range. */
  guardSlack: number;
  /** Moving-block bootstrap: block length (days), resamples, seed. */
  blockLength: number;
  resamples: number;
  bootstrapSeed: number;
  /** Scales of the frontier. */
  kGrid: number[];
  /** Simulations of Kupiec's null under overlapping windows. */
  kupiecSims: number;
  /**
   * Adaptive conformal layer: the fixed grid of steps γ (chosen per rule and position on the first fold's fitting
   * rows only, never on test days) and the warm-up days.
   */
  aciGammaGrid: number[];
  aciWarmup: number;
}

/** Schema of {@link EqualCoverageParams} (a clearing-house referee's minimums: block ≥ 20 days, ≥ 1,000 resamples). */
export const EQUAL_COVERAGE_SCHEMA: ParamSchema = {
  floorLookback: { type: "integer", min: 250 },
  fhsLambda: { type: "number", min: 0, max: 0.9999 },
  fhsBurnIn: { type: "integer", min: 0 },
  fhsModels: { type: "string[]", enum: ["static", "linear", "mlp"], minLength: 1 },
  smoothness: { type: "number", min: 0 },
  addOnMin: { type: "number", min: 0 },
  addOnMax: { type: "number", min: 1 },
  guardSlack: { type: "number", min: 0 },
  blockLength: { type: "integer", min: 20 },
  resamples: { type: "integer", min: 1000 },
  bootstrapSeed: { type: "integer", min: 0 },
  kGrid: { type: "number[]", min: 0, minLength: 2 },
  kupiecSims: { type: "integer", min: 100 },
  aciGammaGrid: { type: "number[]", min: 0, minLength: 1 },
  aciWarmup: { type: "integer", min: 0 },
};
