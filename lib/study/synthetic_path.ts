/**
 * The synthetic-market study dataset (the synthetic track of the core study):
 * independent paths of the seeded synthetic market (one per `synthSeeds`
 * entry), each with its option chains, features, HS VaR baseline and the
 * oracle multiplier clip(q*_t / IM_t) from the true conditional quantile q*_t
 * ({@link buildSyntheticPath}). On every path the models are fitted
 * walk-forward over `synthFolds` blocks of the last `synthTestShare` of the
 * rows, with the same embargo and validation rule as the real track
 * ({@link syntheticJobs}); `synthetic_evaluation.ts` compares them with the oracle.
 *
 * @example
 * ```ts
 * import { buildSyntheticPath, syntheticJobs } from "./synthetic_path.ts";
 * const p = { mpor: 2, imTau: 0.99, lookback: 100, contractBbl: 1000, tau: 0.99, mMin: 0.8, mMax: 1.5,
 *   features: ["rv_20d", "ewma_to_im"], forwardFeatures: [], embargo: 2, validShare: 0.2, seeds: [1],
 *   synthDays: 500, synthSeeds: [42], synthPaths: 100, synthModels: ["static"], synthForward: ["atm_vol_21d"],
 *   synthFolds: 1, synthTestShare: 0.3 };
 * const path = buildSyntheticPath(p, 42);
 * console.assert(path.features.join() === "rv_20d,ewma_to_im,atm_vol_21d" && syntheticJobs(path, p).length === 2);
 * ```
 * @module
 */
import type { StudySide } from "./crude_study.ts";
import type { StudyMatrix } from "./dataset.ts";
import { type FitJob, walkForwardJobs } from "./fit_jobs.ts";
import type { StudyParams } from "./study_params.ts";
import type { Fold } from "./walk_forward.ts";
import { buildDgpPath } from "./synthetic_dgp_path.ts";
import { syntheticDgp } from "./synthetic_dgp.ts";

/** The parameters the synthetic track reads. */
export interface SyntheticParams extends Omit<StudyParams, "sampleEnd"> {
  forwardFeatures: string[];
  embargo: number;
  validShare: number;
  seeds: number[];
  synthDays: number;
  synthSeeds: number[];
  synthPaths: number;
  synthModels: string[];
  synthForward: string[];
  synthFolds: number;
  synthTestShare: number;
}

/** One side of one path: the study matrix, its folds, and per row the baseline IM and the oracle multiplier. */
export interface SyntheticSide {
  data: StudyMatrix;
  folds: Fold[];
  im: Float64Array;
  oracle: Float64Array;
}

/** One market path. */
export interface SyntheticPath {
  seed: number;
  stressShare: number;
  histFeatures: string[];
  features: string[];
  long: SyntheticSide;
  short: SyntheticSide;
}

const SIDES: readonly StudySide[] = ["long", "short"];

/**
 * Cross-field checks of the synthetic track: `synthModels` must include `"static"` (the benchmark) and no
 * sequence model (a path's sample rows may have gaps).
 *
 * @throws {RangeError} naming the parameter and the value
 * @example
 * ```ts
 * import { checkSyntheticParams } from "./synthetic_path.ts";
 * checkSyntheticParams({ synthDays: 1500, synthModels: ["static", "mlp"] });
 * ```
 */
export function checkSyntheticParams(p: Pick<SyntheticParams, "synthDays" | "synthModels">): void {
  if (p.synthDays <= 0) return;
  if (!p.synthModels.includes("static")) throw new RangeError(`synthModels must include "static" (the benchmark)`);
  for (const k of p.synthModels) {
    if (k === "lstm" || k === "transformer") {
      throw new RangeError(`synthModels: sequence model "${k}" is not supported (rows may have gaps)`);
    }
  }
}

/**
 * Key of a path's side in the fit batch.
 *
 * @example
 * ```ts
 * import { syntheticKey } from "./synthetic_path.ts";
 * console.assert(syntheticKey(42, "long") === "synthetic42|long");
 * ```
 */
export function syntheticKey(seed: number, side: StudySide): string {
  return `synthetic${seed}|${side}`;
}

/**
 * Whether a fit-batch data key is a synthetic path's ({@link syntheticKey}).
 *
 * @example
 * ```ts
 * import { isSyntheticKey } from "./synthetic_path.ts";
 * console.assert(isSyntheticKey("synthetic42|short") && !isSyntheticKey("fhs|long"));
 * ```
 */
export function isSyntheticKey(key: string): boolean {
  return /^synthetic\d+\|/.test(key);
}

/**
 * Build one market path: market, features (the historical `features` the synthetic frame has, then
 * `synthForward`), baseline IM, oracle, study matrices and folds per side.
 *
 * @throws {RangeError} when a `synthForward` entry is not a synthetic feature
 * @example
 * ```ts
 * import { buildSyntheticPath } from "./synthetic_path.ts";
 * const path = buildSyntheticPath({ mpor: 2, imTau: 0.99, lookback: 100, contractBbl: 1000, tau: 0.99,
 *   mMin: 0.8, mMax: 1.5, features: ["rv_20d"], forwardFeatures: [], embargo: 2, validShare: 0.2, seeds: [1],
 *   synthDays: 500, synthSeeds: [7], synthPaths: 100, synthModels: ["static"], synthForward: [], synthFolds: 1,
 *   synthTestShare: 0.3 }, 7);
 * console.assert(path.long.oracle.every((m) => m >= 0.8 && m <= 1.5));
 * ```
 */
export function buildSyntheticPath(p: SyntheticParams, seed: number): SyntheticPath {
  return buildDgpPath(p, seed, syntheticDgp("baseline"));
}

/**
 * The fit jobs of a path (both sides); `mlpHist` is the MLP on the historical features only.
 *
 * @example
 * ```ts
 * import { buildSyntheticPath, syntheticJobs } from "./synthetic_path.ts";
 * const p = { mpor: 2, imTau: 0.99, lookback: 100, contractBbl: 1000, tau: 0.99, mMin: 0.8, mMax: 1.5,
 *   features: ["rv_20d"], forwardFeatures: [], embargo: 2, validShare: 0.2, seeds: [1, 2], synthDays: 500,
 *   synthSeeds: [7], synthPaths: 100, synthModels: ["static", "mlpHist"], synthForward: [], synthFolds: 1,
 *   synthTestShare: 0.3 };
 * console.assert(syntheticJobs(buildSyntheticPath(p, 7), p).length === 2 * (1 + 2)); // static once, MLP per seed
 * ```
 */
export function syntheticJobs(path: SyntheticPath, p: SyntheticParams): FitJob[] {
  const models = p.synthModels.map((m) => ({
    model: m,
    kind: (m === "mlpHist" ? "mlp" : m) as FitJob["kind"],
    features: m === "mlpHist" ? path.histFeatures : path.features,
  }));
  return SIDES.flatMap((s) => walkForwardJobs(syntheticKey(path.seed, s), path[s].folds.length, models, p.seeds));
}
