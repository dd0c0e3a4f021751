import assert from "node:assert/strict";
import { fitSabr } from "./fit_sabr.ts";
import { sabrVolArray } from "./sabr.ts";

Deno.test("fitSabr: recovers the QuantLib parameter set (α, ρ, ν) with β fixed", () => {
  const p = { alpha: 0.3, beta: 0.6, nu: 0.02, rho: 0.01 };
  const K = Float64Array.from({ length: 50 }, (_, i) => 0.01 + i * 0.1 / 49);
  const fit = fitSabr(0.039, 1, K, sabrVolArray(K, 0.039, 1, p), 0.6);
  assert.ok(Math.abs(fit.params.alpha - 0.3) < 1e-8, `alpha ${fit.params.alpha}`);
  assert.ok(Math.abs(fit.params.rho - 0.01) < 1e-6, `rho ${fit.params.rho}`);
  assert.ok(Math.abs(fit.params.nu - 0.02) < 1e-6, `nu ${fit.params.nu}`);
  assert.ok(fit.rmse < 1e-10 && fit.converged && fit.arbitrage.ok);
});

Deno.test("fitSabr: equity-like skew and a shifted low-rate smile", () => {
  const p = { alpha: 2.5, beta: 0.5, nu: 0.8, rho: -0.4 };
  const K = Float64Array.from({ length: 25 }, (_, i) => 60 + i * 80 / 24);
  const fit = fitSabr(100, 0.5, K, sabrVolArray(K, 100, 0.5, p), 0.5);
  assert.ok(Math.abs(fit.params.rho + 0.4) < 1e-6 && Math.abs(fit.params.nu - 0.8) < 1e-6);
  const q = { alpha: 0.02, beta: 0.5, nu: 0.5, rho: -0.1 };
  const Ks = Float64Array.from({ length: 15 }, (_, i) => -0.005 + i * 0.001);
  const shifted = fitSabr(0.001, 2, Ks, sabrVolArray(Ks, 0.001, 2, q, 0.02), 0.5, 0.02);
  assert.ok(Math.abs(shifted.params.alpha - 0.02) < 1e-7 && shifted.shift === 0.02);
});

Deno.test("fitSabr: bad input is a RangeError naming the slice and value", () => {
  const K = new Float64Array([90, 100, 110]);
  const v = new Float64Array([0.25, 0.2, 0.22]);
  assert.throws(
    () => fitSabr(100, 1, K.subarray(0, 2), v.subarray(0, 2), 1, 0, { label: "1M" }),
    /1M: SABR has 3 free parameters but only 2/,
  );
  assert.throws(() => fitSabr(100, 0, K, v, 1), /T must be finite and > 0, got 0/);
  assert.throws(
    () => fitSabr(100, 1, new Float64Array([-5, 100, 110]), v, 1),
    /K\[0\]\+shift must be finite and > 0, got -5/,
  );
  assert.throws(
    () => fitSabr(100, 1, K, new Float64Array([0.2, NaN, 0.2]), 1),
    /vol at K\[1\]=100 must be finite and > 0, got NaN/,
  );
  assert.throws(() => fitSabr(100, 1, K, v, 1.5), /beta must be in \[0, 1\], got 1.5/);
});
