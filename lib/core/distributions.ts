/**
 * The few distribution functions the coverage tests need, in closed form:
 * chi-square survival with 1 and 2 degrees of freedom and the binomial CDF
 * (the normal CDF and quantile are in `normal.ts`).
 *
 * - `χ²₁` survival: `P(X > x) = 2·(1 − Φ(√x)) = erfc(√(x/2))`;
 * - `χ²₂` survival: `P(X > x) = exp(−x/2)`;
 * - binomial CDF: sum of pmf terms computed in log space (no under/overflow).
 *
 * simple-statistics is not used here: its χ² support is a table of critical values and its
 * `binomialDistribution` truncates the pmf once the cumulative mass is within ε of 1, which loses the far tail
 * that Kupiec's and the traffic light's probabilities need; the golden tests in `distributions_test.ts` pin these.
 *
 * @example
 * ```ts
 * import { binomialCdf, chi2Sf1 } from "./distributions.ts";
 * binomialCdf(4, 250, 0.01); // ≈ 0.8922
 * chi2Sf1(3.841458820694124); // ≈ 0.05
 * ```
 * @module
 */
import { checkInt } from "./check.ts";
import { erfc } from "./normal.ts";

/**
 * Survival function of the chi-square distribution with 1 degree of freedom.
 *
 * @throws {RangeError} when `x` is NaN
 * @example
 * ```ts
 * import { chi2Sf1 } from "./distributions.ts";
 * console.assert(chi2Sf1(0) === 1);
 * ```
 */
export function chi2Sf1(x: number): number {
  if (Number.isNaN(x)) throw new RangeError(`chi2Sf1: x must be a number, got NaN`);
  if (x <= 0) return 1;
  return erfc(Math.sqrt(x / 2));
}

/**
 * Survival function of the chi-square distribution with 2 degrees of freedom.
 *
 * @throws {RangeError} when `x` is NaN
 * @example
 * ```ts
 * import { chi2Sf2 } from "./distributions.ts";
 * console.assert(Math.abs(chi2Sf2(5.991464547107979) - 0.05) < 1e-12);
 * ```
 */
export function chi2Sf2(x: number): number {
  if (Number.isNaN(x)) throw new RangeError(`chi2Sf2: x must be a number, got NaN`);
  if (x <= 0) return 1;
  return Math.exp(-x / 2);
}

function logGammaInt(n: number): number {
  // log((n−1)!) for integer n ≥ 1, exact summation (n is a sample size here, so small enough).
  let s = 0;
  for (let i = 2; i < n; i++) s += Math.log(i);
  return s;
}

/**
 * Binomial probability mass `P(X = k)`, `X ~ Bin(n, p)`.
 *
 * @throws {RangeError} on non-integer or negative `n`, `p` outside [0, 1]
 * @example
 * ```ts
 * import { binomialPmf } from "./distributions.ts";
 * console.assert(Math.abs(binomialPmf(0, 250, 0.01) - 0.99 ** 250) < 1e-15);
 * ```
 */
export function binomialPmf(k: number, n: number, p: number): number {
  checkBinom("binomialPmf", n, p);
  if (!Number.isInteger(k) || k < 0 || k > n) return 0;
  if (p === 0) return k === 0 ? 1 : 0;
  if (p === 1) return k === n ? 1 : 0;
  const lc = logGammaInt(n + 1) - logGammaInt(k + 1) - logGammaInt(n - k + 1);
  return Math.exp(lc + k * Math.log(p) + (n - k) * Math.log1p(-p));
}

function checkBinom(fn: string, n: number, p: number): void {
  checkInt(fn, "n", n, 0);
  if (!(p >= 0 && p <= 1)) throw new RangeError(`${fn}: p must lie in [0, 1], got ${p}`);
}

/**
 * Binomial CDF `P(X ≤ k)`, `X ~ Bin(n, p)`, by recurrence on the pmf.
 *
 * @throws {RangeError} on non-integer or negative `n`, `p` outside [0, 1]
 * @example
 * ```ts
 * import { binomialCdf } from "./distributions.ts";
 * console.assert(Math.abs(binomialCdf(5, 250, 0.01) - 0.9588168159301496) < 1e-12);
 * ```
 */
export function binomialCdf(k: number, n: number, p: number): number {
  checkBinom("binomialCdf", n, p);
  if (Number.isNaN(k)) throw new RangeError(`binomialCdf: k must be a number, got NaN`);
  const kk = Math.floor(k);
  if (kk < 0) return 0;
  if (kk >= n) return 1;
  if (p === 0) return 1;
  if (p === 1) return 0;
  // log pmf(0) = n·log(1−p); pmf(j+1) = pmf(j)·(n−j)/(j+1)·p/(1−p)
  let lp = n * Math.log1p(-p);
  const lr = Math.log(p) - Math.log1p(-p);
  let s = Math.exp(lp);
  for (let j = 0; j < kk; j++) {
    lp += Math.log((n - j) / (j + 1)) + lr;
    s += Math.exp(lp);
  }
  return Math.min(1, s);
}
