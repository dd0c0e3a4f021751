/**
 * The largest value of one column of a row-major matrix.
 * @module
 */

/**
 * max over rows i of `x[i·d + j]` (−∞ for no rows; NaN propagates).
 *
 * @throws {RangeError} when `j` is not a column index in [0, d)
 * @example
 * ```ts
 * import { columnMax } from "./column_max.ts";
 * console.assert(columnMax(Float64Array.of(1, 9, 4, 2), 2, 0) === 4);
 * ```
 */
export function columnMax(x: ArrayLike<number>, d: number, j: number): number {
  if (!Number.isInteger(j) || j < 0 || j >= d) throw new RangeError(`columnMax: column ${j} is outside [0, ${d})`);
  const n = Math.floor(x.length / d);
  let mx = -Infinity;
  for (let i = 0; i < n; i++) mx = Math.max(mx, x[i * d + j]);
  return mx;
}
