import assert from "node:assert/strict";
import fc from "fast-check";
import { RandomForestRegression } from "ml-random-forest";
import { createPrng, type Prng } from "../core/prng.ts";
import { forestToEnsemble } from "./forest_ensemble.ts";
import { type DecisionTree, decisionTree, type DecisionTreeSpec, predictEnsemble } from "./tree_ensemble.ts";
import { treeExpectedValue, treeShap } from "./tree_shap.ts";

/** Random tree with repeated split features and some zero-cover leaves. */
function randomTree(rng: Prng, nFeatures: number, maxDepth: number): DecisionTree {
  const feature: number[] = [], threshold: number[] = [], left: number[] = [], right: number[] = [];
  const value: number[] = [], cover: number[] = [];
  const depth: number[] = [0];
  const queue = [0];
  const pushNode = () => {
    feature.push(0);
    threshold.push(0);
    left.push(-1);
    right.push(-1);
    value.push(0);
    cover.push(0);
  };
  pushNode();
  for (let q = 0; q < queue.length; q++) {
    const i = queue[q];
    if (depth[i] >= maxDepth || (i > 0 && rng.next() < 0.3)) {
      feature[i] = -1;
      value[i] = Math.round(rng.normal() * 100) / 10;
      cover[i] = rng.int(6); // 0..5, zero cover included
      continue;
    }
    feature[i] = rng.int(nFeatures);
    threshold[i] = Math.round(rng.normal() * 4) / 4;
    for (const side of [left, right]) {
      const c = feature.length;
      side[i] = c;
      pushNode();
      depth.push(depth[i] + 1);
      queue.push(c);
    }
  }
  for (let i = feature.length - 1; i >= 0; i--) if (feature[i] >= 0) cover[i] = cover[left[i]] + cover[right[i]];
  return decisionTree({ feature, threshold, left, right, value, cover });
}

/** Algorithm 1 of Lundberg et al. (2018): path-dependent E[f(x) | x_S]. */
function expValue(t: DecisionTree, x: Float64Array, inS: boolean[], node = 0): number {
  const f = t.feature[node];
  if (f < 0) return t.value[node];
  const l = t.left[node], r = t.right[node];
  if (inS[f]) return expValue(t, x, inS, x[f] < t.threshold[node] ? l : r);
  const cl = t.cover[l], cr = t.cover[r];
  const pl = cl + cr > 0 ? cl / (cl + cr) : 0.5;
  return pl * expValue(t, x, inS, l) + (1 - pl) * expValue(t, x, inS, r);
}

/** Exact Shapley values of the path-dependent value function by enumerating all 2^M coalitions. */
function bruteForceShapley(t: DecisionTree, x: Float64Array, m: number): Float64Array {
  const fact = [1];
  for (let i = 1; i <= m; i++) fact.push(fact[i - 1] * i);
  const v = new Float64Array(2 ** m);
  for (let mask = 0; mask < 2 ** m; mask++) {
    const inS = Array.from({ length: m }, (_, j) => ((mask >> j) & 1) === 1);
    v[mask] = expValue(t, x, inS);
  }
  const phi = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    for (let mask = 0; mask < 2 ** m; mask++) {
      if ((mask >> i) & 1) continue;
      let s = 0;
      for (let j = 0; j < m; j++) s += (mask >> j) & 1;
      phi[i] += (fact[s] * fact[m - s - 1] / fact[m]) * (v[mask | (1 << i)] - v[mask]);
    }
  }
  return phi;
}

/** A root split on feature 0 with two leaves, fields overridden by `o`. */
const STUMP_SPLIT = { feature: [0, -1, -1], threshold: [0, 0, 0], left: [1, -1, -1], right: [2, -1, -1] };
const stump = (o: Partial<DecisionTreeSpec> = {}) =>
  decisionTree({ ...STUMP_SPLIT, value: [0, 0, 0], cover: [1, 1, 1], ...o });

Deno.test("treeShap: one split gives the textbook values", () => {
  const t = stump({ threshold: [0.5, 0, 0], value: [0, 1, 3], cover: [4, 1, 3] });
  const r = treeShap({ trees: [t], nFeatures: 2 }, Float64Array.of(0.1, 9), 1, 2);
  assert.equal(r.baseValue, 2.5);
  assert.ok(Math.abs(r.values[0] - (1 - 2.5)) < 1e-15);
  assert.equal(r.values[1], 0);
  assert.equal(r.predictions[0], 1);
});

Deno.test("treeShap: equals brute-force Shapley values on random trees (repeated features, zero covers)", () => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 2 ** 31 - 1 }), fc.integer({ min: 1, max: 5 }), (seed, m) => {
      const rng = createPrng(seed);
      const t = randomTree(rng, m, 1 + rng.int(6));
      const x = new Float64Array(m);
      for (let j = 0; j < m; j++) x[j] = Math.round(rng.normal() * 4) / 4; // ties with thresholds happen
      const r = treeShap({ trees: [t], nFeatures: m }, x, 1, m);
      const bf = bruteForceShapley(t, x, m);
      for (let j = 0; j < m; j++) assert.ok(Math.abs(r.values[j] - bf[j]) < 1e-9, `φ${j} ${r.values[j]} vs ${bf[j]}`);
      assert.ok(Math.abs(r.baseValue - treeExpectedValue(t)) < 1e-12);
      let s = r.baseValue;
      for (let j = 0; j < m; j++) s += r.values[j];
      assert.ok(Math.abs(s - r.predictions[0]) < 1e-9);
    }),
    { numRuns: 400 },
  );
});

function tinyData(seed: number, n: number, d: number): { X: number[][]; y: number[]; flat: Float64Array } {
  const rng = createPrng(seed);
  const X: number[][] = [], y: number[] = [];
  for (let i = 0; i < n; i++) {
    const row = Array.from({ length: d }, () => rng.normal());
    X.push(row);
    y.push(2 * row[0] + (row[1] > 0 ? 1 : -1) + row[0] * row[2] + 0.1 * rng.normal());
  }
  return { X, y, flat: Float64Array.from(X.flat()) };
}

Deno.test("forestToEnsemble + treeShap: predictions match the forest; local accuracy; brute force per tree", () => {
  const n = 40, d = 4;
  const { X, y, flat } = tinyData(3, n, d);
  for (const replacement of [false, true]) {
    const rf = new RandomForestRegression({ nEstimators: 4, noOOB: true, seed: 5, maxFeatures: 3, replacement });
    rf.train(X, y);
    const ens = forestToEnsemble(rf, flat, n, d);
    const rfPred = rf.predict(X);
    const ourPred = predictEnsemble(ens, flat, n, d);
    for (let i = 0; i < n; i++) assert.ok(Math.abs(rfPred[i] - ourPred[i]) < 1e-12);
    const r = treeShap(ens, flat, n, d);
    for (let i = 0; i < n; i++) {
      let s = r.baseValue;
      for (let j = 0; j < d; j++) s += r.values[i * d + j];
      assert.ok(Math.abs(s - rfPred[i]) < 1e-9, `row ${i}: ${s} vs ${rfPred[i]}`);
      assert.ok(Math.abs(r.predictions[i] - rfPred[i]) < 1e-12);
    }
    // Cover at the root is the number of rows; covers add up.
    for (const t of ens.trees) {
      assert.equal(t.cover[0], n);
      for (let k = 0; k < t.feature.length; k++) {
        if (t.feature[k] >= 0) assert.equal(t.cover[t.left[k]] + t.cover[t.right[k]], t.cover[k]);
      }
    }
    // Ensemble φ is the mean of per-tree brute-force values.
    for (const i of [0, 7]) {
      const xi = flat.subarray(i * d, i * d + d);
      const mean = new Float64Array(d);
      for (const t of ens.trees) {
        const bf = bruteForceShapley(t, xi, d);
        for (let j = 0; j < d; j++) mean[j] += bf[j] / ens.trees.length;
      }
      for (let j = 0; j < d; j++) assert.ok(Math.abs(r.values[i * d + j] - mean[j]) < 1e-9);
    }
  }
});

Deno.test("forestToEnsemble: a forest saved to JSON and loaded back converts to the same ensemble", () => {
  const n = 30, d = 3;
  const { X, y, flat } = tinyData(4, n, d);
  const rf = new RandomForestRegression({ nEstimators: 3, noOOB: true, seed: 9, maxFeatures: 2 });
  rf.train(X, y);
  const loaded = RandomForestRegression.load(JSON.parse(JSON.stringify(rf.toJSON())));
  const a = forestToEnsemble(rf, flat, n, d), b = forestToEnsemble(loaded, flat, n, d);
  assert.deepEqual(a, b);
  const r = treeShap(b, flat, n, d);
  const expected = loaded.predict(X);
  for (let i = 0; i < n; i++) assert.ok(Math.abs(r.predictions[i] - expected[i]) < 1e-12);
});

Deno.test("forestToEnsemble: local feature indices map to global features", () => {
  const n = 30, d = 5;
  const { X, y, flat } = tinyData(11, n, d);
  const rf = new RandomForestRegression({ nEstimators: 3, noOOB: true, seed: 2, maxFeatures: 2 });
  rf.train(X, y);
  const ens = forestToEnsemble(rf, flat, n, d);
  const indexes = (rf as unknown as { indexes: number[][] }).indexes;
  for (let t = 0; t < ens.trees.length; t++) {
    for (const f of ens.trees[t].feature) if (f >= 0) assert.ok(indexes[t].includes(f));
  }
  // A feature used by no tree gets φ = 0 everywhere.
  const used = new Set(indexes.flat());
  const r = treeShap(ens, flat, n, d);
  for (let j = 0; j < d; j++) {
    if (used.has(j)) continue;
    for (let i = 0; i < n; i++) assert.equal(r.values[i * d + j], 0);
  }
});

Deno.test("treeShap / forestToEnsemble: bad input names the argument", () => {
  const t = decisionTree({ feature: [-1], threshold: [0], left: [-1], right: [-1], value: [1], cover: [1] });
  const ens = { trees: [t], nFeatures: 2 };
  assert.throws(() => treeShap(ens, new Float64Array(3), 1, 3), /nFeatures = 2 but x has d = 3/);
  assert.throws(() => treeShap(ens, new Float64Array(3), 1, 2), /x has length 3/);
  assert.throws(() => treeShap(ens, Float64Array.of(0, NaN), 1, 2), /x row 0 column 1 is NaN/);
  assert.throws(() => treeShap({ trees: [], nFeatures: 2 }, new Float64Array(2), 1, 2), /no trees/);
  assert.throws(() => stump({ right: [1, -1, -1] }), RangeError);
  assert.throws(() => forestToEnsemble({} as never, new Float64Array(2), 1, 2), TypeError);
  assert.throws(
    () => forestToEnsemble({ estimators: [], indexes: [], selectionMethod: "median" }, new Float64Array(2), 1, 2),
    /median/,
  );
});
