import assert from "node:assert/strict";
import fc from "fast-check";
import { hsMargin, hsVarEs, hsVarEsBatch } from "./hs.ts";
import { createMatrix } from "./matrix.ts";
import { varEs } from "./var_es.ts";
import { createPrng } from "../core/prng.ts";

Deno.test("hsVarEs: per-row values", () => {
  const r = hsVarEs(createMatrix(2, 2, [1, -1, -5, 2]), 0.5);
  assert.deepEqual(Array.from(r.var), [-1, -2]);
  assert.deepEqual(Array.from(r.es), [1, 5]);
});

Deno.test("hsVarEsBatch equals hsVarEs on the explicit product", () => {
  const rng = createPrng(3);
  const P = 7, I = 5, S = 300;
  const pos = createMatrix(P, I, Array.from({ length: P * I }, () => Math.round(rng.normal() * 3)));
  const ipnl = createMatrix(I, S, Array.from({ length: I * S }, () => rng.normal()));
  const prod = createMatrix(P, S);
  for (let p = 0; p < P; p++) {
    for (let s = 0; s < S; s++) {
      let v = 0;
      for (let i = 0; i < I; i++) v += pos.data[p * I + i] * ipnl.data[i * S + s];
      prod.data[p * S + s] = v;
    }
  }
  const a = hsVarEsBatch(pos, ipnl, 0.99), b = hsVarEs(prod, 0.99);
  for (let p = 0; p < P; p++) {
    assert.ok(Math.abs(a.var[p] - b.var[p]) < 1e-9);
    assert.ok(Math.abs(a.es[p] - b.es[p]) < 1e-9);
  }
});

const pnlArb = fc.array(fc.double({ min: -1e4, max: 1e4, noNaN: true }), { minLength: 1, maxLength: 120 });

Deno.test("hsMargin: non-negative and positively homogeneous (property)", () => {
  fc.assert(
    fc.property(pnlArb, fc.double({ min: 0.001, max: 1000, noNaN: true }), fc.constantFrom("var", "es"), (
      xs,
      c,
      measure,
    ) => {
      const m = hsMargin(xs, { confidence: 0.975, measure: measure as "var" | "es" });
      assert.ok(m >= 0);
      const mc = hsMargin(xs.map((x) => c * x), { confidence: 0.975, measure: measure as "var" | "es" });
      assert.ok(Math.abs(mc - c * m) <= 1e-9 * Math.max(1, c * m));
    }),
    { numRuns: 200 },
  );
});

Deno.test("hsMargin matches max(0, varEs)", () => {
  const xs = [-10, 1, 2, 3];
  assert.equal(hsMargin(xs, { confidence: 0.75 }), Math.max(0, varEs(xs, 0.75).es));
  assert.equal(hsMargin([1, 2, 3], { confidence: 0.5, measure: "var" }), 0);
});

Deno.test("hs: bad input is named", () => {
  assert.throws(() => hsVarEs(createMatrix(1, 0), 0.99), /0 scenario columns \(empty lookback\)/);
  assert.throws(() => hsVarEs(createMatrix(1, 2), 1.5), /confidence must lie in \(0, 1\), got 1.5/);
  const bad = createMatrix(1, 2);
  bad.data[1] = NaN;
  assert.throws(() => hsVarEs(bad, 0.99), /pnl.data\[1\] must be a finite number, got NaN/);
  assert.throws(
    () => hsVarEsBatch(createMatrix(2, 3), createMatrix(4, 10), 0.99),
    /positions.cols \(3 instruments\) must equal instrumentPnl.rows, got 4/,
  );
  assert.throws(() => hsMargin([1, 2], { measure: "cvar" as "es" }), /measure must be "var" or "es", got cvar/);
  assert.throws(() => createMatrix(2, 2, [1, 2, 3]), /values.length must be rows\*cols = 4, got 3/);
});
