import assert from "node:assert/strict";
import { createPrng } from "../core/prng.ts";
import { crossEntropyOp, softmaxCrossEntropy } from "./softmax_cross_entropy.ts";
import { ensureBackend, tf } from "./tf_backend.ts";

Deno.test("softmaxCrossEntropy: uniform logits give log K; gradient matches finite differences (weighted)", () => {
  assert.ok(
    Math.abs(softmaxCrossEntropy(new Float32Array(3), Int8Array.of(2), Float64Array.of(1, 1, 1)).loss - Math.log(3)) <
      1e-12,
  );
  const rng = createPrng(3), b = 6, K = 3;
  const z = Float32Array.from({ length: b * K }, () => 4 * rng.next() - 2);
  const y = Int8Array.of(0, 1, 2, 2, 1, 0), w = Float64Array.of(0.5, 2, 1);
  const { dz } = softmaxCrossEntropy(z, y, w);
  for (let i = 0; i < z.length; i++) {
    const zp = Float32Array.from(z), zm = Float32Array.from(z);
    zp[i] += 1e-3;
    zm[i] -= 1e-3;
    const fd = (softmaxCrossEntropy(zp, y, w).loss - softmaxCrossEntropy(zm, y, w).loss) / (zp[i] - zm[i]);
    assert.ok(Math.abs(fd - dz[i]) < 1e-4, `dz[${i}] = ${dz[i]} vs ${fd}`);
  }
  // Huge logits do not overflow.
  assert.ok(Number.isFinite(softmaxCrossEntropy(Float32Array.of(1e4, 0, -1e4), Int8Array.of(2), w).loss));
});

Deno.test("softmaxCrossEntropy: bad labels and shapes name the row and value", () => {
  const w = Float64Array.of(1, 1, 1);
  assert.throws(() => softmaxCrossEntropy(new Float32Array(3), Int8Array.of(-1), w), /label\[0\] = -1/);
  assert.throws(() => softmaxCrossEntropy(new Float32Array(4), Int8Array.of(1), w), /4 logits for 1 rows × 3 classes/);
});

Deno.test("crossEntropyOp: equals tf.losses.softmaxCrossEntropy, value and gradient (unweighted)", async () => {
  await ensureBackend();
  const rng = createPrng(5);
  const z = tf.tensor2d(Float32Array.from({ length: 12 }, () => 3 * rng.next()), [4, 3]);
  const y = Int8Array.of(2, 0, 1, 1);
  const onehot = tf.oneHot(tf.tensor1d(Int32Array.from(y), "int32"), 3);
  const a = tf.valueAndGrad((t: tf.Tensor) => tf.losses.softmaxCrossEntropy(onehot, t) as tf.Scalar)(z);
  const b = tf.valueAndGrad((t: tf.Tensor) => crossEntropyOp(t, y, Float64Array.of(1, 1, 1)))(z);
  assert.ok(Math.abs(a.value.dataSync()[0] - b.value.dataSync()[0]) < 1e-6);
  const ga = a.grad.dataSync(), gb = b.grad.dataSync();
  for (let i = 0; i < ga.length; i++) assert.ok(Math.abs(ga[i] - gb[i]) < 1e-6);
  tf.dispose([z, onehot, a.value, a.grad, b.value, b.grad]);
});
