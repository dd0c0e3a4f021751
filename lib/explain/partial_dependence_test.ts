import assert from "node:assert/strict";
import fc from "fast-check";
import { createPrng } from "../core/prng.ts";
import { partialDependence } from "./partial_dependence.ts";
import type { PredictFn } from "./predict_fn.ts";

const w = [1.5, -2, 0.25];
const linear: PredictFn = (x, n, d) => {
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) y[i] += w[j] * x[i * d + j];
  return y;
};

Deno.test("partialDependence: PDP of a linear model is linear with slope w; ICE curves are parallel", async () => {
  await fc.assert(
    fc.asyncProperty(fc.integer({ min: 0, max: 1e9 }), fc.integer({ min: 0, max: 2 }), async (seed, feature) => {
      const rng = createPrng(seed);
      const n = 25, d = 3, x = new Float64Array(n * d);
      for (let i = 0; i < x.length; i++) x[i] = rng.normal();
      const r = await partialDependence(linear, x, n, d, feature, { gridSize: 7 });
      assert.equal(r.grid.length, 7);
      for (let k = 1; k < r.grid.length; k++) {
        assert.ok(r.grid[k] > r.grid[k - 1]);
        const slope = (r.pdp[k] - r.pdp[k - 1]) / (r.grid[k] - r.grid[k - 1]);
        assert.ok(Math.abs(slope - w[feature]) < 1e-9, `slope ${slope}`);
        for (let i = 0; i < n; i++) {
          const s = (r.ice[i * 7 + k] - r.ice[i * 7 + k - 1]) / (r.grid[k] - r.grid[k - 1]);
          assert.ok(Math.abs(s - w[feature]) < 1e-9);
        }
      }
      // PDP equals the mean of the ICE curves.
      for (let k = 0; k < 7; k++) {
        let m = 0;
        for (let i = 0; i < n; i++) m += r.ice[i * 7 + k] / n;
        assert.ok(Math.abs(m - r.pdp[k]) < 1e-12);
      }
    }),
    { numRuns: 20 },
  );
});

Deno.test("partialDependence: grid is the feature's quantiles; ties merge; chunking agrees", async () => {
  const n = 5, d = 2;
  const x = Float64Array.of(0, 10, 1, 10, 1, 10, 1, 10, 4, 10);
  const r = await partialDependence(linear, x, n, d, 0, { probabilities: [0, 0.25, 0.5, 1] });
  assert.deepEqual(Array.from(r.grid), [0, 1, 4]); // the 0.25 and 0.5 quantiles are both 1
  assert.deepEqual(Array.from(r.probabilities), [0, 0.25, 1]);
  const c = await partialDependence(linear, x, n, d, 0, { probabilities: [0, 0.25, 0.5, 1], maxBatchRows: 3 });
  assert.deepEqual(c.ice, r.ice);
});

Deno.test("partialDependence: bad input names the argument", async () => {
  const x = Float64Array.of(1, 2, 3, 4);
  await assert.rejects(
    () => partialDependence(linear, x, 2, 2, 2),
    /feature must be an integer feature index in \[0, 2\), got 2/,
  );
  await assert.rejects(() => partialDependence(linear, x, 3, 2, 0), /x has length 4/);
  await assert.rejects(() => partialDependence(linear, Float64Array.of(1, NaN), 1, 2, 0), /x row 0 column 1 is NaN/);
  await assert.rejects(
    () => partialDependence(linear, x, 2, 2, 0, { probabilities: [1.5] }),
    /probabilities\[0\].*1.5/,
  );
  await assert.rejects(() => partialDependence("f" as never, x, 2, 2, 0), TypeError);
});
