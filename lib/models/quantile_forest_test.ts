import assert from "node:assert/strict";
import { runForecasterContract } from "./forecaster_contract.ts";
import { loadQuantileForest, quantileForest, quantileForestConfig } from "./quantile_forest.ts";
import { syntheticQuantileProblem } from "./synthetic_quantile_problem.ts";

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
