/**
 * The study parameters the lib/study tests share: the study design of a small crude-oil study (2-day MPOR, 99% HS
 * baseline over 50 overlapping P&Ls, τ = 0.99, bounds [0.8, 1.5], 1000-barrel contracts), its walk-forward design,
 * and a tiny fit of the explained models (a 4-unit MLP trained for 2 epochs, a 3-tree forest). Test-only.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { testStudyParams } from "./study_params_fixture.ts";
 * const p = testStudyParams({ lookback: 100, features: ["rv_20d"] });
 * assert.equal(p.lookback, 100);
 * assert.equal(p.tau, 0.99);
 * ```
 * @module
 */

/** The shared study design, with `extra` keys added or replacing the defaults. */
export function testStudyParams<T extends object>(extra: T) {
  return { mpor: 2, imTau: 0.99, lookback: 50, contractBbl: 1000, tau: 0.99, mMin: 0.8, mMax: 1.5, ...extra };
}

/**
 * The walk-forward design of the study tests (with {@link testStudyParams}): sample to 2013, test years 2012 and 2013,
 * VIX as the forward-looking feature, embargo 2, a fifth of the pre-test rows for validation, seeds 1 and 2.
 */
export const TEST_WALK_FORWARD = {
  sampleEnd: "2013-12-31",
  forwardFeatures: ["vix"],
  testYears: [2012, 2013],
  embargo: 2,
  validShare: 0.2,
  seeds: [1, 2],
};

/** A tiny fit of the explained models (pinball at τ = 0.9, bounds [0.5, 2]): 4-unit MLP, 3-tree forest. */
export const TEST_EXPLAINED_FIT = {
  tau: 0.9,
  mMin: 0.5,
  mMax: 2,
  netEpochs: 2,
  netBatch: 64,
  netLr: 0.01,
  netPatience: 2,
  mlpHidden: [4],
  forestTrees: 3,
  forestMaxDepth: 3,
  forestMinLeaf: 10,
  forestMaxRows: 200,
};
