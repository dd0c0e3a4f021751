import assert from "node:assert/strict";
import { intervalVerdict, normalizeCoveragePosition, panelAtTarget } from "./panel_coverage.ts";
import { evaluateEqualCoverage } from "./equal_coverage_study.ts";
import { createPrng } from "../core/prng.ts";
import type { CoveragePosition } from "./equal_coverage_study.ts";

function position(id: string, n: number, seed: number, unit: number): CoveragePosition {
  const rng = createPrng(seed);
  const vol = Float64Array.from({ length: n }, (_, t) => unit * (t % 150 < 75 ? 1 : 2));
  const loss = vol.map((s) => s * rng.normal());
  const half = n / 2;
  const rule = (m: Float64Array) => ({ margin: m, fit: [m.slice(0, half), m.slice(0, half)] });
  return {
    id,
    loss,
    base: new Float64Array(n).fill(2 * unit),
    years: Array.from({ length: n }, (_, t) => (t < half ? 2020 : 2021)),
    foldSizes: [half, n - half],
    fitLoss: [loss.slice(0, half), loss.slice(0, half)],
    rules: { static: rule(new Float64Array(n).fill(4.5 * unit)), vol: rule(vol.map((s) => 2.4 * s)) },
  };
}

const P = {
  tau: 0.98,
  mpor: 2,
  blockLength: 20,
  resamples: 100,
  seed: 7,
  kGrid: [0.8, 1, 1.2],
  trafficSims: 200,
  kupiecSims: 200,
  aciGammaGrid: [0.005],
  aciWarmup: 50,
  reference: "static",
  linear: "linear",
  networks: [],
};

Deno.test("normalizeCoveragePosition: per-position metrics unchanged, the pooled sum weighs positions equally", () => {
  const a = position("a", 600, 1, 1), b = position("b", 600, 2, 1000);
  const raw = evaluateEqualCoverage([a], P), norm = evaluateEqualCoverage([normalizeCoveragePosition(a, "static")], P);
  const ra = raw.rules.vol.positions.a, na = norm.rules.vol.positions.a;
  assert.equal(na.breachRate, ra.breachRate);
  assert.ok(Math.abs(na.marginVsStatic - ra.marginVsStatic) < 1e-12);
  assert.ok(Math.abs(na.atTarget.vsStatic - ra.atTarget.vsStatic) < 1e-12);
  assert.ok(Math.abs(na.pinball - ra.pinball) < 1e-12);
  const nb = normalizeCoveragePosition(b, "static");
  assert.ok(Math.abs(nb.rules.static.margin.reduce((s, v) => s + v, 0) / 600 - 1) < 1e-12);
  assert.throws(() => normalizeCoveragePosition(a, "nope"), /no rule "nope"/);
});

Deno.test("panelAtTarget: on a common calendar it is evaluateEqualCoverage's pooled interval", () => {
  const ps = [position("a", 600, 3, 1), position("b", 600, 4, 1)].map((p) => normalizeCoveragePosition(p, "static"));
  const dates = Array.from({ length: 600 }, (_, i) => `d${String(i).padStart(4, "0")}`);
  const at = panelAtTarget(ps, [dates, dates], ["vol", "static"], { ...P, reference: "static" });
  const ec = evaluateEqualCoverage(ps, P);
  assert.deepEqual(at.vol, ec.rules.vol.pooled.atTarget);
  assert.deepEqual([at.static.estimate, at.static.lo, at.static.hi], [1, 1, 1]);
  assert.throws(() => panelAtTarget(ps, [dates], ["vol"], { ...P }), /1 date lists for 2 positions/);
  assert.throws(() => panelAtTarget(ps, [dates, dates], ["x"], { ...P }), /lacks rule "x"/);
});

Deno.test("intervalVerdict: against 1", () => {
  assert.equal(intervalVerdict({ lo: 0.8, hi: 0.99 }), "below");
  assert.equal(intervalVerdict({ lo: 1.01, hi: 1.2 }), "above");
  assert.equal(intervalVerdict({ lo: 0.9, hi: 1 }), "includes 1");
});
