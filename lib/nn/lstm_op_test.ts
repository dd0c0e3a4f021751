import assert from "node:assert/strict";
import { Lstm, lstmLastState, lstmSequence } from "./lstm_op.ts";
import { maxRelDiff, seededTensor } from "../testing/tensor_test_utils.ts";
import { ensureBackend, tf } from "./tf_backend.ts";

/** The LSTM written with plain tfjs ops (autodiff reference). */
function referenceLstm(x: tf.Tensor, w: tf.Tensor, u: tf.Tensor, b: tf.Tensor): tf.Tensor {
  const [bsz, L] = x.shape as number[];
  const units = u.shape[0];
  let h: tf.Tensor = tf.zeros([bsz, units]), c: tf.Tensor = tf.zeros([bsz, units]);
  const steps = tf.unstack(x, 1);
  for (let t = 0; t < L; t++) {
    const z = tf.add(
      tf.add(tf.matMul(steps[t] as tf.Tensor2D, w as tf.Tensor2D), tf.matMul(h as tf.Tensor2D, u as tf.Tensor2D)),
      b,
    );
    const [zi, zf, zg, zo] = tf.split(z, 4, 1);
    c = tf.add(tf.mul(tf.sigmoid(zf), c), tf.mul(tf.sigmoid(zi), tf.tanh(zg)));
    h = tf.mul(tf.sigmoid(zo), tf.tanh(c));
  }
  return h;
}

Deno.test("lstmSequence: value and gradients of x, W, U, b equal tfjs autodiff of the reference LSTM", async () => {
  await ensureBackend();
  // units 4 and 32: the f32x4 lanes; 5: four lanes and a scalar tail; 1: the scalar path only. The bounds are
  // float32 noise: the previous JavaScript cell (float64 gates, Math.exp/tanh) differed from this reference by up
  // to 9e-5 at L = 20, u = 32; the wasm cell by up to 1.6e-4.
  for (const [b, L, d, u] of [[5, 6, 3, 4], [7, 20, 16, 32], [3, 4, 2, 5], [2, 3, 2, 1]]) {
    const x = seededTensor([b, L, d], 1), w = seededTensor([d, 4 * u], 2);
    const uk = tf.mul(seededTensor([u, 4 * u], 3), 0.8), bias = tf.mul(seededTensor([4 * u], 4), 0.5);
    const dy = seededTensor([b, u], 5);
    const ref = referenceLstm(x, w, uk, bias);
    const mine = lstmSequence(x as tf.Tensor3D, w as tf.Tensor2D, uk as tf.Tensor2D, bias as tf.Tensor1D);
    const shape = `b ${b}, L ${L}, d ${d}, u ${u}`;
    assert.ok(maxRelDiff(mine, ref) < 5e-5, `forward (${shape}): ${maxRelDiff(mine, ref)}`);
    const last = lstmLastState(x as tf.Tensor3D, w as tf.Tensor2D, uk as tf.Tensor2D, bias as tf.Tensor1D);
    assert.deepEqual(last.dataSync(), mine.dataSync(), "prediction pass = training pass");
    const g1 = tf.grads((a, bb, cc, dd) => tf.sum(tf.mul(referenceLstm(a, bb, cc, dd), dy)))([x, w, uk, bias]);
    const g2 = tf.grads((a, bb, cc, dd) =>
      tf.sum(tf.mul(lstmSequence(a as tf.Tensor3D, bb as tf.Tensor2D, cc as tf.Tensor2D, dd as tf.Tensor1D), dy))
    )([x, w, uk, bias]);
    ["x", "W", "U", "b"].forEach((name, i) => {
      const e = maxRelDiff(g2[i], g1[i]);
      assert.ok(e < 5e-4, `gradient of ${name} (${shape}): max relative difference ${e}`);
    });
    tf.dispose([x, w, uk, bias, dy, ref, mine, last, ...g1, ...g2]);
  }
});

Deno.test("lstmSequence: two identical passes give identical bits (deterministic)", async () => {
  await ensureBackend();
  const x = seededTensor([9, 7, 5], 11), w = seededTensor([5, 24], 12), uk = seededTensor([6, 24], 13);
  const bias = seededTensor([24], 14);
  const run = () =>
    tf.grads((a, bb, cc, dd) =>
      tf.sum(lstmSequence(a as tf.Tensor3D, bb as tf.Tensor2D, cc as tf.Tensor2D, dd as tf.Tensor1D))
    )([x, w, uk, bias]);
  const [g1, g2] = [run(), run()];
  g1.forEach((g, i) => assert.deepEqual(g.dataSync(), g2[i].dataSync()));
  tf.dispose([x, w, uk, bias, ...g1, ...g2]);
});

Deno.test("lstmSequence: shape errors name the shapes; no tensors leak", async () => {
  await ensureBackend();
  const x = tf.zeros([2, 3, 4]);
  assert.throws(() => lstmSequence(x as tf.Tensor3D, tf.zeros([3, 8]), tf.zeros([2, 8]), tf.zeros([8])), /w \[3,8\]/);
  const w = tf.zeros([4, 8]) as tf.Tensor2D, u = tf.zeros([2, 8]) as tf.Tensor2D, b = tf.zeros([8]) as tf.Tensor1D;
  const before = tf.memory().numTensors;
  tf.dispose(tf.grads((a) => tf.sum(lstmSequence(a as tf.Tensor3D, w, u, b)))([x]));
  assert.equal(tf.memory().numTensors, before);
  tf.dispose([x, w, u, b]);
});

Deno.test("Lstm layer: unit forget bias, [b, L, d] → [b, u]", async () => {
  await ensureBackend();
  const layer = new Lstm({
    units: 3,
    kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }),
    recurrentInitializer: tf.initializers.orthogonal({ seed: 2 }),
  });
  const y = layer.apply(tf.zeros([2, 4, 5])) as tf.Tensor;
  assert.deepEqual(y.shape, [2, 3]);
  const bias = Array.from(layer.getWeights()[2].dataSync());
  assert.deepEqual(bias, [0, 0, 0, 1, 1, 1, 0, 0, 0, 0, 0, 0]);
  assert.throws(
    () =>
      new Lstm({
        units: -1,
        kernelInitializer: tf.initializers.zeros(),
        recurrentInitializer: tf.initializers.zeros(),
      }),
    /units/,
  );
  y.dispose();
  layer.dispose();
});
