/**
 * Helpers for the tests of the tfjs ops: seeded random tensors and a relative
 * difference between two tensors.
 * @module
 */
import assert from "node:assert/strict";
import { createPrng } from "../core/prng.ts";
import { tf } from "../nn/tf_backend.ts";

/**
 * A tensor of uniform values in [−1, 1) from a seeded PRNG.
 *
 * @example
 * ```ts
 * import { ensureBackend } from "../nn/tf_backend.ts";
 * await ensureBackend();
 * const t = seededTensor([2, 3], 1);
 * ```
 */
export function seededTensor(shape: number[], seed: number): tf.Tensor {
  const rng = createPrng(seed);
  const n = shape.reduce((a, b) => a * b, 1);
  return tf.tensor(Float32Array.from({ length: n }, () => 2 * rng.next() - 1), shape);
}

/**
 * `max |a − b| / (floor + |b|)` over all elements (asserts equal sizes).
 *
 * @example
 * ```ts
 * import { ensureBackend, tf } from "../nn/tf_backend.ts";
 * await ensureBackend();
 * maxRelDiff(tf.tensor1d([1, 2]), tf.tensor1d([1, 2.002])); // ≈ 0.001
 * ```
 */
export function maxRelDiff(a: tf.Tensor, b: tf.Tensor, floor = 1e-3): number {
  const x = a.dataSync(), y = b.dataSync();
  assert.equal(x.length, y.length, "maxRelDiff: sizes differ");
  let m = 0;
  for (let i = 0; i < x.length; i++) m = Math.max(m, Math.abs(x[i] - y[i]) / (floor + Math.abs(y[i])));
  return m;
}
