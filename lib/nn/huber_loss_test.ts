import assert from "node:assert/strict";
import { createPrng } from "../core/prng.ts";
import { huberLoss, huberOp } from "./huber_loss.ts";
import { ensureBackend, tf } from "./tf_backend.ts";

Deno.test("huberLoss: quadratic inside δ, linear outside; gradient matches finite differences", () => {
  assert.equal(huberLoss(Float32Array.of(0.5), Float32Array.of(0), 1).loss, 0.125);
  assert.equal(huberLoss(Float32Array.of(-3), Float32Array.of(0), 1).loss, 2.5);
  const rng = createPrng(11), b = 9, delta = 0.3;
  const p = Float64Array.from({ length: b }, () => 2 * rng.next() - 1);
  const y = Float64Array.from({ length: b }, () => 2 * rng.next() - 1);
  const { dPred } = huberLoss(p, y, delta);
  for (let i = 0; i < b; i++) {
    const pp = Float64Array.from(p), pm = Float64Array.from(p);
    pp[i] += 1e-6;
    pm[i] -= 1e-6;
    const fd = (huberLoss(pp, y, delta).loss - huberLoss(pm, y, delta).loss) / 2e-6;
    assert.ok(Math.abs(fd - dPred[i]) < 1e-6, `dPred[${i}] = ${dPred[i]} vs ${fd}`);
  }
});

Deno.test("huberLoss: bad inputs name the argument and value", () => {
  assert.throws(() => huberLoss(Float32Array.of(1, 2), Float32Array.of(1), 1), /2 predictions for 1 targets/);
  assert.throws(() => huberLoss(Float32Array.of(), Float32Array.of(), 1), /no rows/);
  assert.throws(() => huberLoss(Float32Array.of(1), Float32Array.of(1), 0), /delta must be finite and > 0, got 0/);
});

Deno.test("huberOp: equals tf.losses.huberLoss (tfjs autodiff), value and gradient", async () => {
  await ensureBackend();
  const rng = createPrng(5), b = 16, delta = 0.05;
  const pred = tf.tensor1d(Float32Array.from({ length: b }, () => 0.2 * rng.next() - 0.1));
  const target = Float32Array.from({ length: b }, () => 0.2 * rng.next() - 0.1);
  const yt = tf.tensor1d(target);
  const a = tf.valueAndGrad((t: tf.Tensor) => tf.losses.huberLoss(yt, t, undefined, delta) as tf.Scalar)(pred);
  const m = tf.valueAndGrad((t: tf.Tensor) => huberOp(t, target, delta))(pred);
  assert.ok(Math.abs(a.value.dataSync()[0] - m.value.dataSync()[0]) < 1e-7);
  const ga = a.grad.dataSync(), gm = m.grad.dataSync();
  let outside = 0;
  for (let i = 0; i < b; i++) {
    assert.ok(Math.abs(ga[i] - gm[i]) < 1e-7, `grad[${i}]: ${ga[i]} vs ${gm[i]}`);
    if (Math.abs(Math.abs(gm[i]) - delta / b) < 1e-9) outside++;
  }
  assert.ok(outside > 0 && outside < b, "both regimes are exercised");
  tf.dispose([pred, yt, a.value, a.grad, m.value, m.grad]);
});
