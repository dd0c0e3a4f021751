/**
 * Kupiec (1995) proportion-of-failures test of unconditional coverage.
 *
 * With `x` exceptions in `n` observations and expected rate `p = 1 − tau`:
 * `LR = −2·[(n−x)·ln(1−p) + x·ln p − (n−x)·ln(1−x/n) − x·ln(x/n)]` (with
 * `0·ln 0 = 0`), asymptotically `χ²(1)` under the null.
 *
 * @example
 * ```ts
 * import { kupiecPof } from "./kupiec.ts";
 * const r = kupiecPof(5, 250, 0.99); // r.lr ≈ 1.9568, r.pValue ≈ 0.1619
 * ```
 * @module
 */
import { checkConfidence, checkInt } from "../core/check.ts";
import { chi2Sf1 } from "../core/distributions.ts";

/** Result of a likelihood-ratio coverage test. */
export interface LrTest {
  /** Likelihood-ratio statistic. */
  lr: number;
  /** Asymptotic chi-square p-value. */
  pValue: number;
}

/** `a·ln b` with the convention `0·ln 0 = 0`. */
export function xlogy(a: number, b: number): number {
  return a === 0 ? 0 : a * Math.log(b);
}

/**
 * Kupiec POF test.
 *
 * @param x number of exceptions (integer in [0, n])
 * @param n number of observations (integer ≥ 1)
 * @param tau quantile level τ in (0, 1), e.g. 0.99
 * @throws {RangeError} on non-integer or out-of-range `x`/`n`, tau outside (0, 1)
 * @example
 * ```ts
 * kupiecPof(0, 250, 0.99).lr; // ≈ 5.0252
 * ```
 */
export function kupiecPof(x: number, n: number, tau: number): LrTest & { rate: number } {
  const fn = "kupiecPof";
  checkConfidence(fn, tau, "tau");
  checkInt(fn, "n", n, 1);
  if (!Number.isInteger(x) || x < 0 || x > n) {
    throw new RangeError(`${fn}: x must be an integer in [0, ${n}], got ${x}`);
  }
  const p = 1 - tau, r = x / n;
  const lr = -2 * (xlogy(n - x, 1 - p) + xlogy(x, p) - xlogy(n - x, 1 - r) - xlogy(x, r));
  const s = Math.max(0, lr);
  return { lr: s, pValue: chi2Sf1(s), rate: r };
}
