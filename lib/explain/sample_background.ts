/**
 * Seeded background sample for KernelSHAP: `k` distinct rows drawn uniformly without replacement.
 * @module
 */

import { permutation, type Prng } from "../core/prng.ts";
import { checkInt } from "../core/check.ts";
import { checkMatrix } from "./_checks.ts";

/**
 * Draw `k` distinct rows of `x` (`n × d` row-major) uniformly without replacement, kept in their original order
 * (all rows when `k ≥ n`). Returns a new `k × d` row-major matrix.
 *
 * @throws {TypeError | RangeError} when `x` is not an `n × d` Float64Array of finite values or `k < 1`
 * @example
 * ```ts
 * import { createPrng } from "../core/prng.ts";
 * const bg = sampleBackground(Float64Array.of(1, 2, 3, 4, 5, 6), 3, 2, 2, createPrng(1));
 * console.assert(bg.length === 4);
 * ```
 */
export function sampleBackground(x: Float64Array, n: number, d: number, k: number, prng: Prng): Float64Array {
  const fn = "sampleBackground";
  checkMatrix(fn, "x", x, n, d);
  checkInt(fn, "k", k, 1);
  if (prng === null || typeof prng !== "object" || typeof prng.int !== "function") {
    throw new TypeError(`${fn}: prng must be a Prng from createPrng, got ${String(prng)}`);
  }
  if (k >= n) return x.slice();
  const pick = permutation(n, prng).subarray(0, k).sort();
  const out = new Float64Array(k * d);
  for (let i = 0; i < k; i++) out.set(x.subarray(pick[i] * d, pick[i] * d + d), i * d);
  return out;
}
