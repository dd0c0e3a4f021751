import assert from "node:assert/strict";
import { normCdf } from "../core/normal.ts";
import { atmVolTermStructure, butterfly25d, deltaStrike, riskReversal25d, smileDeltaQuotes } from "./features.ts";
import { sviTotalVariance } from "./svi.ts";

Deno.test("deltaStrike: flat smile matches the closed form k = −s·N⁻¹(Δ) + s²/2", () => {
  const s = 0.2 * Math.sqrt(0.5);
  const kc = deltaStrike(() => s * s, 0.5, 0.25, true);
  assert.ok(Math.abs(normCdf(-kc / s + s / 2) - 0.25) < 1e-13);
  const kp = deltaStrike(() => s * s, 0.5, -0.25, false);
  assert.ok(Math.abs(normCdf(-kp / s + s / 2) - 1 - -0.25) < 1e-13);
  assert.ok(kp < 0 && kc > 0);
});

Deno.test("riskReversal25d / butterfly25d: zero on a flat smile, signs on skewed and convex smiles", () => {
  assert.ok(Math.abs(riskReversal25d(() => 0.04, 1)) < 1e-15);
  assert.ok(Math.abs(butterfly25d(() => 0.04, 1)) < 1e-15);
  const skew = { a: 0.02, b: 0.1, rho: -0.7, m: 0.05, sigma: 0.15 };
  const q = smileDeltaQuotes((k) => sviTotalVariance(skew, k), 1);
  assert.ok(q.riskReversal < 0 && q.butterfly > 0, JSON.stringify(q));
  assert.ok(Math.abs(q.riskReversal - (q.callVol - q.putVol)) < 1e-16);
  const smile = { a: 0.02, b: 0.1, rho: 0, m: 0, sigma: 0.15 };
  assert.ok(Math.abs(riskReversal25d((k) => sviTotalVariance(smile, k), 1)) < 0.01);
  assert.throws(() => deltaStrike(() => 0.04, 1, 1.2, true), /call delta must be in \(0, 1\), got 1.2/);
  assert.throws(() => riskReversal25d(() => -0.01, 1), /total variance at k=0 must be finite and > 0, got -0.01/);
  assert.throws(() => deltaStrike(() => 0.04, 0, 0.25, true), /T must be finite and > 0, got 0/);
});

Deno.test("atmVolTermStructure: interpolates total variance, flat vol outside; calendar arbitrage is an error", () => {
  const T = new Float64Array([0.25, 1]);
  const w = new Float64Array([0.2 ** 2 * 0.25, 0.25 ** 2 * 1]);
  const v = atmVolTermStructure(T, w, new Float64Array([0.1, 0.25, 0.5, 1, 2]));
  assert.ok(Math.abs(v[0] - 0.2) < 1e-15 && Math.abs(v[1] - 0.2) < 1e-15 && Math.abs(v[3] - 0.25) < 1e-15);
  assert.ok(Math.abs(v[4] - 0.25) < 1e-15);
  const w05 = w[0] + (0.25 / 0.75) * (w[1] - w[0]);
  assert.ok(Math.abs(v[2] - Math.sqrt(w05 / 0.5)) < 1e-15);
  assert.throws(
    () => atmVolTermStructure(T, new Float64Array([0.02, 0.01]), new Float64Array([0.5])),
    /total variance decreases from 0.02 at T=0.25 to 0.01 at T=1 \(calendar arbitrage\)/,
  );
  assert.throws(() => atmVolTermStructure(new Float64Array([1, 0.5]), w, new Float64Array([1])), /strictly increasing/);
  assert.throws(() => atmVolTermStructure(T, w, new Float64Array([0])), /query\[0\] must be > 0, got 0/);
});
