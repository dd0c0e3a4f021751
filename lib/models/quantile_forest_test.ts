import assert from "node:assert/strict";
import { runForecasterContract } from "../testing/forecaster_contract.ts";
import { loadQuantileForest, quantileForest, quantileForestConfig } from "./quantile_forest.ts";
import { syntheticQuantileProblem } from "../testing/synthetic_quantile_problem.ts";
import { predictEnsemble, treeExpectedValue, treeShap } from "../explain/mod.ts";

runForecasterContract({
  name: "quantile_forest",
  make: (o) => quantileForest({ nEstimators: 8, maxDepth: 5, minNumSamples: 25, maxTrainRows: 300, ...o }),
  load: loadQuantileForest,
});

Deno.test("quantile_forest: config validation and subsampling cap", async () => {
  assert.throws(() => quantileForestConfig({ maxFeatures: 1.5 }), /maxFeatures/);
  assert.throws(() => quantileForestConfig({ nEstimators: 0 }), /nEstimators/);
  const p = syntheticQuantileProblem({ nTrain: 200, nValid: 20, nTest: 10, seed: 3, tau: 0.9 });
  const f = quantileForest({ tau: 0.9, nEstimators: 3, maxTrainRows: 50 });
  const rep = await f.fit(p.train, p.valid);
  assert.equal(rep.nTrain, 50);
});

Deno.test("quantile_forest: a single deep tree on one leaf-pure split returns the leaf quantile", async () => {
  // Two regimes separated by x < 0: leaf quantiles are those of each regime.
  const n = 200, x = new Float64Array(n), r = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    x[i] = i < 100 ? -1 - i / 100 : 1 + i / 100;
    r[i] = (i < 100 ? 0.9 : 1.3) + ((i % 10) - 4.5) * 0.001;
  }
  const dates = Array.from({ length: n }, (_, i) => `d${String(i).padStart(5, "0")}`);
  const f = quantileForest({ tau: 0.5, nEstimators: 1, minNumSamples: 100, maxDepth: 1 });
  await f.fit({ x, d: 1, r, dates }, { x: x.slice(0, 2), d: 1, r: r.slice(0, 2), dates: ["e0", "e1"] });
  const m = f.predict(Float64Array.of(-1.5, 1.5));
  assert.ok(Math.abs(m[0] - 0.9) < 0.006 && Math.abs(m[1] - 1.3) < 0.006, `${m}`);
});

Deno.test("quantile_forest: exposed trees — TreeSHAP sums to the mean prediction minus the expected value", async () => {
  const p = syntheticQuantileProblem({ nTrain: 300, nValid: 40, nTest: 25, seed: 5, tau: 0.95, d: 4 });
  const f = quantileForest({ tau: 0.95, nEstimators: 6, maxDepth: 4, minNumSamples: 15, maxTrainRows: 250, seed: 2 });
  await f.fit(p.train, p.valid);
  const forest = f.trees(), n = 25, d = 4;
  assert.equal(forest.nFeatures, d);
  assert.equal(forest.trees.length, 6);
  const mean = f.predictMean(p.test.x);
  // The trees' own mean is the model's mean prediction …
  const viaTrees = predictEnsemble(forest, p.test.x, n, d);
  for (let i = 0; i < n; i++) assert.ok(Math.abs(viaTrees[i] - mean[i]) < 1e-12);
  // … which is Σ_i w_i(x) r_i over the subsampled training rows (covers count all of them).
  for (const t of forest.trees) assert.equal(t.cover[0], 250);
  // Efficiency: Σ_j φ_ij = f(x_i) − E[f] for every row.
  const shap = treeShap(forest, p.test.x, n, d);
  const expected = forest.trees.reduce((s, t) => s + treeExpectedValue(t), 0) / forest.trees.length;
  assert.ok(Math.abs(shap.baseValue - expected) < 1e-12);
  for (let i = 0; i < n; i++) {
    let sum = 0;
    for (let j = 0; j < d; j++) sum += shap.values[i * d + j];
    assert.ok(Math.abs(sum - (mean[i] - expected)) < 1e-10, `row ${i}: Σφ ${sum} vs ${mean[i] - expected}`);
  }
  // The same trees after save/load; a copy does not alias the model's state.
  const g = loadQuantileForest(JSON.parse(JSON.stringify(f.save())));
  assert.deepEqual(Array.from(g.predictMean(p.test.x)), Array.from(mean));
  forest.trees[0].value.fill(99);
  assert.deepEqual(Array.from(f.predictMean(p.test.x)), Array.from(mean));
  assert.throws(() => quantileForest().trees(), TypeError);
  assert.throws(() => quantileForest().predictMean(p.test.x), TypeError);
});

Deno.test("quantile_forest: the mean prediction uses the quantile's leaf weights (one tree, pure leaves)", async () => {
  const n = 200, x = new Float64Array(n), r = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    x[i] = i < 100 ? -1 - i / 100 : 1 + i / 100;
    r[i] = i < 100 ? 0.9 + (i % 2) * 0.1 : 1.3;
  }
  const dates = Array.from({ length: n }, (_, i) => `d${String(i).padStart(5, "0")}`);
  const f = quantileForest({ tau: 0.5, nEstimators: 1, minNumSamples: 100, maxDepth: 1 });
  await f.fit({ x, d: 1, r, dates }, { x: x.slice(0, 2), d: 1, r: r.slice(0, 2), dates: ["e0", "e1"] });
  const m = f.predictMean(Float64Array.of(-1.5, 1.5));
  assert.ok(Math.abs(m[0] - 0.95) < 1e-12 && Math.abs(m[1] - 1.3) < 1e-12, `${m}`);
  const t = f.trees().trees[0];
  assert.deepEqual(Array.from(t.cover), [200, 100, 100]);
});
