/**
 * Seeded row samples of a row-major matrix: which rows to explain
 * ({@link sampleRowIndices}) and the sampled rows themselves ({@link gatherRows}).
 *
 * @example
 * ```ts
 * import { gatherRows, sampleRowIndices } from "./sample_rows.ts";
 * import { createPrng } from "../core/prng.ts";
 * const idx = sampleRowIndices(10, 3, createPrng(1));
 * const x = gatherRows(Float64Array.from({ length: 20 }, (_, i) => i), 2, idx);
 * console.assert(idx.length === 3 && x.length === 6 && x[0] === 2 * idx[0]);
 * ```
 * @module
 */
import { permutation, type Prng } from "../core/prng.ts";

/**
 * `k` distinct row indices out of `n`, drawn uniformly without replacement and returned in increasing (time)
 * order; all rows `0..n−1` when `k ≥ n` (without drawing).
 *
 * @throws {RangeError} when `n` or `k` is not a non-negative integer
 * @example
 * ```ts
 * import { sampleRowIndices } from "./sample_rows.ts";
 * import { createPrng } from "../core/prng.ts";
 * console.assert(sampleRowIndices(3, 5, createPrng(1)).join() === "0,1,2");
 * ```
 */
export function sampleRowIndices(n: number, k: number, prng: Prng): number[] {
  if (!Number.isInteger(n) || n < 0 || !Number.isInteger(k) || k < 0) {
    throw new RangeError(`sampleRowIndices: n and k must be integers ≥ 0, got n = ${n}, k = ${k}`);
  }
  if (k >= n) return Array.from({ length: n }, (_, i) => i);
  return Array.from(permutation(n, prng).slice(0, k)).sort((a, b) => a - b);
}

/**
 * The rows `idx` of `x` (row-major, `d` columns) as a new `idx.length × d` matrix.
 *
 * @throws {RangeError} on an index outside the matrix
 * @example
 * ```ts
 * import { gatherRows } from "./sample_rows.ts";
 * console.assert(gatherRows(Float64Array.of(1, 2, 3, 4), 2, [1]).join() === "3,4");
 * ```
 */
export function gatherRows(x: Float64Array, d: number, idx: readonly number[]): Float64Array {
  const n = Math.floor(x.length / d);
  const out = new Float64Array(idx.length * d);
  idx.forEach((i, k) => {
    if (!Number.isInteger(i) || i < 0 || i >= n) throw new RangeError(`gatherRows: row ${i} is outside 0…${n - 1}`);
    out.set(x.subarray(i * d, i * d + d), k * d);
  });
  return out;
}
