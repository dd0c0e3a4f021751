import assert from "node:assert/strict";
import { createPrng } from "../core/prng.ts";
import {
  actionClassifier,
  actionClassifierConfig,
  actionMultiplier,
  loadActionClassifier,
} from "./action_classifier.ts";
import { ensureBackend, tf } from "../nn/tf_backend.ts";

/** Two features; the class is decided by a noisy linear score, classes unbalanced (keep is most common). */
function problem(n: number, seed: number) {
  const rng = createPrng(seed);
  const x = new Float64Array(2 * n), y = new Int8Array(n);
  for (let i = 0; i < n; i++) {
    const a = 2 * rng.next() - 1, b = 2 * rng.next() - 1;
    x[2 * i] = a;
    x[2 * i + 1] = b;
    const s = a + 0.5 * b + 0.1 * (rng.next() - 0.5);
    y[i] = s < -0.6 ? 0 : s > 0.6 ? 2 : 1;
  }
  return { x, d: 2, y };
}

function cut(p: { x: Float64Array; d: number; y: Int8Array }, a: number, b: number) {
  return { x: p.x.slice(a * p.d, b * p.d), d: p.d, y: p.y.slice(a, b) };
}

Deno.test("actionClassifier: learns a separable 3-class problem, beats the majority class, deterministic, save/load exact", async () => {
  const p = problem(1500, 1);
  const train = cut(p, 0, 1000), valid = cut(p, 1000, 1200), test = cut(p, 1200, 1500);
  const make = () => actionClassifier({ hidden: [16], epochs: 60, learningRate: 0.01, batchSize: 64, seed: 7 });
  await ensureBackend();
  const before = tf.memory().numTensors;
  const f = make();
  const rep = await f.fit(train, valid);
  assert.ok(rep.bestEpoch >= 1 && rep.validLoss[rep.bestEpoch - 1] < rep.validLoss[0]);
  assert.deepEqual(rep.trainCounts.reduce((a, b) => a + b), 1000);
  const cls = f.predictClass(test.x);
  let hit = 0;
  const counts = [0, 0, 0];
  for (let i = 0; i < cls.length; i++) {
    if (cls[i] === test.y[i]) hit++;
    counts[test.y[i]]++;
  }
  const acc = hit / cls.length, majority = Math.max(...counts) / cls.length;
  assert.ok(acc > 0.9 && acc > majority + 0.2, `accuracy ${acc}, majority ${majority}`);
  const proba = f.predictProba(test.x);
  for (let i = 0; i < cls.length; i++) {
    assert.ok(Math.abs(proba[3 * i] + proba[3 * i + 1] + proba[3 * i + 2] - 1) < 1e-9);
  }
  const g = make();
  await g.fit(train, valid);
  assert.deepEqual(g.predictProba(test.x), proba, "same seed, same probabilities");
  const h = await loadActionClassifier(JSON.parse(JSON.stringify(f.save())));
  assert.deepEqual(h.predictProba(test.x), proba);
  [f, g, h].forEach((m) => m.dispose());
  assert.equal(tf.memory().numTensors, before, "no tensors leak");
});

Deno.test("actionClassifier: bad labels, features, sizes and config are errors before training", async () => {
  const p = problem(100, 2);
  const train = cut(p, 0, 60), valid = cut(p, 60, 100);
  const f = actionClassifier({ epochs: 1 });
  const badY = { ...train, y: Int8Array.from(train.y, (v, i) => (i === 5 ? -1 : v)) };
  await assert.rejects(() => f.fit(badY, valid), /train\.y\[5\] = -1/);
  const badX = { ...train, x: Float64Array.from(train.x, (v, i) => (i === 7 ? NaN : v)) };
  await assert.rejects(() => f.fit(badX, valid), /row 3, column 1 is not finite: NaN/);
  await assert.rejects(() => f.fit(cut(p, 0, 5), valid), /too few samples: 5 rows/);
  assert.throws(() => actionClassifierConfig({ foo: 1 } as never), /unknown config key "foo"/);
  assert.throws(() => actionClassifierConfig({ classWeighting: "x" as never }), /classWeighting/);
  assert.throws(() => f.predictClass(train.x), /not fitted/);
});

Deno.test("actionMultiplier: reference ± step, clipped to the bounds", () => {
  const m = actionMultiplier(Int8Array.of(0, 1, 2, 2), { reference: 1.4, step: 0.2, mMin: 0.8, mMax: 1.5 });
  assert.deepEqual(Array.from(m).map((v) => Math.round(v * 1e12) / 1e12), [1.2, 1.4, 1.5, 1.5]);
  assert.throws(
    () => actionMultiplier(Int8Array.of(3), { reference: 1, step: 0.1, mMin: 0.8, mMax: 1.5 }),
    /class\[0\] = 3/,
  );
  assert.throws(() => actionMultiplier(Int8Array.of(1), { reference: 1, step: -1, mMin: 0.8, mMax: 1.5 }), /step/);
});
