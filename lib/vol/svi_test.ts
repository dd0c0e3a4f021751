import assert from "node:assert/strict";
import {
  sviDerivatives,
  sviMinVariance,
  type SviParams,
  sviTotalVariance,
  sviTotalVarianceArray,
  validateSviParams,
} from "./svi.ts";

const P: SviParams = { a: 0.04, b: 0.4, rho: -0.4, m: 0.1, sigma: 0.2 };

Deno.test("sviTotalVariance: QuantLib identity w(k = m) = a + bσ", () => {
  // The identity used by QuantLib's SVI smile test: at k = m the square root is σ and the ρ term vanishes.
  for (const p of [P, { a: -0.041, b: 0.1331, rho: 0.306, m: 0.3586, sigma: 0.4153 }]) {
    assert.ok(Math.abs(sviTotalVariance(p, p.m) - (p.a + p.b * p.sigma)) < 1e-15);
  }
});

Deno.test("sviTotalVarianceArray and sviDerivatives agree with finite differences", () => {
  const k = new Float64Array([-1, -0.3, 0, 0.25, 1.2]);
  const w = sviTotalVarianceArray(P, k);
  const h = 1e-5;
  for (let i = 0; i < k.length; i++) {
    const [w0, w1, w2] = sviDerivatives(P, k[i]);
    assert.equal(w0, w[i]);
    const fd1 = (sviTotalVariance(P, k[i] + h) - sviTotalVariance(P, k[i] - h)) / (2 * h);
    const fd2 = (sviTotalVariance(P, k[i] + h) - 2 * w0 + sviTotalVariance(P, k[i] - h)) / (h * h);
    assert.ok(Math.abs(w1 - fd1) < 1e-9 && Math.abs(w2 - fd2) < 1e-4, `k=${k[i]}`);
  }
});

Deno.test("sviMinVariance: closed form matches a dense scan", () => {
  const { w, k } = sviMinVariance(P);
  let min = Infinity;
  for (let x = -2; x <= 2; x += 1e-4) min = Math.min(min, sviTotalVariance(P, x));
  assert.ok(Math.abs(w - min) < 1e-9);
  assert.ok(Math.abs(sviTotalVariance(P, k) - w) < 1e-15);
});

Deno.test("validateSviParams: names the bad parameter and value", () => {
  assert.throws(() => validateSviParams({ ...P, b: -1 }, "1M"), /1M: SVI parameter b must be >= 0, got -1/);
  assert.throws(() => validateSviParams({ ...P, rho: 1 }), /\|rho\| < 1, got 1/);
  assert.throws(() => validateSviParams({ ...P, sigma: 0 }), /sigma must be > 0, got 0/);
  assert.throws(() => validateSviParams({ ...P, a: NaN }), /a must be finite, got NaN/);
});
