import assert from "node:assert/strict";
import { ssviPhi, ssviSliceToSvi, ssviTotalVariance, validateSsviParams } from "./ssvi.ts";
import { sviTotalVariance } from "./svi.ts";

const P = { rho: -0.7, eta: 1.2, gamma: 0.4 };

Deno.test("ssviTotalVariance: θ at the money, matches its raw-SVI slice everywhere", () => {
  for (const theta of [0.005, 0.04, 0.3]) {
    assert.ok(Math.abs(ssviTotalVariance(P, theta, 0) - theta) < 1e-16);
    const svi = ssviSliceToSvi(P, theta);
    for (const k of [-1.5, -0.3, 0, 0.2, 1]) {
      assert.ok(Math.abs(sviTotalVariance(svi, k) - ssviTotalVariance(P, theta, k)) < 1e-15);
    }
  }
  assert.ok(Math.abs(ssviPhi(P, 0.04) - 1.2 / (Math.pow(0.04, 0.4) * Math.pow(1.04, 0.6))) < 1e-15);
});

Deno.test("validateSsviParams: names the parameter", () => {
  assert.throws(() => validateSsviParams({ ...P, gamma: 1 }), /gamma must be in \(0, 1\), got 1/);
  assert.throws(() => validateSsviParams({ ...P, eta: -1 }), /eta must be finite and > 0, got -1/);
  assert.throws(() => validateSsviParams({ ...P, rho: 1.5 }), /\|rho\| < 1, got 1.5/);
});
