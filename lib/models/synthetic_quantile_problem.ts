/**
 * A small synthetic problem with a known conditional quantile, for the
 * forecaster contract tests and the benches:
 * `r = 1 + 0.3·x1 + s(x1)·ε`, `s(x1) = 0.05 + 0.05·(1 + x1)`, `ε ~ N(0,1)`,
 * `x1 ~ U(−1, 1)`, plus `d − 1` pure-noise features. The true conditional
 * τ-quantile is `1 + 0.3·x1 + s(x1)·Φ⁻¹(τ)`.
 * @module
 */
import { createPrng } from "../core/prng.ts";
import { validateTau } from "../target/target_config.ts";
import type { Dataset } from "./dataset.ts";

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
  const z = normalQuantile(opts.tau);
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

/**
 * Standard normal quantile Φ⁻¹(p) (Acklam's rational approximation, |error| < 1.2e-9).
 *
 * @example
 * ```ts
 * console.assert(Math.abs(normalQuantile(0.975) - 1.959964) < 1e-6);
 * ```
 */
export function normalQuantile(p: number): number {
  validateTau(p, "p");
  const a = [
    -39.69683028665376,
    220.9460984245205,
    -275.9285104469687,
    138.357751867269,
    -30.66479806614716,
    2.506628277459239,
  ];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [
    -0.007784894002430293,
    -0.3223964580411365,
    -2.400758277161838,
    -2.549732539343734,
    4.374664141464968,
    2.938163982698783,
  ];
  const e = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const lo = 0.02425;
  if (p < lo) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
      ((((e[0] * q + e[1]) * q + e[2]) * q + e[3]) * q + 1);
  }
  if (p > 1 - lo) return -normalQuantile(1 - p);
  const q = p - 0.5, r = q * q;
  return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q /
    (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
}
