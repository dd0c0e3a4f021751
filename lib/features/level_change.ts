/**
 * Elementary transforms of index and rate series: n-day change, ratio, spread.
 *
 * @example
 * ```ts
 * import { levelChange, seriesRatio, seriesSpread } from "./level_change.ts";
 * levelChange(Float64Array.of(20, 22, 30), 2); // [NaN, NaN, 10]
 * seriesRatio(Float64Array.of(22), Float64Array.of(20)); // [1.1]
 * seriesSpread(Float64Array.of(4), Float64Array.of(1.5)); // [2.5]
 * ```
 * @module
 */
import { checkInt } from "../core/check.ts";

function same(fn: string, a: Float64Array, b: Float64Array): void {
  if (a.length !== b.length) throw new RangeError(`${fn}: inputs have lengths ${a.length} and ${b.length}`);
}

/**
 * `x_t − x_{t−n}`.
 *
 * @throws {RangeError} when n is not a positive integer
 * @example
 * ```ts
 * levelChange(Float64Array.of(30, 31, 35), 1); // [NaN, 1, 4]
 * ```
 */
export function levelChange(x: Float64Array, n: number): Float64Array {
  checkInt("levelChange", "n", n, 1);
  const out = new Float64Array(x.length).fill(NaN);
  for (let t = n; t < x.length; t++) out[t] = x[t] - x[t - n];
  return out;
}

/**
 * `a_t / b_t` (NaN where `b_t` is 0 or NaN).
 *
 * @example
 * ```ts
 * seriesRatio(Float64Array.of(21), Float64Array.of(20)); // VIX3M/VIX: [1.05] (> 1 contango)
 * ```
 */
export function seriesRatio(a: Float64Array, b: Float64Array): Float64Array {
  same("seriesRatio", a, b);
  return a.map((x, t) => (b[t] === 0 ? NaN : x / b[t]));
}

/**
 * `a_t − b_t`.
 *
 * @example
 * ```ts
 * seriesSpread(Float64Array.of(4.1), Float64Array.of(5.2)); // ust10y − ust3m: [-1.1…] (inverted)
 * ```
 */
export function seriesSpread(a: Float64Array, b: Float64Array): Float64Array {
  same("seriesSpread", a, b);
  return a.map((x, t) => x - b[t]);
}
