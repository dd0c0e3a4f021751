/**
 * Robust price level for scaling price differences. Log returns are undefined
 * when a price is ≤ 0 (WTI settled at −37.63 USD/bbl on 2020-04-20), so
 * "relative" quantities divide a price difference by a robust level instead:
 * the trailing median of `|price|` over `window` rows (ending at t), floored at
 * `floor`. The median ignores a single extreme print; the floor keeps the
 * ratio finite when prices approach zero.
 *
 * @example
 * ```ts
 * import { robustScale } from "./robust_scale.ts";
 * robustScale(Float64Array.of(50, 52, -30, 51), 3, 1); // [NaN, NaN, 50, 51]
 * ```
 * @module
 */
import { checkInt } from "../core/check.ts";

/**
 * Trailing median of `|x|` over `window` rows, floored at `floor`; NaN when the
 * window is incomplete or holds a NaN.
 *
 * @throws {RangeError} on a bad window or floor
 * @example
 * ```ts
 * const cl1 = Float64Array.from({ length: 300 }, (_, i) => 60 + 5 * Math.sin(i / 15));
 * robustScale(cl1, 20, 1);
 * ```
 */
export function robustScale(x: Float64Array, window = 20, floor = 1): Float64Array {
  checkInt("robustScale", "window", window, 1);
  if (!(floor > 0) || !Number.isFinite(floor)) {
    throw new RangeError(`robustScale: floor must be finite and > 0, got ${floor}`);
  }
  const n = x.length;
  const out = new Float64Array(n).fill(NaN);
  const buf = new Float64Array(window);
  for (let t = window - 1; t < n; t++) {
    let ok = true;
    for (let i = 0; i < window; i++) {
      const v = x[t - window + 1 + i];
      if (Number.isNaN(v)) {
        ok = false;
        break;
      }
      buf[i] = Math.abs(v);
    }
    if (!ok) continue;
    buf.sort();
    const med = window % 2 === 1 ? buf[(window - 1) / 2] : 0.5 * (buf[window / 2 - 1] + buf[window / 2]);
    out[t] = Math.max(med, floor);
  }
  return out;
}
