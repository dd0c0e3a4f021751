import assert from "node:assert/strict";
import { createPrng } from "../core/prng.ts";
import { fitSvi } from "./fit_svi.ts";
import { type SviParams, sviTotalVarianceArray } from "./svi.ts";

const grid = (n: number, lo: number, hi: number): Float64Array =>
  Float64Array.from({ length: n }, (_, i) => lo + (hi - lo) * i / (n - 1));

Deno.test("fitSvi: recovers exact SVI parameters from clean smiles", () => {
  const cases: SviParams[] = [
    { a: 0.02, b: 0.1, rho: -0.5, m: 0.05, sigma: 0.15 },
    { a: 0.04, b: 0.4, rho: -0.4, m: 0.1, sigma: 0.2 },
    { a: 0.001, b: 0.3, rho: -0.9, m: -0.1, sigma: 0.05 },
    { a: -0.041, b: 0.1331, rho: 0.306, m: 0.3586, sigma: 0.4153 }, // Vogt: fitted exactly *and* flagged
  ];
  const k = grid(50, -0.8, 0.6);
  for (const p of cases) {
    const fit = fitSvi(k, sviTotalVarianceArray(p, k));
    assert.ok(fit.rmse < 1e-8, `rmse ${fit.rmse}`);
    for (const key of ["a", "b", "rho", "m", "sigma"] as const) {
      assert.ok(Math.abs(fit.params[key] - p[key]) < 2e-5, `${key}: ${fit.params[key]} vs ${p[key]}`);
    }
  }
  const vogt = fitSvi(k, sviTotalVarianceArray(cases[3], k));
  assert.equal(vogt.arbitrage.ok, false);
  assert.equal(vogt.arbitrage.butterfly.ok, false);
  assert.ok(Math.abs(vogt.arbitrage.butterfly.kAtMinG - 0.88) < 0.02);
});

Deno.test("fitSvi: noisy smile, weights, rmseVol and constraint-respecting output", () => {
  const p = { a: 0.01, b: 0.15, rho: -0.6, m: 0.02, sigma: 0.1 };
  const k = grid(40, -0.6, 0.4);
  const w = sviTotalVarianceArray(p, k);
  const rng = createPrng(3);
  for (let i = 0; i < w.length; i++) w[i] *= 1 + 0.01 * rng.normal();
  const weights = Float64Array.from(k, (x) => Math.exp(-x * x * 4));
  const fit = fitSvi(k, w, weights, { T: 0.5, label: "6M" });
  assert.ok(fit.rmse < 1e-3, `rmse ${fit.rmse}`);
  assert.ok(fit.rmseVol !== undefined && fit.rmseVol < 0.005);
  assert.ok(Math.abs(fit.params.rho + 0.6) < 0.1);
  assert.ok(fit.params.b * (1 + Math.abs(fit.params.rho)) <= 2 + 1e-9);
  assert.ok(fit.arbitrage.lee.ok);
});

Deno.test("fitSvi: bad input gives RangeErrors naming the slice and value", () => {
  const k = grid(6, -0.5, 0.5), w = new Float64Array(6).fill(0.04);
  assert.throws(
    () => fitSvi(k.subarray(0, 4), w.subarray(0, 4), undefined, { label: "1W" }),
    /1W: SVI has 5 parameters but only 4 points/,
  );
  assert.throws(() => fitSvi(k, w.subarray(1)), /lengths/);
  const bad = w.slice();
  bad[2] = -0.01;
  assert.throws(
    () => fitSvi(k, bad, undefined, { label: "2M" }),
    /2M: total variance w\[2\] \(k=-0.0999.*\) must be finite and >= 0, got -0.01/,
  );
  bad[2] = NaN;
  assert.throws(() => fitSvi(k, bad), RangeError);
  assert.throws(() => fitSvi(k, w, new Float64Array([1, 1, 1, 1, 0, 0])), /only 4 points with positive weight/);
  assert.throws(() => fitSvi(k, w, undefined, { T: 0 }), /T must be finite and > 0, got 0/);
});

Deno.test("fitSvi: flat smile gives a flat fit", () => {
  const k = grid(11, -0.5, 0.5);
  const fit = fitSvi(k, new Float64Array(11).fill(0.04));
  assert.ok(fit.rmse < 1e-10 && fit.arbitrage.ok);
});
