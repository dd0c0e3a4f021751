import assert from "node:assert/strict";
import { HostAdam } from "./host_adam.ts";
import { seededTensor } from "../testing/tensor_test_utils.ts";
import { ensureBackend, tf } from "./tf_backend.ts";

Deno.test("HostAdam: follows tf.train.adam step by step on a least-squares problem", async () => {
  await ensureBackend();
  const a = seededTensor([20, 4], 1), y = seededTensor([20, 1], 2);
  const w0 = seededTensor([4, 1], 3);
  const loss = (w: tf.Variable) => () =>
    tf.mean(tf.square(tf.sub(tf.matMul(a as tf.Tensor2D, w as tf.Tensor2D), y))) as tf.Scalar;
  const wRef = tf.variable(w0.clone()), wMine = tf.variable(w0.clone());
  const ref = tf.train.adam(0.05), mine = new HostAdam([wMine], { learningRate: 0.05 });
  for (let step = 0; step < 30; step++) {
    tf.dispose(ref.minimize(loss(wRef), true, [wRef])!);
    const { value, grads } = tf.variableGrads(loss(wMine), [wMine]);
    mine.step([grads[wMine.name]]);
    tf.dispose([value, grads]);
  }
  const r = wRef.dataSync(), m = wMine.dataSync();
  for (let i = 0; i < 4; i++) assert.ok(Math.abs(r[i] - m[i]) < 1e-4, `w[${i}]: ${r[i]} vs ${m[i]}`);
  const start = w0.dataSync();
  assert.ok(Math.abs(m[0] - start[0]) > 0.1, "the weights moved");
  ref.dispose();
  tf.dispose([a, y, w0, wRef, wMine]);
});

Deno.test("HostAdam: bad settings and bad gradients are errors naming the variable", async () => {
  await ensureBackend();
  const w = tf.variable(tf.zeros([2]), true, "w_test");
  assert.throws(() => new HostAdam([w], { learningRate: 0 }), /learningRate/);
  assert.throws(() => new HostAdam([w], { learningRate: 0.1, beta1: 1 }), /beta1/);
  const adam = new HostAdam([w], { learningRate: 0.1 });
  const g = tf.tensor1d([1, NaN]);
  assert.throws(() => adam.step([g]), /w_test\[1\] is NaN/);
  assert.throws(() => adam.step([tf.tensor1d([1])]), /1 values, expected 2/);
  assert.throws(() => adam.step([]), /0 gradients for 1/);
  tf.dispose([w, g]);
});
