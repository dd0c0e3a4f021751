import assert from "node:assert/strict";
import { createPrng } from "../core/prng.ts";
import { type CoveragePosition, equalCoverageHeadline, evaluateEqualCoverage } from "./equal_coverage_study.ts";

const params = {
  tau: 0.99,
  mpor: 2,
  blockLength: 20,
  resamples: 200,
  seed: 5,
  kGrid: [0.8, 1, 1.2],
  trafficSims: 200,
  kupiecSims: 200,
  aciGammaGrid: [0.0005, 0.001, 0.002, 0.005, 0.01, 0.02],
  aciWarmup: 100,
  reference: "static",
  linear: "linear",
  networks: ["net"],
};

/** Two positions over 4 "years" of 250 days with a volatility regime a rule may know. */
function positions(seed: number): CoveragePosition[] {
  return ["a", "b"].map((id, j) => {
    const rng = createPrng(seed + j), n = 1000, nf = 500;
    const vol = (t: number) => (Math.floor(t / 60) % 2 === 0 ? 1 : 2.5);
    const loss = Float64Array.from({ length: n }, (_, t) => vol(t) * rng.normal());
    const fitLoss = Float64Array.from({ length: nf }, (_, t) => vol(t) * rng.normal());
    const rule = (f: (t: number) => number) => {
      const m = Float64Array.from({ length: n }, (_, t) => f(t));
      const fit = Float64Array.from({ length: nf }, (_, t) => f(t));
      return { margin: m, fit: [fit, fit], multiplier: m.map((v) => v / 4), bounds: [0.8, 1.5] as const };
    };
    return {
      id,
      loss,
      base: new Float64Array(n).fill(4),
      years: Array.from({ length: n }, (_, t) => 2010 + Math.floor(t / 250)),
      foldSizes: [500, 500],
      fitLoss: [fitLoss, fitLoss],
      rules: {
        static: rule(() => 5),
        linear: rule((t) => 2.6 * vol(t)),
        net: rule((t) => 2.4 * vol(t) + 0.3),
        same: rule(() => 5),
      },
    };
  });
}

Deno.test("evaluateEqualCoverage: static against itself is 1 with a degenerate interval; DM p = 1", () => {
  const r = evaluateEqualCoverage(positions(1), params);
  assert.deepEqual(r.rules.same.pooled.atTarget, { estimate: 1, lo: 1, hi: 1 });
  assert.equal(r.rules.same.positions.a.dmVsStatic!.p, 1);
  assert.equal(r.rules.static.positions.a.dmVsStatic, undefined);
  assert.equal(r.rules.static.positions.a.marginVsStatic, 1);
});

Deno.test("evaluateEqualCoverage: a rule that knows the volatility holds clearly less margin at equal coverage", () => {
  const r = evaluateEqualCoverage(positions(2), params);
  const at = r.rules.linear.pooled.atTarget;
  assert.ok(at.lo <= at.estimate && at.estimate <= at.hi && at.hi < 0.95, JSON.stringify(at));
  // At the target scale the breach rate is at most the target; the frontier is monotone in k.
  for (const p of ["a", "b"]) {
    const f = r.frontier[p].linear;
    assert.ok(f[0].breachRate >= f[1].breachRate && f[1].breachRate >= f[2].breachRate);
    assert.ok(r.rules.linear.positions[p].atTarget.k > 0);
  }
  const h = equalCoverageHeadline(r, ["linear", "net"], "linear", ["same"]);
  assert.equal(h.bestModel, r.rules.net.pooled.atTarget.estimate < at.estimate ? "net" : "linear");
  assert.equal(h.baselines.same.marginVsStatic, 1);
});

Deno.test("evaluateEqualCoverage: Holm-adjusted p-values are at least the raw ones; DM vs linear only for networks", () => {
  const r = evaluateEqualCoverage(positions(3), params);
  for (const k of ["linear", "net", "same"]) {
    const d = r.rules[k].positions.b.dmVsStatic!;
    assert.ok(d.pHolm >= d.p && d.pHolm <= 1);
  }
  assert.ok(r.rules.net.positions.a.dmVsLinear !== undefined);
  assert.equal(r.rules.linear.positions.a.dmVsLinear, undefined);
});

Deno.test("evaluateEqualCoverage: the deployable scale comes from the fitting rows only", () => {
  const ps = positions(4);
  const a = evaluateEqualCoverage(ps, params);
  for (const p of ps) p.loss.reverse(); // new test days, same fitting rows
  const b = evaluateEqualCoverage(ps, params);
  assert.deepEqual(a.rules.net.positions.a.deployable.k, b.rules.net.positions.a.deployable.k);
});

Deno.test("evaluateEqualCoverage: the conformal step γ comes from the grid on the fitting rows only", () => {
  const ps = positions(5);
  const a = evaluateEqualCoverage(ps, params);
  for (const p of ps) p.loss.set(p.loss.map((v) => 40 * v + 7)); // other test-period losses, same fitting rows
  const b = evaluateEqualCoverage(ps, params);
  for (const r of ["static", "linear", "net"]) {
    for (const id of ["a", "b"]) {
      const g = a.rules[r].positions[id].conformal.gamma;
      assert.ok(params.aciGammaGrid.includes(g), `${r}/${id}: γ ${g}`);
      assert.equal(b.rules[r].positions[id].conformal.gamma, g);
    }
  }
  assert.notEqual(a.rules.static.pooled.conformal.breachRate, b.rules.static.pooled.conformal.breachRate);
});

Deno.test("evaluateEqualCoverage: the conformal layer brings a too-small margin close to the target", () => {
  const ps = positions(6);
  for (const p of ps) {
    p.rules.small = {
      margin: new Float64Array(1000).fill(2),
      fit: [new Float64Array(500).fill(2), new Float64Array(500).fill(2)],
    };
  }
  const r = evaluateEqualCoverage(ps, params);
  assert.ok(r.rules.small.pooled.breachRate > 0.1);
  assert.ok(r.rules.small.pooled.conformal.breachRate < 0.03, String(r.rules.small.pooled.conformal.breachRate));
  assert.equal(r.rules.small.pooled.conformal.cells, 8);
});

Deno.test("evaluateEqualCoverage: missing rules and mismatched positions are named", () => {
  const ps = positions(7);
  assert.throws(() => evaluateEqualCoverage(ps, { ...params, reference: "nope" }), /reference rule "nope"/);
  delete (ps[1].rules as Record<string, unknown>).net;
  assert.throws(() => evaluateEqualCoverage(ps, params), /position "b" has no rule "net"/);
  assert.throws(() => evaluateEqualCoverage([], params), /no positions/);
});
