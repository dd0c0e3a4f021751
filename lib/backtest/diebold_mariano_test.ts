import assert from "node:assert/strict";
import { dieboldMariano } from "./diebold_mariano.ts";

const a = [1.2, 0.7, 2.1, 1.5, 0.3, 1.8, 2.2, 0.9, 1.1, 1.6, 0.4, 2.5];
const b = [1.0, 0.9, 1.5, 1.4, 0.5, 1.2, 2.0, 1.1, 0.8, 1.3, 0.6, 2.0];

// Golden values computed independently in python3: γ_k = (1/T)Σ(d_t−d̄)(d_{t−k}−d̄),
// V = γ0 + 2Σ(1−k/(L+1))γ_k with L = h−1 = 2, DM = d̄/√(V/T), p = erfc(|DM|/√2).
Deno.test("dieboldMariano: golden values, h = 3, Newey–West", () => {
  const r = dieboldMariano(a, b, { mpor: 3 });
  assert.ok(Math.abs(r.meanDiff - 0.16666666666666666) < 1e-14);
  assert.ok(Math.abs(r.longRunVariance - 0.009012345679012324) < 1e-14);
  assert.ok(Math.abs(r.stat - 6.08163640559538) < 1e-10);
  assert.ok(Math.abs(r.pValue - 1.1896209655472593e-09) < 1e-16);
  assert.equal(r.kernel, "bartlett");
  const hln = dieboldMariano(a, b, { mpor: 3, hln: true });
  assert.ok(Math.abs(hln.stat - 4.807955735670248) < 1e-10);
});

Deno.test("dieboldMariano: uniform kernel falls back to Bartlett when its variance is negative", () => {
  const r = dieboldMariano(a, b, { mpor: 3, kernel: "uniform" });
  assert.equal(r.kernel, "bartlett");
  assert.ok(Math.abs(r.stat - 6.08163640559538) < 1e-10);
});

Deno.test("dieboldMariano: antisymmetric in its arguments", () => {
  const r1 = dieboldMariano(a, b), r2 = dieboldMariano(b, a);
  assert.ok(Math.abs(r1.stat + r2.stat) < 1e-12);
  assert.ok(Math.abs(r1.pValue - r2.pValue) < 1e-15);
});

Deno.test("dieboldMariano: bad input is named", () => {
  assert.throws(() => dieboldMariano([1, 2], [1]), /lossA.length \(2\) must equal lossB.length, got 1/);
  assert.throws(() => dieboldMariano([1, NaN], [1, 2]), /lossA\[1\] must be a finite number, got NaN/);
  assert.throws(() => dieboldMariano([1, 2], [1, 2]), /zero variance/);
  assert.throws(() => dieboldMariano(a, b, { mpor: 0 }), /mpor must be an integer >= 1, got 0/);
});
