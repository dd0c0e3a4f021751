import assert from "node:assert/strict";
import { pairedPartialDependence } from "./paired_partial_dependence.ts";
import { partialDependence } from "./partial_dependence.ts";
import type { PredictFn } from "./predict_fn.ts";
import { createPrng } from "../core/prng.ts";

Deno.test("pairedPartialDependence: B on A's levels; each equals its own partialDependence there", async () => {
  const rng = createPrng(2);
  const n = 30, d = 2;
  const x = Float64Array.from({ length: n * d }, () => rng.normal());
  const fa: PredictFn = (z, m) => Float64Array.from({ length: m }, (_, i) => z[i * 2] + 0.5 * z[i * 2 + 1]);
  const fb: PredictFn = (z, m) => Float64Array.from({ length: m }, (_, i) => Math.max(0, z[i * 2]));
  const { a, b } = await pairedPartialDependence(fa, fb, x, n, d, 0, { gridSize: 6 });
  assert.deepEqual(b.probabilities, a.probabilities);
  assert.deepEqual(b.grid, a.grid);
  assert.deepEqual(a, await partialDependence(fa, x, n, d, 0, { gridSize: 6 }));
  assert.deepEqual(b, await partialDependence(fb, x, n, d, 0, { probabilities: a.probabilities }));
  // fb = max(0, x0): its PDP is non-decreasing in the grid.
  assert.ok(b.pdp.every((v, i) => i === 0 || v >= b.pdp[i - 1]));
});
