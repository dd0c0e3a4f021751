/**
 * Empirical quantile (type 7, linear interpolation — the R/numpy default) of a series that must be finite: the
 * checked front of `quantileSorted` in lib/core/quantile.ts.
 * @module
 */
import { quantileSorted } from "../core/quantile.ts";
import { validateTau } from "./target_config.ts";

/**
 * The `tau`-quantile of the finite values in `x` (linear interpolation between
 * order statistics).
 *
 * @throws {RangeError} when `x` is empty, contains a non-finite value (index named) or `tau ∉ (0,1)`
 * @example
 * ```ts
 * console.assert(empiricalQuantile(Float64Array.of(1, 2, 3, 4, 5), 0.5) === 3);
 * ```
 */
export function empiricalQuantile(x: ArrayLike<number>, tau: number): number {
  validateTau(tau);
  if (x.length === 0) throw new RangeError("empiricalQuantile: empty input");
  const s = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) {
    if (!Number.isFinite(x[i])) throw new RangeError(`empiricalQuantile: x[${i}] is not finite (${x[i]})`);
    s[i] = x[i];
  }
  return quantileSorted(s.sort(), tau);
}
