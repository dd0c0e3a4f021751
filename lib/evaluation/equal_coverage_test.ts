import assert from "node:assert/strict";
import { createPrng } from "../core/prng.ts";
import { applyScale, type CoverageSeries, deployableScale, marginRatioAtTarget } from "./equal_coverage.ts";
import { marginAtBreachRate, marginFrontier } from "./frontier.ts";

interface Pos extends CoverageSeries {
  loss: Float64Array;
  margin: Float64Array;
  reference: Float64Array;
}

function position(n: number, seed: number, regimes = true): Pos {
  const rng = createPrng(seed);
  const vol = Float64Array.from({ length: n }, (_, t) => (regimes && Math.floor(t / 60) % 2 === 1 ? 3 : 1));
  const loss = vol.map((s) => s * rng.normal());
  return { loss, margin: vol.map((v) => v * (1 + 0.1 * rng.next())), reference: new Float64Array(n).fill(2) };
}

const opts = (seed: number) => ({ blockLength: 20, resamples: 300, prng: createPrng(seed) });

Deno.test("marginRatioAtTarget: estimate is the pooled ratio of marginAtBreachRate's average margins", () => {
  const a = position(600, 1), b = position(600, 2);
  b.reference = new Float64Array(600).fill(5);
  const r = marginRatioAtTarget([a, b], 0.01, opts(3));
  const mA = marginAtBreachRate(a.loss, a.margin, 0.01).avgMargin,
    mB = marginAtBreachRate(b.loss, b.margin, 0.01).avgMargin;
  const rA = marginAtBreachRate(a.loss, a.reference, 0.01).avgMargin;
  const rB = marginAtBreachRate(b.loss, b.reference, 0.01).avgMargin;
  assert.equal(r.estimate, (mA + mB) / (rA + rB));
  assert.ok(r.lo <= r.estimate && r.estimate <= r.hi);
  assert.deepEqual(Object.keys(r), ["estimate", "lo", "hi"]);
});

Deno.test("marginRatioAtTarget: a volatility-aware margin beats a constant at equal coverage, interval below 1", () => {
  const p = position(3000, 4);
  const r = marginRatioAtTarget([p], 0.01, opts(5));
  assert.ok(r.hi < 1, `interval ${r.lo}–${r.hi}`);
  // the constant reference is the wrong rule for a regime-switching loss: the gain is large
  assert.ok(r.estimate < 0.85, `estimate ${r.estimate}`);
});

Deno.test("marginRatioAtTarget: invariant to a constant rescaling of either rule; same rule gives exactly 1", () => {
  const p = position(800, 6);
  const base = marginRatioAtTarget([p], 0.02, opts(7));
  const scaled = marginRatioAtTarget([{ ...p, margin: p.margin.map((m) => 4 * m) }], 0.02, opts(7));
  for (const key of ["estimate", "lo", "hi"] as const) {
    assert.ok(Math.abs(scaled[key] - base[key]) < 1e-12 * base[key], key);
  }
  const same = marginRatioAtTarget([{ ...p, reference: p.margin }], 0.02, opts(7));
  assert.deepEqual(same, { estimate: 1, lo: 1, hi: 1 });
});

Deno.test("marginRatioAtTarget: deterministic under a seed; the draw is joint across positions", () => {
  const a = position(500, 8), b = position(500, 9);
  assert.deepEqual(marginRatioAtTarget([a, b], 0.01, opts(1)), marginRatioAtTarget([a, b], 0.01, opts(1)));
  // two copies of one position pool to the single-position ratio on every draw (same dates in both copies)
  const one = marginRatioAtTarget([a], 0.01, opts(2));
  const two = marginRatioAtTarget([a, a], 0.01, opts(2));
  for (const key of ["estimate", "lo", "hi"] as const) assert.ok(Math.abs(one[key] - two[key]) < 1e-14, key);
});

Deno.test("marginRatioAtTarget: bad input names the position, series, index and value", () => {
  const a = position(100, 1);
  assert.throws(() => marginRatioAtTarget([], 0.01, opts(1)), /positions must be a non-empty array/);
  assert.throws(
    () => marginRatioAtTarget([a, { ...a, margin: a.margin.subarray(1) }], 0.01, opts(1)),
    /positions\[1\]\.margin\.length must equal positions\[0\]\.loss\.length \(100\), got 99/,
  );
  const bad = Float64Array.from(a.reference);
  bad[7] = 0;
  assert.throws(
    () => marginRatioAtTarget([a, { ...a, reference: bad }], 0.01, opts(1)),
    /positions\[1\] \(reference\): margin\[7\] must be a finite number > 0, got 0/,
  );
  assert.throws(() => marginRatioAtTarget([a], 1.5, opts(1)), /target/);
  assert.throws(() => marginRatioAtTarget([a], 0.01, { ...opts(1), blockLength: 200 }), /blockLength/);
});

Deno.test("deployableScale / applyScale: scale fixed on the fitting dates, applied to the test dates", () => {
  const p = position(2000, 12, false);
  const fit = { loss: p.loss.subarray(0, 1500), margin: p.margin.subarray(0, 1500) };
  const k = deployableScale(fit.loss, fit.margin, 0.01);
  assert.equal(k, marginAtBreachRate(fit.loss, fit.margin, 0.01).k);
  const test = applyScale(p.margin.subarray(1500), k);
  assert.equal(test.length, 500);
  assert.equal(test[3], k * p.margin[1503]);
  // i.i.d. losses: the out-of-sample breach rate is near the target
  const [oos] = marginFrontier(p.loss.subarray(1500), test, [1]);
  assert.ok(oos.breachRate < 0.03, `oos breach rate ${oos.breachRate}`);
  assert.throws(() => applyScale([1], -1), /k must be a finite number >= 0, got -1/);
  assert.throws(() => applyScale([1, NaN], 1), /margin\[1\] must be a finite number, got NaN/);
});
