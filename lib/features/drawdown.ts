/**
 * Drawdown from the trailing peak, in price units scaled by a robust level:
 * `(x_t − max_{s∈(t−w, t]} x_s) / scale_t` (≤ 0). Price units rather than a
 * ratio to the peak so that negative prices are handled honestly.
 *
 * @example
 * ```ts
 * import { drawdown } from "./drawdown.ts";
 * drawdown(Float64Array.of(10, 12, 9), 3, Float64Array.of(1, 1, 10)); // [NaN, NaN, -0.3]
 * ```
 * @module
 */
import { checkInt } from "../core/check.ts";

/**
 * Rolling drawdown over `window` rows.
 *
 * @throws {RangeError} on a bad window or length mismatch
 * @example
 * ```ts
 * import { robustScale } from "./robust_scale.ts";
 * const cl1 = Float64Array.from({ length: 300 }, (_, i) => 60 + 5 * Math.sin(i / 15));
 * drawdown(cl1, 250, robustScale(cl1, 20, 1));
 * ```
 */
export function drawdown(x: Float64Array, window: number, scale: Float64Array): Float64Array {
  checkInt("drawdown", "window", window, 1);
  if (scale.length !== x.length) throw new RangeError(`drawdown: scale has ${scale.length} values for ${x.length}`);
  const n = x.length;
  const out = new Float64Array(n).fill(NaN);
  for (let t = window - 1; t < n; t++) {
    let peak = -Infinity, ok = true;
    for (let i = t - window + 1; i <= t; i++) {
      if (Number.isNaN(x[i])) {
        ok = false;
        break;
      }
      if (x[i] > peak) peak = x[i];
    }
    if (ok) out[t] = (x[t] - peak) / scale[t];
  }
  return out;
}
