/**
 * Returns over `n` rows, three ways:
 * - `priceChange`: `x_t − x_{t−n}` in price units (USD/bbl) — what P&L is made of;
 * - `scaledReturn`: `(x_t − x_{t−n}) / scale_{t−n}` — a simple-return analogue that
 *   stays defined for negative prices (`scale` from `robustScale`);
 * - `logReturn`: `ln(x_t / x_{t−n})` where both prices are > 0, otherwise the
 *   scaled return (documented fallback, so the series has no holes).
 *
 * @example
 * ```ts
 * import { priceChange } from "./price_return.ts";
 * priceChange(Float64Array.of(10, 12, 9), 1); // [NaN, 2, -3]
 * ```
 * @module
 */
import { checkInt } from "../core/check.ts";

/**
 * `x_t − x_{t−n}` (NaN for t < n or NaN inputs).
 *
 * @example
 * ```ts
 * priceChange(Float64Array.of(50, 52, 49), 2); // [NaN, NaN, -1]
 * ```
 */
export function priceChange(x: Float64Array, n: number): Float64Array {
  checkInt("priceChange", "n", n, 1);
  const out = new Float64Array(x.length).fill(NaN);
  for (let t = n; t < x.length; t++) out[t] = x[t] - x[t - n];
  return out;
}

/**
 * `(x_t − x_{t−n}) / scale_{t−n}`.
 *
 * @throws {RangeError} when lengths differ
 * @example
 * ```ts
 * import { robustScale } from "./robust_scale.ts";
 * const cl1 = Float64Array.from({ length: 300 }, (_, i) => 60 + 5 * Math.sin(i / 15));
 * scaledReturn(cl1, 1, robustScale(cl1, 20, 1));
 * ```
 */
export function scaledReturn(x: Float64Array, n: number, scale: Float64Array): Float64Array {
  checkInt("scaledReturn", "n", n, 1);
  if (scale.length !== x.length) throw new RangeError(`scaledReturn: scale has ${scale.length} values for ${x.length}`);
  const out = new Float64Array(x.length).fill(NaN);
  for (let t = n; t < x.length; t++) out[t] = (x[t] - x[t - n]) / scale[t - n];
  return out;
}

/**
 * `ln(x_t / x_{t−n})` where both prices are > 0, else the scaled return.
 *
 * @example
 * ```ts
 * import { robustScale } from "./robust_scale.ts";
 * const cl1 = Float64Array.from({ length: 300 }, (_, i) => 60 + 5 * Math.sin(i / 15));
 * logReturn(cl1, 20, robustScale(cl1, 20, 1));
 * ```
 */
export function logReturn(x: Float64Array, n: number, scale: Float64Array): Float64Array {
  checkInt("logReturn", "n", n, 1);
  if (scale.length !== x.length) throw new RangeError(`logReturn: scale has ${scale.length} values for ${x.length}`);
  const out = new Float64Array(x.length).fill(NaN);
  for (let t = n; t < x.length; t++) {
    const a = x[t - n], b = x[t];
    out[t] = a > 0 && b > 0 ? Math.log(b / a) : (b - a) / scale[t - n];
  }
  return out;
}
