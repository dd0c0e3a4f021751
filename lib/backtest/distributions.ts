/**
 * The few distribution functions the coverage tests need, in closed form:
 * chi-square survival with 1 and 2 degrees of freedom, the binomial CDF, and
 * the standard normal quantile.
 *
 * - `χ²₁` survival: `P(X > x) = 2·(1 − Φ(√x)) = erfc(√(x/2))`;
 * - `χ²₂` survival: `P(X > x) = exp(−x/2)`;
 * - binomial CDF: sum of pmf terms computed in log space (no under/overflow).
 *
 * @example
 * ```ts
 * import { binomialCdf, chi2Sf1 } from "./distributions.ts";
 * binomialCdf(4, 250, 0.01); // ≈ 0.8922
 * chi2Sf1(3.841458820694124); // ≈ 0.05
 * ```
 * @module
 */
import { erfc, normCdf } from "../market/black76.ts";

/**
 * Survival function of the chi-square distribution with 1 degree of freedom.
 *
 * @throws {RangeError} when `x` is NaN
 * @example
 * ```ts
 * chi2Sf1(0); // 1
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
 * chi2Sf2(5.991464547107979); // ≈ 0.05
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
 * binomialPmf(0, 250, 0.01); // ≈ 0.0811
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
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`${fn}: n must be an integer >= 0, got ${n}`);
  if (!(p >= 0 && p <= 1)) throw new RangeError(`${fn}: p must lie in [0, 1], got ${p}`);
}

/**
 * Binomial CDF `P(X ≤ k)`, `X ~ Bin(n, p)`, by recurrence on the pmf.
 *
 * @throws {RangeError} on non-integer or negative `n`, `p` outside [0, 1]
 * @example
 * ```ts
 * binomialCdf(5, 250, 0.01); // ≈ 0.9588
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

/**
 * Standard normal quantile `Φ⁻¹(p)`: Acklam's rational approximation polished
 * by two Newton steps on the accurate `normCdf` (relative error ~1e-15).
 *
 * @throws {RangeError} when `p` is outside (0, 1)
 * @example
 * ```ts
 * normInv(0.99); // ≈ 2.3263478740408408
 * ```
 */
export function normInv(p: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`normInv: p must lie in (0, 1), got ${p}`);
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
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  let x: number;
  if (p < 0.02425) {
    const q = Math.sqrt(-2 * Math.log(p));
    x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
      ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  } else if (p > 1 - 0.02425) {
    const q = Math.sqrt(-2 * Math.log1p(-p));
    x = -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
      ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  } else {
    const q = p - 0.5, r = q * q;
    x = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q /
      (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
  }
  for (let i = 0; i < 2; i++) {
    const e = normCdf(x) - p;
    const pdf = 0.3989422804014327 * Math.exp(-0.5 * x * x);
    if (pdf > 0) x -= e / pdf;
  }
  return x;
}
