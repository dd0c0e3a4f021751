import assert from "node:assert/strict";
import { Linear, linear } from "./linear_op.ts";
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
