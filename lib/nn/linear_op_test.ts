import assert from "node:assert/strict";
import { Linear, linear, linearBackwardHost } from "./linear_op.ts";
import { maxRelDiff, seededTensor as randn } from "../testing/tensor_test_utils.ts";
import { ensureBackend, tf } from "./tf_backend.ts";

for (const act of ["linear", "relu"] as const) {
  Deno.test(`linear (${act}): value and gradients equal tfjs autodiff of the reference formula`, async () => {
    await ensureBackend();
    const x = randn([13, 7], 1), w = randn([7, 5], 2), b = randn([5], 3), dy = randn([13, 5], 4);
    const ref = (xx: tf.Tensor, ww: tf.Tensor, bb: tf.Tensor) => {
      const y = tf.add(tf.matMul(xx as tf.Tensor2D, ww as tf.Tensor2D), bb);
      return act === "relu" ? tf.relu(y) : y;
    };
    const mine = (xx: tf.Tensor, ww: tf.Tensor, bb: tf.Tensor) =>
      linear(xx as tf.Tensor2D, ww as tf.Tensor2D, bb as tf.Tensor1D, act);
    assert.ok(maxRelDiff(mine(x, w, b), ref(x, w, b)) < 1e-5);
    const g1 = tf.grads((xx, ww, bb) => tf.sum(tf.mul(ref(xx, ww, bb), dy)))([x, w, b]);
    const g2 = tf.grads((xx, ww, bb) => tf.sum(tf.mul(mine(xx, ww, bb), dy)))([x, w, b]);
    for (let i = 0; i < 3; i++) assert.ok(maxRelDiff(g2[i], g1[i]) < 1e-4, `gradient ${i}`);
    tf.dispose([x, w, b, dy, ...g1, ...g2]);
  });
}

Deno.test("Linear layer: rank-3 input maps the last axis, like tf.layers.dense with the same weights", async () => {
  await ensureBackend();
  const init = () => tf.initializers.glorotUniform({ seed: 9 });
  const mine = new Linear({ units: 3, activation: "relu", kernelInitializer: init() });
  const ref = tf.layers.dense({ units: 3, activation: "relu", kernelInitializer: init() });
  const x = randn([2, 4, 6], 5);
  const y1 = mine.apply(x) as tf.Tensor, y2 = ref.apply(x) as tf.Tensor;
  assert.deepEqual(y1.shape, [2, 4, 3]);
  assert.ok(maxRelDiff(y1, y2) < 1e-5);
  assert.throws(() => new Linear({ units: 0, kernelInitializer: init() }), /units/);
  tf.dispose([x, y1, y2]);
  mine.dispose();
  ref.dispose();
});

Deno.test("linearBackwardHost: bit-identical to tfjs's matMul / step / sum backward formula", async () => {
  await ensureBackend();
  const bits = (a: Float32Array) => Array.from(new Uint32Array(a.buffer, a.byteOffset, a.length));
  for (const [n, k, m] of [[64, 16, 64], [1280, 32, 32], [7, 3, 5]]) {
    const x = randn([n, k], 1) as tf.Tensor2D, w = randn([k, m], 2) as tf.Tensor2D, dy = randn([n, m], 3);
    const y = tf.relu(tf.matMul(x, w));
    for (const relu of [false, true]) {
      const g = relu ? tf.mul(dy, tf.step(y)) : dy;
      const ref = [tf.matMul(g, tf.transpose(w)), tf.matMul(tf.transpose(x), g), tf.sum(g, 0)];
      const got = linearBackwardHost(
        dy.dataSync() as Float32Array,
        x.dataSync() as Float32Array,
        w.dataSync() as Float32Array,
        relu ? y.dataSync() as Float32Array : undefined,
        n,
        k,
        m,
      );
      [got.dx, got.dw, got.db].forEach((a, i) => assert.deepEqual(bits(a), bits(ref[i].dataSync() as Float32Array)));
    }
  }
});
