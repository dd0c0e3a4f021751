import assert from "node:assert/strict";
import { bkmMoments } from "./bkm.ts";
import { sviTotalVariance } from "./svi.ts";

Deno.test("bkmMoments: flat smile gives lognormal moments (log: normal; simple: lognormal skew/kurtosis)", () => {
  for (const [vol, T] of [[0.2, 1], [0.8, 0.25], [0.35, 4]]) {
    const s2 = vol * vol * T, e = Math.exp(s2);
    const m = bkmMoments(() => s2, 50, T);
    assert.ok(Math.abs(m.logReturn.mean + s2 / 2) < 1e-10);
    assert.ok(Math.abs(m.logReturn.variance - s2) < 1e-9);
    assert.ok(Math.abs(m.logReturn.skewness) < 1e-8);
    assert.ok(Math.abs(m.logReturn.kurtosis - 3) < 1e-8);
    // simple return S_T/F − 1 is lognormal: skew = (e^{s²}+2)√(e^{s²}−1), kurt = e^{4s²}+2e^{3s²}+3e^{2s²}−3
    assert.ok(Math.abs(m.simpleReturn.variance - (e - 1)) < 1e-9);
    assert.ok(Math.abs(m.simpleReturn.skewness - (e + 2) * Math.sqrt(e - 1)) < 1e-8, `${m.simpleReturn.skewness}`);
    const kurt = e ** 4 + 2 * e ** 3 + 3 * e ** 2 - 3;
    assert.ok(Math.abs(m.simpleReturn.kurtosis - kurt) < 1e-7 * kurt, `${m.simpleReturn.kurtosis} vs ${kurt}`);
  }
});

Deno.test("bkmMoments: put skew gives negative log-return skewness and fat tails", () => {
  const p = { a: 0.01, b: 0.1, rho: -0.7, m: 0.05, sigma: 0.1 };
  const m = bkmMoments((k) => sviTotalVariance(p, k), 100, 0.5, { kMin: -3, kMax: 2 });
  assert.ok(m.logReturn.skewness < -0.3, `${m.logReturn.skewness}`);
  assert.ok(m.logReturn.kurtosis > 3.5, `${m.logReturn.kurtosis}`);
});

Deno.test("bkmMoments: errors name the value", () => {
  assert.throws(() => bkmMoments(() => 0.04, 0, 1), /forward F must be finite and > 0, got 0/);
  assert.throws(() => bkmMoments(() => 0.04, 100, 0), /expiry T must be finite and > 0, got 0/);
  assert.throws(
    () => bkmMoments((k) => (k < -0.5 ? -1 : 0.04), 100, 1),
    /total variance at k=.* must be finite and > 0, got -1/,
  );
  assert.throws(() => bkmMoments(() => 0.04, 100, 1, { n: 3 }), /even integer/);
});
