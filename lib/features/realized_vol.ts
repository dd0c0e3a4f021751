/**
 * Realized volatility: `√(A/w · Σ_{i=t−w+1..t} r_i²)` over `w` daily returns
 * ending at t (zero-mean convention), annualized with `A` (252).
 *
 * @example
 * ```ts
 * import { realizedVol } from "./realized_vol.ts";
 * realizedVol(Float64Array.of(NaN, 0.01, -0.01), 2, 252); // [NaN, NaN, 0.1587…]
 * ```
 * @module
 */
import { checkInt } from "../core/check.ts";

/**
 * Rolling realized vol; NaN when the window is incomplete or holds a NaN.
 *
 * @throws {RangeError} on a bad window or annualization
 * @example
 * ```ts
 * const r = Float64Array.from({ length: 60 }, (_, i) => 0.02 * Math.sin(i * 1.7));
 * realizedVol(r, 20);
 * ```
 */
export function realizedVol(r: Float64Array, window: number, annualization = 252): Float64Array {
  checkInt("realizedVol", "window", window, 1);
  if (!(annualization > 0)) throw new RangeError(`realizedVol: annualization must be > 0, got ${annualization}`);
  const n = r.length;
  const out = new Float64Array(n).fill(NaN);
  for (let t = window - 1; t < n; t++) {
    let s = 0;
    for (let i = t - window + 1; i <= t; i++) s += r[i] * r[i];
    out[t] = Math.sqrt((annualization / window) * s); // NaN propagates
  }
  return out;
}
