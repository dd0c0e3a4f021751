/**
 * A small synthetic problem with a known conditional quantile, for the
 * forecaster contract tests and the benches:
 * `r = 1 + 0.3·x1 + s(x1)·ε`, `s(x1) = 0.05 + 0.05·(1 + x1)`, `ε ~ N(0,1)`,
 * `x1 ~ U(−1, 1)`, plus `d − 1` pure-noise features. The true conditional
 * τ-quantile is `1 + 0.3·x1 + s(x1)·Φ⁻¹(τ)`.
 * @module
 */
import { createPrng } from "../core/prng.ts";
import { validateTau } from "../targets/target_config.ts";
import type { Dataset } from "../models/dataset.ts";
import { normInv } from "../core/normal.ts";

/** Output of {@link syntheticQuantileProblem}. */
export interface SyntheticQuantileProblem {
  readonly train: Dataset;
  readonly valid: Dataset;
  readonly test: Dataset;
  /** True conditional τ-quantile of `r` for each test row. */
  readonly testQuantile: Float64Array;
}

/**
 * Generate consecutive train / valid / test splits (time-ordered, daily dates
 * from 2000-01-01).
 *
 * @throws {RangeError} on non-positive sizes, `d < 1` or `tau ∉ (0,1)`
 * @example
 * ```ts
 * const p = syntheticQuantileProblem({ nTrain: 400, nValid: 100, nTest: 200, seed: 1, tau: 0.9 });
 * ```
 */
export function syntheticQuantileProblem(opts: {
  nTrain: number;
  nValid: number;
  nTest: number;
  seed: number;
  tau: number;
  d?: number;
}): SyntheticQuantileProblem {
  const d = opts.d ?? 3;
  for (const k of ["nTrain", "nValid", "nTest"] as const) {
    if (!Number.isInteger(opts[k]) || opts[k] < 1) {
      throw new RangeError(`syntheticQuantileProblem: ${k} must be an integer ≥ 1, got ${opts[k]}`);
    }
  }
  if (!Number.isInteger(d) || d < 1) {
    throw new RangeError(`syntheticQuantileProblem: d must be an integer ≥ 1, got ${d}`);
  }
  validateTau(opts.tau);
  const z = normInv(opts.tau);
  const rng = createPrng(opts.seed);
  let day = 0;
  const make = (n: number): [Dataset, Float64Array] => {
    const x = new Float64Array(n * d), r = new Float64Array(n), q = new Float64Array(n);
    const dates: string[] = [];
    for (let i = 0; i < n; i++) {
      const x1 = 2 * rng.next() - 1;
      x[i * d] = x1;
      for (let j = 1; j < d; j++) x[i * d + j] = rng.normal();
      const s = 0.05 + 0.05 * (1 + x1);
      r[i] = 1 + 0.3 * x1 + s * rng.normal();
      q[i] = 1 + 0.3 * x1 + s * z;
      dates.push(new Date(Date.UTC(2000, 0, 1 + day++)).toISOString().slice(0, 10));
    }
    return [{ x, d, r, dates }, q];
  };
  const [train] = make(opts.nTrain), [valid] = make(opts.nValid), [test, testQuantile] = make(opts.nTest);
  return { train, valid, test, testQuantile };
}
