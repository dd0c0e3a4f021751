/**
 * Benchmarks: `deno bench --allow-read=. lib/explain/explain_bench.ts`.
 * KernelSHAP for 100 instances × 20 features with a 50-row background and a cheap linear model; TreeSHAP for a
 * 50-tree `ml-random-forest` on 20 features (100 explained rows).
 * @module
 */

import { RandomForestRegression } from "ml-random-forest";
import { createPrng } from "../core/prng.ts";
import { forestToEnsemble } from "./forest_ensemble.ts";
import { kernelShap } from "./kernel_shap.ts";
import type { PredictFn } from "./predict_fn.ts";
import { treeShap } from "./tree_shap.ts";

const d = 20, nExplain = 100, k = 50;
const rng = createPrng(2024);
const matrix = (rows: number) => Float64Array.from({ length: rows * d }, () => rng.normal());
const w = Float64Array.from({ length: d }, () => rng.normal());
const linear: PredictFn = (x, n, dd) => {
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < dd; j++) s += w[j] * x[i * dd + j];
    y[i] = s;
  }
  return y;
};
const xs = matrix(nExplain), background = matrix(k);

Deno.bench({
  name: "kernelShap 100 instances x 20 features, 50-row background, linear (2088 draws)",
  n: 3,
  warmup: 1,
  async fn() {
    await kernelShap(linear, xs, nExplain, d, background, { prng: createPrng(1) });
  },
});

// Forest: 400 training rows, 50 trees, half the features per tree, default (unlimited) depth.
const nTrain = 400;
const train = matrix(nTrain);
const rows: number[][] = [], y: number[] = [];
for (let i = 0; i < nTrain; i++) {
  const r = Array.from(train.subarray(i * d, i * d + d));
  rows.push(r);
  y.push(2 * r[0] + (r[1] > 0 ? 1 : -1) + r[2] * r[3] + 0.2 * rng.normal());
}
const rf = new RandomForestRegression({ nEstimators: 50, noOOB: true, seed: 3, maxFeatures: 0.5 });
rf.train(rows, y);
const ensemble = forestToEnsemble(rf, train, nTrain, d);

Deno.bench({
  name: "forestToEnsemble 50 trees, covers from 400 rows",
  fn() {
    forestToEnsemble(rf, train, nTrain, d);
  },
});

Deno.bench({
  name: "treeShap 50-tree forest x 20 features, 100 rows",
  fn() {
    treeShap(ensemble, xs, nExplain, d);
  },
});
