import assert from "node:assert/strict";
import { type FeatureShockOptions, featureShocks } from "./feature_shocks.ts";

const names = ["ret_scaled_1d", "rv_20d", "ewma_vol", "ewma_to_im", "ovx", "curve_slope"];
const x = Float64Array.of(0.01, 0.3, 0.25, 1.1, 0.4, -0.02);
const o: FeatureShockOptions = {
  volFeatures: ["rv_20d", "ewma_vol", "ewma_to_im", "ovx"],
  volFactor: 3,
  jumpSize: -0.3,
  jumpReturnFeatures: ["ret_scaled_1d", "not_here"],
  jumpVolWindows: [5, 20],
  ewmaLambda: 0.94,
  curveFeatures: ["curve_slope"],
};

Deno.test("featureShocks: each shock moves only its features and leaves the row alone", () => {
  const before = x.slice();
  const s = featureShocks(x, names, o);
  assert.deepEqual(Object.keys(s), ["volX", "priceJump", "curveInversion", "combined"]);
  assert.deepEqual(x, before);
  assert.deepEqual(Array.from(s.volX), [0.01, 0.3 * 3, 0.25 * 3, 1.1 * 3, 0.4 * 3, -0.02]);
  assert.deepEqual(Array.from(s.curveInversion), [0.01, 0.3, 0.25, 1.1, 0.4, 0.02]);
});

Deno.test("featureShocks: the price jump enters returns, rv and EWMA through their definitions", () => {
  const j = featureShocks(x, names, o).priceJump;
  assert.equal(j[0], 0.01 - 0.3);
  assert.ok(Math.abs(j[1] - Math.sqrt(0.09 + 252 * 0.09 / 20)) < 1e-15);
  const e1 = Math.sqrt(0.25 ** 2 + 0.06 * 252 * 0.09);
  assert.ok(Math.abs(j[2] - e1) < 1e-15);
  assert.ok(Math.abs(j[3] / j[2] - 1.1 / 0.25) < 1e-12, "EWMA/IM scales with the EWMA vol");
  assert.equal(j[4], 0.4);
  assert.equal(j[5], -0.02);
});

Deno.test("featureShocks: combined = jump, then vol factor, then curve flip", () => {
  const s = featureShocks(x, names, o);
  const want = s.priceJump.slice();
  for (const f of o.volFeatures) want[names.indexOf(f)] *= 3;
  want[5] = -want[5];
  assert.deepEqual(s.combined, want);
});

Deno.test("featureShocks: zero jump and unit factor are the identity on vols", () => {
  const s = featureShocks(x, names, { ...o, jumpSize: 0, volFactor: 1, curveFeatures: [] });
  assert.deepEqual(s.volX, x);
  assert.deepEqual(s.curveInversion, x);
  assert.ok(s.priceJump.every((v, i) => Math.abs(v - x[i]) < 1e-15));
});

Deno.test("featureShocks: a row and names of different length is a RangeError", () => {
  assert.throws(() => featureShocks(x, names.slice(1), o), /row has 6 values but 5 names/);
});
