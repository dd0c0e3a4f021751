import assert from "node:assert/strict";
import { attention } from "./multi_head_attention.ts";
import { AttentionWasm } from "./attention_host.ts";
import { maxRelDiff, seededTensor } from "../testing/tensor_test_utils.ts";
import { ensureBackend, tf } from "./tf_backend.ts";

/** The plain formula with tfjs ops (autodiff reference). */
function reference(q: tf.Tensor, k: tf.Tensor, v: tf.Tensor, heads: number): tf.Tensor {
  const [b, L, D] = q.shape, dk = D / heads;
  const split = (x: tf.Tensor) => tf.transpose(tf.reshape(x, [b, L, heads, dk]), [0, 2, 1, 3]);
  const s = tf.mul(tf.matMul(split(q), split(k), false, true), 1 / Math.sqrt(dk));
  const ctx = tf.matMul(tf.softmax(s, -1), split(v));
  return tf.reshape(tf.transpose(ctx, [0, 2, 1, 3]), [b, L, D]);
}

Deno.test("attention: value and gradients of q, k, v equal tfjs autodiff of the plain formula", async () => {
  await ensureBackend();
  for (const [b, L, D, heads] of [[3, 20, 32, 4], [2, 5, 6, 3], [1, 7, 4, 1]]) {
    const q = tf.mul(seededTensor([b, L, D], 1), 2), k = tf.mul(seededTensor([b, L, D], 2), 2);
    const v = seededTensor([b, L, D], 3), dy = seededTensor([b, L, D], 4);
    const ref = reference(q, k, v, heads), mine = attention(q, k, v, heads);
    const shape = `b ${b}, L ${L}, D ${D}, heads ${heads}`;
    assert.ok(maxRelDiff(mine, ref) < 5e-5, `forward (${shape}): ${maxRelDiff(mine, ref)}`);
    const loss = (f: typeof reference) => (a: tf.Tensor, c: tf.Tensor, e: tf.Tensor) =>
      tf.sum(tf.mul(f(a, c, e, heads), dy));
    const g1 = tf.grads(loss(reference))([q, k, v]), g2 = tf.grads(loss(attention))([q, k, v]);
    ["q", "k", "v"].forEach((name, i) => {
      const e = maxRelDiff(g2[i], g1[i]);
      assert.ok(e < 1e-4, `gradient of ${name} (${shape}): max relative difference ${e}`);
    });
    tf.dispose([q, k, v, dy, ref, mine, ...g1, ...g2]);
  }
});

Deno.test("attention: shape errors; one kernels instance reused; deterministic; no tensors leak", async () => {
  await ensureBackend();
  assert.throws(() => attention(tf.ones([2, 3, 4]), tf.ones([2, 3, 4]), tf.ones([2, 3, 5]), 2), /v \[2,3,5\]/);
  assert.throws(() => attention(tf.ones([2, 3, 4]), tf.ones([2, 3, 4]), tf.ones([2, 3, 4]), 3), /divisible/);
  assert.throws(() => new AttentionWasm().backward(new Float32Array(4)), /no forward pass/);
  const q = seededTensor([2, 4, 6], 5), k = seededTensor([2, 4, 6], 6), v = seededTensor([2, 4, 6], 7);
  const kernels = new AttentionWasm();
  const run = () => tf.grads((a, c, e) => tf.sum(tf.square(attention(a, c, e, 2, kernels))))([q, k, v]);
  const before = tf.memory().numTensors;
  const [g1, g2] = [run(), run()];
  g1.forEach((g, i) => assert.deepEqual(g.dataSync(), g2[i].dataSync()));
  tf.dispose([...g1, ...g2]);
  assert.equal(tf.memory().numTensors, before);
  tf.dispose([q, k, v]);
});
