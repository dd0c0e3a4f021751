import assert from "node:assert/strict";
import { layerNorm, layerNormOp } from "./layer_norm.ts";
import { maxRelDiff, seededTensor } from "../testing/tensor_test_utils.ts";
import { ensureBackend, tf } from "./tf_backend.ts";

Deno.test("layerNorm: value and gradients of x, gamma, beta equal tfjs autodiff of the plain formula", async () => {
  await ensureBackend();
  for (const shape of [[4, 5, 32], [7, 3], [2, 1, 6]]) {
    const d = shape[shape.length - 1];
    const x = tf.add(tf.mul(seededTensor(shape, 1), 3), 0.5), gamma = tf.add(seededTensor([d], 2), 1);
    const beta = seededTensor([d], 3), dy = seededTensor(shape, 4);
    const ref = layerNormOp(x, gamma, beta, 1e-5), mine = layerNorm(x, gamma, beta, 1e-5);
    // the reference sums mean and variance in float32, the host pass in float64: they differ by float32 rounding
    assert.ok(maxRelDiff(mine, ref) < 2e-4, `forward [${shape}]: ${maxRelDiff(mine, ref)}`);
    const loss = (f: typeof layerNorm) => (a: tf.Tensor, g: tf.Tensor, b: tf.Tensor) =>
      tf.sum(tf.mul(f(a, g, b, 1e-5), dy));
    const g1 = tf.grads(loss(layerNormOp))([x, gamma, beta]), g2 = tf.grads(loss(layerNorm))([x, gamma, beta]);
    ["x", "gamma", "beta"].forEach((name, i) => {
      const e = maxRelDiff(g2[i], g1[i]);
      assert.ok(e < 5e-5, `gradient of ${name} [${shape}]: max relative difference ${e}`);
    });
    tf.dispose([x, gamma, beta, dy, ref, mine, ...g1, ...g2]);
  }
});

Deno.test("layerNorm: gain/bias shape errors; no tensors leak", async () => {
  await ensureBackend();
  const x = tf.ones([2, 3]);
  assert.throws(() => layerNorm(x, tf.ones([2]), tf.zeros([3]), 1e-5), /gamma \[2\]/);
  const g = tf.ones([3]), b = tf.zeros([3]);
  const before = tf.memory().numTensors;
  tf.dispose(tf.grads((a) => tf.sum(layerNorm(a, g, b, 1e-5)))([x]));
  assert.equal(tf.memory().numTensors, before);
  tf.dispose([x, g, b]);
});
