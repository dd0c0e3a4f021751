import assert from "node:assert/strict";
import { butterflyCheck, butterflyCheckFn, calendarCheck, durrlemanG, leeWingCheck } from "./arbitrage.ts";
import { sviTotalVariance } from "./svi.ts";

// Axel Vogt's SVI parameters (Gatheral & Jacquier 2014, Example 3.1): a smile with
// butterfly arbitrage, g(k) < 0 around k ≈ 0.88 (GJ Figure 2).
const VOGT = { a: -0.041, b: 0.1331, rho: 0.306, m: 0.3586, sigma: 0.4153 };

Deno.test("butterflyCheck: Axel Vogt SVI is flagged, min g ≈ −0.033 near k ≈ 0.88", () => {
  const r = butterflyCheck(VOGT, { kMin: -1.5, kMax: 1.5, n: 3001 });
  assert.equal(r.ok, false);
  assert.ok(Math.abs(r.minG + 0.033) < 1e-3, `min g ${r.minG}`);
  assert.ok(Math.abs(r.kAtMinG - 0.88) < 0.01, `at k ${r.kAtMinG}`);
  assert.equal(r.violations.length, 1);
  const v = r.violations[0];
  assert.ok(v.kFrom < 0.88 && v.kTo > 0.88 && v.kFrom > 0.5 && v.kTo < 1.4, `interval ${v.kFrom}..${v.kTo}`);
  assert.equal(r.negativeVariance, false);
});

Deno.test("butterflyCheck: a well-behaved SVI passes; finite-difference variant agrees with analytic", () => {
  const p = { a: 0.04, b: 0.4, rho: -0.4, m: 0.1, sigma: 0.2 };
  const r = butterflyCheck(p);
  assert.ok(r.ok && r.minG > 0);
  const vogtFd = butterflyCheckFn((k) => sviTotalVariance(VOGT, k), { kMin: -1.5, kMax: 1.5, n: 3001 });
  const vogt = butterflyCheck(VOGT, { kMin: -1.5, kMax: 1.5, n: 3001 });
  assert.ok(Math.abs(vogtFd.minG - vogt.minG) < 1e-6);
});

Deno.test("butterflyCheck: negative variance is flagged, not NaN", () => {
  const r = butterflyCheck({ a: -0.1, b: 0.1, rho: 0, m: 0, sigma: 0.1 });
  assert.equal(r.ok, false);
  assert.equal(r.negativeVariance, true);
  assert.equal(r.minG, -Infinity);
  assert.ok(Number.isNaN(durrlemanG(0, -0.01, 0, 0)));
  assert.throws(
    () => butterflyCheck({ a: 0, b: 0.1, rho: 0, m: 0, sigma: 0.1 }, { n: 2 }),
    /n must be an integer >= 3/,
  );
});

Deno.test("leeWingCheck: b(1 + |ρ|) ≤ 2", () => {
  assert.equal(leeWingCheck({ a: 0, b: 1.8, rho: 0.2, m: 0, sigma: 0.1 }).ok, false);
  const ok = leeWingCheck({ a: 0, b: 1, rho: -0.5, m: 0, sigma: 0.1 });
  assert.ok(ok.ok && ok.value === 1.5 && ok.leftSlope === 1.5 && ok.rightSlope === 0.5);
});

Deno.test("calendarCheck: crossing total variances flagged with where; bad expiries are errors", () => {
  const r = calendarCheck([
    { T: 0.25, w: (k) => 0.01 + 0.01 * k * k, label: "3M" },
    { T: 0.5, w: (k) => 0.02 + 0.005 * k * k, label: "6M" },
  ], { kMin: -3, kMax: 3, n: 601 });
  assert.equal(r.ok, false);
  assert.equal(r.violations.length, 2); // both wings, |k| > √2
  assert.ok(Math.abs(r.violations[0].kTo + Math.SQRT2) < 0.02 && r.violations[0].label2 === "6M");
  assert.ok(calendarCheck([{ T: 0.25, w: () => 0.01 }, { T: 0.5, w: () => 0.02 }]).ok);
  assert.throws(() => calendarCheck([{ T: 0.5, w: () => 0 }, { T: 0.5, w: () => 0 }]), /strictly increasing/);
  assert.throws(() => calendarCheck([{ T: 0, w: () => 0, label: "today" }]), /slice today has invalid expiry T=0/);
});
