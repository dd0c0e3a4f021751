import assert from "node:assert/strict";
import fc from "fast-check";
import { eulerEs, eulerVar } from "./euler.ts";
import { createMatrix } from "../margin/matrix.ts";
import { hsVarEs } from "../margin/hs.ts";
import { createPrng } from "../core/prng.ts";
import { marginal } from "./marginal.ts";
import { scenarioMarginFn } from "./unit_margin_fn.ts";

function sumRows(m: { rows: number; cols: number; data: Float64Array }) {
  const out = createMatrix(1, m.cols);
  for (let j = 0; j < m.rows; j++) for (let s = 0; s < m.cols; s++) out.data[s] += m.data[j * m.cols + s];
  return out;
}

Deno.test("eulerEs: hand-checked tail scenario", () => {
  const r = eulerEs(createMatrix(2, 4, [-1, 0, 1, 2, -3, 1, 0, 0]), 0.75);
  assert.deepEqual(Array.from(r.contributions), [1, 3]);
  assert.equal(r.es, 4);
});

Deno.test("eulerEs: contributions sum to HS-ES within 1e-10 (property)", () => {
  const arb = fc.record({
    units: fc.integer({ min: 1, max: 6 }),
    scen: fc.integer({ min: 1, max: 150 }),
    seed: fc.integer(),
    conf: fc.double({ min: 0.5, max: 0.995, noNaN: true }),
  });
  fc.assert(
    fc.property(arb, ({ units, scen, seed, conf }) => {
      const rng = createPrng(seed);
      const m = createMatrix(units, scen, Array.from({ length: units * scen }, () => rng.normal() * 100));
      const r = eulerEs(m, conf);
      const es = hsVarEs(sumRows(m), conf).es[0];
      let s = 0;
      for (const c of r.contributions) s += c;
      assert.ok(Math.abs(s - es) < 1e-10, `sum ${s} vs ES ${es}`);
      assert.ok(Math.abs(r.es - es) < 1e-10);
    }),
    { numRuns: 100 },
  );
});

Deno.test("eulerEs agrees with finite-difference marginal × weight when the tail is stable", () => {
  const rng = createPrng(5);
  const m = createMatrix(3, 1000, Array.from({ length: 3000 }, () => rng.normal()));
  const r = eulerEs(m, 0.99);
  const fd = marginal(scenarioMarginFn(m, { tau: 0.99, floor: false }), 3, { eps: 1e-7 });
  for (let j = 0; j < 3; j++) assert.ok(Math.abs(r.contributions[j] - fd.component[j]) < 1e-5);
});

Deno.test("eulerVar: kernel contributions sum to VaR (rescaled) and track the raw smoothed VaR", () => {
  const rng = createPrng(9);
  const m = createMatrix(4, 2000, Array.from({ length: 8000 }, () => rng.normal()));
  const r = eulerVar(m, 0.99);
  const v = hsVarEs(sumRows(m), 0.99).var[0];
  let s = 0;
  for (const c of r.contributions) s += c;
  assert.ok(Math.abs(s - v) < 1e-10);
  assert.equal(r.var, v);
  assert.ok(Math.abs(r.smoothedVar - v) / v < 0.15);
  // i.i.d. symmetric units: contributions close to VaR/4
  for (const c of r.contributions) assert.ok(Math.abs(c - v / 4) < 0.5 * v / 4);
  const raw = eulerVar(m, 0.99, { rescale: false });
  let t = 0;
  for (const c of raw.contributions) t += c;
  assert.ok(Math.abs(t - raw.smoothedVar) < 1e-10);
});

Deno.test("euler: bad input is named", () => {
  assert.throws(() => eulerEs(createMatrix(2, 0), 0.99), /0 scenario columns/);
  assert.throws(() => eulerEs(createMatrix(1, 3), 0), /tau must lie in \(0, 1\), got 0/);
  assert.throws(() => eulerVar(createMatrix(1, 3), 0.9, { bandwidth: -1 }), /bandwidth must be finite and > 0, got -1/);
});
