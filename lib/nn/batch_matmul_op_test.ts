import assert from "node:assert/strict";
import { batchMatMul } from "./batch_matmul_op.ts";
import { ensureBackend, tf } from "./tf_backend.ts";

const bits = (t: tf.Tensor) => Array.from(new Uint32Array((t.dataSync() as Float32Array).slice().buffer));

for (const transposeB of [false, true]) {
  Deno.test(`batchMatMul (transposeB ${transposeB}): value and gradients bit-identical to tf.matMul's`, async () => {
    await ensureBackend();
    for (const [bs, n, k, m] of [[[64, 4], 20, 8, 20], [[3], 5, 7, 2], [[2, 2], 1, 3, 4]] as const) {
      const a = tf.variable(tf.randomNormal([...bs, n, k], 0, 1, "float32", 1));
      const b = tf.variable(tf.randomNormal(transposeB ? [...bs, m, k] : [...bs, k, m], 0, 1, "float32", 2));
      const w = tf.randomNormal([...bs, n, m], 0, 1, "float32", 3); // a fixed upstream gradient
      const loss = (f: () => tf.Tensor) => () => tf.sum(tf.mul(f(), w)) as tf.Scalar;
      const ref = tf.variableGrads(loss(() => tf.matMul(a, b, false, transposeB)), [a, b]);
      const got = tf.variableGrads(loss(() => batchMatMul(a, b, transposeB)), [a, b]);
      assert.deepEqual(bits(batchMatMul(a, b, transposeB)), bits(tf.matMul(a, b, false, transposeB)));
      assert.deepEqual(bits(got.grads[a.name]), bits(ref.grads[a.name]), "∂a");
      assert.deepEqual(bits(got.grads[b.name]), bits(ref.grads[b.name]), "∂b");
      tf.dispose([a, b, w]);
    }
  });
}

Deno.test("batchMatMul: mismatched shapes are RangeErrors naming them", async () => {
  await ensureBackend();
  assert.throws(() => batchMatMul(tf.ones([2, 3, 4]), tf.ones([3, 4, 5])), /\[2,3,4\]/);
  assert.throws(() => batchMatMul(tf.ones([2, 3, 4]), tf.ones([2, 5, 4])), RangeError);
});
