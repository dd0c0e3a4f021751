import assert from "node:assert/strict";
import fc from "fast-check";
import { hsMargin, hsVarEs, hsVarEsBatch } from "./hs.ts";
import { createMatrix } from "./matrix.ts";
import { varEs } from "./var_es.ts";
import { createPrng } from "../core/prng.ts";
import { hsVarEsBatchReference } from "../testing/hs_scalar_reference.ts";

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
      const m = hsMargin(xs, { tau: 0.975, measure: measure as "var" | "es" });
      assert.ok(m >= 0);
      const mc = hsMargin(xs.map((x) => c * x), { tau: 0.975, measure: measure as "var" | "es" });
      assert.ok(Math.abs(mc - c * m) <= 1e-9 * Math.max(1, c * m));
    }),
    { numRuns: 200 },
  );
});

Deno.test("hsMargin matches max(0, varEs)", () => {
  const xs = [-10, 1, 2, 3];
  assert.equal(hsMargin(xs, { tau: 0.75 }), Math.max(0, varEs(xs, 0.75).es));
  assert.equal(hsMargin([1, 2, 3], { tau: 0.5, measure: "var" }), 0);
});

Deno.test("hs: bad input is named", () => {
  assert.throws(() => hsVarEs(createMatrix(1, 0), 0.99), /0 scenario columns \(empty lookback\)/);
  assert.throws(() => hsVarEs(createMatrix(1, 2), 1.5), /tau must lie in \(0, 1\), got 1.5/);
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

const sameBits = (a: Float64Array, b: Float64Array, what: string) => {
  assert.equal(a.length, b.length, what);
  for (let i = 0; i < a.length; i++) assert.ok(Object.is(a[i], b[i]), `${what}[${i}]: ${a[i]} vs ${b[i]}`);
};

Deno.test("hsVarEsBatch is bitwise the scalar reference: random, tied, negative, zero-weight and ±0 data", () => {
  const rng = createPrng(17);
  const shapes: [number, number, number][] = [
    [1, 1, 1],
    [1, 3, 2],
    [2, 2, 3],
    [3, 5, 7],
    [5, 4, 8],
    [4, 20, 250],
    [7, 6, 101],
    [9, 20, 2500],
    [6, 3, 1000],
    [1025, 2, 40],
    [3, 0, 17],
    [0, 3, 10],
  ];
  let checked = 0;
  for (const [P, I, S] of shapes) {
    for (const kind of ["normal", "ties", "integers", "sparse", "zeros"] as const) {
      const pos = createMatrix(P, I), ipnl = createMatrix(I, S);
      for (let q = 0; q < P * I; q++) {
        const u = rng.next();
        pos.data[q] = kind === "sparse" && u < 0.6
          ? 0
          : kind === "zeros" && u < 0.3
          ? -0
          : Math.round(rng.normal() * 10);
      }
      for (let q = 0; q < I * S; q++) {
        const z = rng.normal();
        ipnl.data[q] = kind === "ties"
          ? Math.round(z * 2) * 0.5
          : kind === "integers"
          ? Math.round(z * 3)
          : kind === "zeros"
          ? (rng.next() < 0.5 ? -0 : 0)
          : z * 1000 - 300;
      }
      for (const c of [0.99, 0.975, 0.5, 0.9, 0.01]) {
        const a = hsVarEsBatch(pos, ipnl, c), b = hsVarEsBatchReference(pos, ipnl, c);
        sameBits(a.var, b.var, `${kind} ${P}×${I}×${S} @${c} var`);
        sameBits(a.es, b.es, `${kind} ${P}×${I}×${S} @${c} es`);
        checked += P;
      }
    }
  }
  assert.ok(checked > 20_000);
});
