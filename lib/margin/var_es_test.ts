import assert from "node:assert/strict";
import fc from "fast-check";
import { quickselect, quickselectWasm, tailIndex, varEs, varEsOfLossesInPlace } from "./var_es.ts";
import { createPrng } from "../core/prng.ts";

Deno.test("varEs: hand-checked values", () => {
  const pnl = Float64Array.from({ length: 100 }, (_, i) => i - 50);
  assert.deepEqual(varEs(pnl, 0.95), { var: 45, es: 48 });
  assert.deepEqual(varEs([-4, -3, -2, -1], 0.5), { var: 2, es: 3.5 });
  // fractional tail: n = 10, α = 0.85 → x = 8.5, k = 9; losses 1..10
  // ES = (10 + 0.5·9)/1.5
  const r = varEs(Float64Array.from({ length: 10 }, (_, i) => -(i + 1)), 0.85);
  assert.equal(r.var, 9);
  assert.ok(Math.abs(r.es - 14.5 / 1.5) < 1e-12);
});

Deno.test("tailIndex: 2500 scenarios at 99% is exactly the 25 worst", () => {
  assert.deepEqual(tailIndex(2500, 0.99), { k: 2475, weight: 0, denom: 25 });
});

Deno.test("quickselect agrees with a sort (property)", () => {
  fc.assert(
    fc.property(fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 60 }), fc.nat(), (
      xs,
      kk,
    ) => {
      const a = Float64Array.from(xs);
      const k = kk % a.length;
      const sorted = Float64Array.from(xs).sort();
      assert.equal(quickselect(a, k), sorted[k]);
      for (let i = 0; i < k; i++) assert.ok(a[i] <= a[k]);
      for (let i = k + 1; i < a.length; i++) assert.ok(a[i] >= a[k]);
    }),
    { numRuns: 200 },
  );
});

Deno.test("varEs: ES ≥ VaR (property)", () => {
  fc.assert(
    fc.property(
      fc.array(fc.double({ min: -1e3, max: 1e3, noNaN: true }), { minLength: 1, maxLength: 80 }),
      fc.double({ min: 0.01, max: 0.99, noNaN: true }),
      (xs, a) => {
        const r = varEs(xs, a);
        assert.ok(r.es >= r.var - 1e-9);
      },
    ),
    { numRuns: 200 },
  );
});

Deno.test("varEs: bad input is named", () => {
  assert.throws(() => varEs([1, NaN], 0.99), /pnl\[1\] must be a finite number, got NaN/);
  assert.throws(() => varEs([1, Infinity], 0.99), /pnl\[1\] must be a finite number, got Infinity/);
  assert.throws(() => varEs([], 0.99), /empty/);
  assert.throws(() => varEs([1], 1), /tau must lie in \(0, 1\), got 1/);
  assert.throws(() => varEs([1], -0.5), RangeError);
});

Deno.test("varEsOfLossesInPlace from 256 losses on (WebAssembly) is bitwise the JavaScript path: values and final order", () => {
  const rng = createPrng(21);
  for (let trial = 0; trial < 400; trial++) {
    const n = trial < 200 ? 250 + rng.int(20) : 256 + rng.int(3000), kind = trial % 4;
    const a = new Float64Array(n);
    for (let q = 0; q < n; q++) {
      a[q] = kind === 0
        ? rng.normal() * 1e3
        : kind === 1
        ? rng.int(7) - 3
        : kind === 2
        ? (rng.next() < 0.5 ? -0 : 0) + (rng.next() < 0.1 ? 1 : 0)
        : -q;
    }
    const c = [0.99, 0.975, 0.5, 0.9][trial % 4];
    const b = a.slice(), out = new Float64Array(2);
    varEsOfLossesInPlace(a, c, out);
    const { k, weight, denom } = tailIndex(n, c);
    const v = quickselect(b, k - 1);
    let s = 0;
    for (let i = k; i < n; i++) s += b[i];
    assert.ok(Object.is(out[0], v), `trial ${trial} var`);
    assert.ok(Object.is(out[1], (s + weight * v) / denom), `trial ${trial} es`);
    for (let q = 0; q < n; q++) assert.ok(Object.is(a[q], b[q]), `trial ${trial} (n ${n}) a[${q}]`);
  }
  const x = Float64Array.from([5, 1, 4, 2, 3]);
  assert.equal(quickselectWasm(x, 2), 3);
  const y = Float64Array.from([5, 1, 4, 2, 3]);
  quickselect(y, 2);
  assert.deepEqual(x, y);
});
