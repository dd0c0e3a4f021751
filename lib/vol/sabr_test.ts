import assert from "node:assert/strict";
import { sabrVol, sabrVolArray, validateSabrParams } from "./sabr.ts";

// QuantLib test-suite/sabr.cpp (testHaganFormula): F = 0.039, T = 1, α = 0.3, β = 0.6, ν = 0.02, ρ = 0.01.
const QL = { alpha: 0.3, beta: 0.6, nu: 0.02, rho: 0.01 };

Deno.test("sabrVol: QuantLib golden values to 1e-12", () => {
  assert.ok(Math.abs(sabrVol(0.03, 0.039, 1, QL) - 1.16725837321531) < 1e-12);
  assert.ok(Math.abs(sabrVol(0.09, 0.039, 1, QL) - 0.930289384251337) < 1e-12);
});

Deno.test("sabrVol: continuous through the ATM series branch", () => {
  const p = { alpha: 0.25, beta: 0.5, nu: 0.6, rho: -0.3 };
  const atm = sabrVol(0.04, 0.04, 2, p);
  for (const eps of [1e-12, 1e-10, 1e-9, 1e-7]) {
    assert.ok(Math.abs(sabrVol(0.04 * (1 + eps), 0.04, 2, p) - atm) < 1e-6, `eps ${eps}`);
  }
});

Deno.test("sabrVol: shifted variant equals the plain formula on shifted inputs", () => {
  const p = { alpha: 0.01, beta: 0.5, nu: 0.4, rho: -0.2 };
  assert.equal(sabrVol(-0.002, 0.001, 1, p, 0.03), sabrVol(0.028, 0.031, 1, p));
  assert.throws(() => sabrVol(-0.04, 0.001, 1, p, 0.03), /shifted strike K\+shift must be > 0, got -0.01/);
  const arr = sabrVolArray(new Float64Array([0.03, 0.09]), 0.039, 1, QL);
  assert.ok(Math.abs(arr[1] - 0.930289384251337) < 1e-12);
});

Deno.test("sabrVol / validateSabrParams: errors name the value", () => {
  assert.throws(() => validateSabrParams({ ...QL, alpha: 0 }), /alpha must be finite and > 0, got 0/);
  assert.throws(() => validateSabrParams({ ...QL, beta: 1.2 }), /beta must be in \[0, 1\], got 1.2/);
  assert.throws(() => validateSabrParams({ ...QL, rho: -1 }), /\|rho\| < 1, got -1/);
  assert.throws(() => sabrVol(0.03, 0.039, 0, QL), /T must be finite and > 0, got 0/);
  assert.throws(() => sabrVol(0, 0.039, 1, QL), /K\+shift must be > 0, got 0/);
});
