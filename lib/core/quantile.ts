/**
 * Empirical quantiles with linear interpolation between order statistics (Hyndman–Fan type 7, the default of R and
 * numpy): `q(p) = x₍ₗ₎ + (h − l)·(x₍ₗ₊₁₎ − x₍ₗ₎)` with `h = (n − 1)·p`, `l = ⌊h⌋`.
 * simple-statistics' `quantileSorted` (7.12) is the same rule, but at a whole-number position it returns the order
 * statistic as is where this one adds the zero-weight term `0·(x₍ₗ₊₁₎ − x₍ₗ₎)`, which turns a −0 into +0; this copy
 * stays so that current outputs keep their exact bits.
 * @module
 */

/**
 * Type-7 quantile of values already sorted ascending; NaN for an empty array.
 *
 * @throws {RangeError} when `p` is outside [0, 1]
 * @example
 * ```ts
 * import { quantileSorted } from "./quantile.ts";
 * console.assert(quantileSorted([1, 2, 3, 4], 0.5) === 2.5);
 * ```
 */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`quantile level p must be in [0, 1], got ${p}`);
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = (n - 1) * p, lo = Math.floor(h);
  return lo + 1 < n ? sorted[lo] + (h - lo) * (sorted[lo + 1] - sorted[lo]) : sorted[lo];
}

/**
 * Type-7 quantile of the finite values in `values` (non-finite entries are ignored); null when none is finite.
 *
 * @throws {RangeError} when `p` is outside [0, 1]
 * @example
 * ```ts
 * import { quantile } from "./quantile.ts";
 * console.assert(quantile([4, NaN, 1, 3, 2], 0.5) === 2.5);
 * console.assert(quantile([NaN], 0.5) === null);
 * ```
 */
export function quantile(values: ArrayLike<number>, p: number): number | null {
  const s = Array.from(values).filter(Number.isFinite).sort((a, b) => a - b);
  return s.length === 0 ? null : quantileSorted(s, p);
}
