import assert from "node:assert/strict";
import fc from "fast-check";
import { shapley } from "./shapley.ts";
import { scenarioMarginFn } from "./unit_margin_fn.ts";
import { createMatrix } from "../margin/matrix.ts";
import { createPrng } from "../core/prng.ts";

Deno.test("shapley: two-unit toy margin", () => {
  const r = shapley((w) => Math.hypot(3 * w[0], 4 * w[1]), 2);
  assert.ok(r.exact);
  assert.ok(Math.abs(r.values[0] - 2) < 1e-12 && Math.abs(r.values[1] - 3) < 1e-12);
});

function randomUnits(units: number, seed: number, dupOf?: [number, number]) {
  const rng = createPrng(seed);
  const S = 60;
  const m = createMatrix(units, S, Array.from({ length: units * S }, () => rng.normal() * 10));
  if (dupOf) { for (let s = 0; s < S; s++) m.data[dupOf[1] * S + s] = m.data[dupOf[0] * S + s]; }
  return m;
}

Deno.test("shapley: efficiency and symmetry on HS-ES margins (property)", () => {
  fc.assert(
    fc.property(fc.integer({ min: 2, max: 7 }), fc.integer(), (units, seed) => {
      const m = randomUnits(units, seed, [0, 1]); // units 0 and 1 interchangeable
      const fn = scenarioMarginFn(m, { tau: 0.9 });
      const r = shapley(fn, units);
      let s = 0;
      for (const v of r.values) s += v;
      assert.ok(Math.abs(s - (r.total - r.empty)) < 1e-9, `efficiency ${s} vs ${r.total}`);
      assert.ok(Math.abs(r.values[0] - r.values[1]) < 1e-9, `symmetry ${r.values[0]} vs ${r.values[1]}`);
    }),
    { numRuns: 30 },
  );
});

Deno.test("shapley: permutation sampling above exactMax is efficient, seeded, near exact", () => {
  const m = randomUnits(8, 11);
  const fn = scenarioMarginFn(m, { tau: 0.9 });
  const exact = shapley(fn, 8);
  const a = shapley(fn, 8, { exactMax: 4, nPermutations: 400, prng: createPrng(1) });
  const b = shapley(fn, 8, { exactMax: 4, nPermutations: 400, prng: createPrng(1) });
  assert.ok(!a.exact);
  assert.deepEqual(a.values, b.values);
  let s = 0;
  for (const v of a.values) s += v;
  assert.ok(Math.abs(s - (a.total - a.empty)) < 1e-9);
  for (let j = 0; j < 8; j++) {
    assert.ok(a.stdErr[j] > 0);
    assert.ok(Math.abs(a.values[j] - exact.values[j]) < 5 * a.stdErr[j] + 1e-9, `unit ${j}`);
  }
});

Deno.test("shapley: bad input is named", () => {
  assert.throws(() => shapley((w) => w[0], 0), /nUnits must be an integer >= 1, got 0/);
  assert.throws(() => shapley((w) => w[0], 14), /needs a seeded prng/);
  assert.throws(() => shapley(() => NaN, 1), /marginFn returned NaN/);
  assert.throws(() => shapley((w) => w[0], 2, { exactMax: 30 }), /exactMax must be an integer in \[1, 20\], got 30/);
});
