import assert from "node:assert/strict";
import { createPrng } from "../core/prng.ts";
import { learningRateAt, trainLoop } from "./train_loop.ts";
import { ensureBackend, tf } from "./tf_backend.ts";

Deno.test("learningRateAt: constant, linear from the first to the last epoch; bad epochs are errors", () => {
  assert.equal(learningRateAt(0.1, { kind: "constant" }, 4, 5), 0.1);
  const lin = { kind: "linear", final: 0.01 } as const;
  assert.equal(learningRateAt(0.1, lin, 1, 5), 0.1);
  assert.ok(Math.abs(learningRateAt(0.1, lin, 3, 5) - 0.055) < 1e-15);
  assert.ok(Math.abs(learningRateAt(0.1, lin, 5, 5) - 0.01) < 1e-15);
  assert.equal(learningRateAt(0.1, lin, 1, 1), 0.1);
  assert.throws(() => learningRateAt(0.1, lin, 0, 5), /epoch must be an integer in \[1, 5\], got 0/);
  assert.throws(() => learningRateAt(0.1, { kind: "linear", final: 0 }, 1, 5), /final must be finite and > 0, got 0/);
});

/** y = 2x − 1 on 32 rows; a weight and a bias as plain variables. */
function problem() {
  const x = Float32Array.from({ length: 32 }, (_, i) => i / 16 - 1);
  const xt = tf.tensor1d(x), yt = tf.tensor1d(x.map((v) => 2 * v - 1));
  const w = tf.variable(tf.scalar(0)), b = tf.variable(tf.scalar(0));
  const pred = (idx?: Int32Array) => {
    const xs = idx ? tf.gather(xt, idx) : xt;
    return tf.add(tf.mul(xs, w), b);
  };
  const mse = (idx?: Int32Array) => tf.mean(tf.square(tf.sub(pred(idx), idx ? tf.gather(yt, idx) : yt))) as tf.Scalar;
  return { xt, yt, w, b, mse };
}

Deno.test("trainLoop (variables): schedule per epoch, own batches, keeps the best epoch's weights", async () => {
  await ensureBackend();
  const { xt, yt, w, b, mse } = problem();
  const lrs: number[] = [], batchCalls: number[] = [];
  // a validation score that is best at epoch 2, so the loop must restore epoch 2's weights
  const scores = [5, 1, 3, 4];
  let k = 0, epoch2: number[] = [];
  const res = trainLoop({
    kind: "test",
    variables: [w, b],
    nTrain: 32,
    epochs: 4,
    batchSize: 8,
    patience: Infinity,
    learningRate: 0.1,
    schedule: { kind: "linear", final: 0.01 },
    minImprovement: 0,
    batchRng: createPrng(3),
    batches: (rng, e) => {
      batchCalls.push(e);
      const p = Int32Array.from({ length: 32 }, (_, i) => i).sort((i, j) => (i % 4) - (j % 4) || i - j);
      return rng.next() < 2 ? [p.subarray(0, 16), p.subarray(16)] : [];
    },
    batchLoss: (idx) => mse(idx),
    validLoss: () => {
      if (k === 1) epoch2 = [w.dataSync()[0], b.dataSync()[0]];
      return scores[k++];
    },
    onEpoch: (e) => lrs.push(e.learningRate),
  });
  assert.deepEqual(batchCalls, [1, 2, 3, 4]);
  assert.equal(lrs.length, 4);
  assert.equal(lrs[0], 0.1);
  assert.ok(Math.abs(lrs[3] - 0.01) < 1e-15);
  assert.equal(res.bestEpoch, 2);
  assert.equal(res.bestValidLoss, 1);
  assert.deepEqual([w.dataSync()[0], b.dataSync()[0]], epoch2);
  assert.equal(res.trainLoss.length, 4);
  tf.dispose([xt, yt, w, b]);
});

Deno.test("trainLoop: early stopping after patience epochs; exactly one of model and variables", async () => {
  await ensureBackend();
  const { xt, yt, w, b, mse } = problem();
  const spec = {
    kind: "test",
    nTrain: 32,
    epochs: 20,
    batchSize: 8,
    patience: 2,
    learningRate: 0.05,
    batchRng: createPrng(1),
    batchLoss: (idx: Int32Array) => mse(idx),
    validLoss: () => 1, // never improves after the first epoch
  };
  const res = trainLoop({ ...spec, variables: [w, b] });
  assert.equal(res.bestEpoch, 1);
  assert.equal(res.trainLoss.length, 3);
  assert.throws(() => trainLoop(spec), /exactly one of model and variables/);
  tf.dispose([xt, yt, w, b]);
});

Deno.test("trainLoop: plateau schedule cuts the rate after its patience, early stopping still ends it", async () => {
  await ensureBackend();
  const { w, b, mse } = problem();
  const lrs: number[] = [], losses: number[] = [];
  // improves at epochs 1, 2 and 5; the rate halves after epochs 3-4 and 6-7 (floored at 0.03); 4 epochs without improvement end it at 9
  const scores = [5, 4, 4.5, 4.2, 3, 3.5, 3.1, 3.2, 3.3, 3.4, 3.6];
  let k = 0;
  const res = trainLoop({
    kind: "test",
    variables: [w, b],
    nTrain: 32,
    epochs: 20,
    batchSize: 8,
    patience: 4,
    learningRate: 0.1,
    schedule: { kind: "plateau", factor: 0.5, patience: 2, min: 0.03 },
    batchRng: createPrng(3),
    // a subset of 16 rows per epoch: the train loss averages over the rows drawn
    batches: () => [Int32Array.from({ length: 16 }, (_, i) => 2 * i)],
    batchLoss: (idx) => mse(idx),
    validLoss: () => scores[k++],
    onEpoch: (e) => (lrs.push(e.learningRate), losses.push(e.trainLoss)),
  });
  assert.deepEqual(lrs, [0.1, 0.1, 0.1, 0.1, 0.05, 0.05, 0.05, 0.03, 0.03]);
  assert.equal(res.bestEpoch, 5);
  assert.equal(res.validLoss.length, 9);
  assert.ok(losses.every((l) => Number.isFinite(l) && l > 0 && l < 10), `train losses ${losses}`);
  assert.throws(
    () =>
      trainLoop({
        kind: "bad",
        variables: [w, b],
        nTrain: 32,
        epochs: 2,
        batchSize: 8,
        patience: 2,
        learningRate: 0.1,
        schedule: { kind: "plateau", factor: 1, patience: 1, min: 0.01 },
        batchRng: createPrng(3),
        batchLoss: (idx) => mse(idx),
        validLoss: () => 0,
      }),
    /bad\.fit \(lib\/nn\/train_loop\.ts\): schedule\.factor must be in \(0, 1\), got 1/,
  );
  assert.throws(() => learningRateAt(0.1, { kind: "plateau", factor: 0.5, patience: 1, min: 0.01 }, 1, 2), /plateau/);
});
