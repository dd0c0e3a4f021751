import assert from "node:assert/strict";
import fc from "fast-check";
import type { MarginFunction } from "./attribution.ts";
import { eulerAttribution, proRataAttribution, shapleyAttribution, standaloneAttribution } from "./attribution.ts";

// sqrt(wᵀ Σ w) with a fixed PSD matrix: homogeneous of degree one
function quadratic(sigma: number[][]): MarginFunction {
  return (w) => {
    let t = 0;
    for (let i = 0; i < w.length; i++) for (let j = 0; j < w.length; j++) t += w[i] * sigma[i][j] * w[j];
    return Math.sqrt(Math.max(t, 0));
  };
}
const SIGMA = [[4, 1, -1], [1, 9, 2], [-1, 2, 1]];

Deno.test("standalone and pro-rata", () => {
  const f = quadratic(SIGMA);
  const sa = standaloneAttribution(f, 3);
  assert.deepEqual([...sa.contributions], [2, 3, 1]);
  const pr = proRataAttribution(f, 3);
  assert.ok(Math.abs(pr.gap) < 1e-12);
  assert.ok(Math.abs(pr.contributions[1] / pr.contributions[0] - 1.5) < 1e-12);
  assert.throws(() => proRataAttribution(() => 0, 2), RangeError);
});

Deno.test("Euler: contributions sum to the total for homogeneous margins (property)", () => {
  fc.assert(
    fc.property(fc.array(fc.double({ min: -3, max: 3, noNaN: true }), { minLength: 3, maxLength: 3 }), (v) => {
      const sigma = SIGMA.map((row, i) => row.map((x, j) => x + (i === j ? v[i] * v[i] : 0)));
      const e = eulerAttribution(quadratic(sigma), 3, 1e-5);
      return Math.abs(e.gap) <= 1e-7 * Math.max(1, e.total);
    }),
    { seed: 7, numRuns: 50 },
  );
});

Deno.test("Euler: a concentration-like |s|^1.5 margin over-allocates by half", () => {
  const f: MarginFunction = (w) => Math.abs(w[0] + w[1]) ** 1.5;
  const e = eulerAttribution(f, 2);
  assert.ok(Math.abs(e.gap - 0.5 * e.total) < 1e-6, `gap ${e.gap}`);
  assert.throws(() => eulerAttribution(f, 2, 0), RangeError);
});

Deno.test("Shapley exact: efficiency, symmetry, dummy, additivity", () => {
  const f = quadratic(SIGMA);
  const s = shapleyAttribution(f, 3);
  assert.equal(s.method, "shapley-exact");
  assert.ok(Math.abs(s.gap) < 1e-12);
  const sym = shapleyAttribution((w) => Math.hypot(w[0], w[1]) + 0 * w[2], 3);
  assert.ok(Math.abs(sym.contributions[0] - sym.contributions[1]) < 1e-12);
  assert.equal(sym.contributions[2], 0);
  const lin = shapleyAttribution((w) => 2 * w[0] + 5 * w[1], 2);
  assert.ok(Math.abs(lin.contributions[0] - 2) < 1e-12 && Math.abs(lin.contributions[1] - 5) < 1e-12);
});

Deno.test("Shapley sampled: seeded, efficient per permutation, close to exact within a few standard errors", () => {
  const n = 6;
  const sigma = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 + i : 0.3)));
  const f = quadratic(sigma);
  const exact = shapleyAttribution(f, n);
  const a = shapleyAttribution(f, n, { maxExact: 0, permutations: 400, seed: 3 });
  const b = shapleyAttribution(f, n, { maxExact: 0, permutations: 400, seed: 3 });
  assert.equal(a.method, "shapley-sampled");
  assert.deepEqual([...a.contributions], [...b.contributions]);
  assert.ok(Math.abs(a.gap) < 1e-9);
  for (let i = 0; i < n; i++) {
    assert.ok(a.standardErrors![i] > 0);
    assert.ok(Math.abs(a.contributions[i] - exact.contributions[i]) < 5 * a.standardErrors![i] + 1e-12, `unit ${i}`);
  }
  assert.throws(() => shapleyAttribution(f, n, { maxExact: 0, permutations: 1 }), RangeError);
  assert.throws(() => shapleyAttribution(f, 0), RangeError);
});
