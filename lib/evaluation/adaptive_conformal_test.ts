import assert from "node:assert/strict";
import { createPrng } from "../core/prng.ts";
import { adaptiveConformal, selectConformalGamma } from "./adaptive_conformal.ts";

function rate(b: Uint8Array, from: number): number {
  let s = 0;
  for (let t = from; t < b.length; t++) s += b[t];
  return s / (b.length - from);
}

Deno.test("adaptiveConformal: hand example (delay 1, warmup 2, γ 0.1)", () => {
  const loss = [1, 2, 3, 4, 5, 0.5], margin = [1, 1, 1, 1, 2, 1];
  const r = adaptiveConformal(loss, margin, { target: 0.5, gamma: 0.1, delay: 1, warmup: 2 });
  assert.equal(r.activeFrom, 2);
  // t = 0, 1: raw margins (0 and 1 known scores); 1 > 1 is no breach, 2 > 1 is
  assert.deepEqual(Array.from(r.margin.subarray(0, 2)), [1, 1]);
  assert.ok(Number.isNaN(r.level[0]) && Number.isNaN(r.level[1]));
  // t = 2: known scores {1, 2}, α = 0.5 (no active outcome yet): ⌈0.5·2⌉ = 1st → 1; loss 3 > 1 breach
  assert.equal(r.level[2], 0.5);
  assert.equal(r.margin[2], 1);
  // t = 3: scores {1, 2, 3}; outcome of date 2 (active, breached): α = 0.5 + 0.1·(0.5 − 1) = 0.45
  assert.ok(Math.abs(r.level[3] - 0.55) < 1e-15);
  assert.equal(r.margin[3], 2); // ⌈0.55·3⌉ = 2nd → 2; loss 4 > 2 breach
  // t = 4: scores {1, 2, 3, 4}; α = 0.4; ⌈0.6·4⌉ = 3rd → 3; margin 2·3 = 6 ≥ 5: no breach
  assert.ok(Math.abs(r.level[4] - 0.6) < 1e-15);
  assert.equal(r.margin[4], 6);
  // t = 5: scores {1, 2, 2.5, 3, 4}; date 4 not breached: α = 0.4 + 0.1·0.5 = 0.45; ⌈0.55·5⌉ = 3rd → 2.5
  assert.ok(Math.abs(r.level[5] - 0.55) < 1e-15);
  assert.equal(r.margin[5], 2.5);
  assert.deepEqual(Array.from(r.breaches), [0, 1, 1, 1, 0, 0]);
});

Deno.test("adaptiveConformal: no look-ahead — output[t] ignores loss[t − delay + 1 …]", () => {
  const rng = createPrng(2);
  const n = 600;
  const loss = Float64Array.from({ length: n }, () => rng.normal());
  const margin = Float64Array.from({ length: n }, () => 1 + rng.next());
  for (const [delay, window] of [[1, undefined], [2, 100], [10, 50]] as const) {
    const opts = { target: 0.05, gamma: 0.02, delay, warmup: 30, window };
    const base = adaptiveConformal(loss, margin, opts);
    for (const t of [35, 40, 100, 333, 599]) {
      const changed = Float64Array.from(loss);
      for (let u = t - delay + 1; u < n; u++) changed[u] = 100 * rng.normal();
      const r = adaptiveConformal(changed, margin, opts);
      for (let s = 0; s <= t; s++) {
        assert.equal(
          r.margin[s],
          base.margin[s],
          `delay ${delay}: margin[${s}] moved with losses from ${t - delay + 1}`,
        );
        assert.ok(Object.is(r.level[s], base.level[s]));
      }
    }
    // and a loss that IS known does change later outputs
    const known = Float64Array.from(loss);
    known[200] = 50;
    const r = adaptiveConformal(known, margin, opts);
    assert.notDeepEqual(r.margin.subarray(200 + delay), base.margin.subarray(200 + delay));
  }
});

Deno.test("adaptiveConformal: long-run breach rate → target on i.i.d. losses (20,000 days, 2-day overlap)", () => {
  for (const seed of [1, 2, 3]) {
    const rng = createPrng(seed);
    const n = 20_000;
    const z = Float64Array.from({ length: n + 1 }, () => rng.normal());
    const loss = Float64Array.from({ length: n }, (_, t) => z[t] + z[t + 1]); // overlapping 2-day losses
    const margin = Float64Array.from({ length: n }, () => 2 + 0.5 * rng.next()); // a noisy, mis-scaled forecast
    const r = adaptiveConformal(loss, margin, { target: 0.01, gamma: 0.005, delay: 2, warmup: 250, window: 1000 });
    const got = rate(r.breaches, r.activeFrom);
    assert.ok(Math.abs(got - 0.01) < 0.004, `seed ${seed}: rate ${got}`);
  }
});

Deno.test("adaptiveConformal: long-run breach rate → target under an abrupt shift (scale ×2 half way)", () => {
  for (const [seed, window] of [[4, 500], [5, undefined]] as const) {
    const rng = createPrng(seed);
    const n = 20_000;
    const loss = Float64Array.from({ length: n }, (_, t) => (t < n / 2 ? 1 : 2) * rng.normal());
    const margin = new Float64Array(n).fill(2.33); // right for the first half only
    const r = adaptiveConformal(loss, margin, { target: 0.01, gamma: 0.005, delay: 2, warmup: 250, window });
    const got = rate(r.breaches, r.activeFrom);
    assert.ok(Math.abs(got - 0.01) < 0.004, `seed ${seed} window ${window}: rate ${got}`);
    // the raw forecaster breaches far more often in the second half; the layer raised the margin there
    const rawSecond = loss.subarray(n / 2).filter((l) => l > 2.33).length / (n / 2);
    assert.ok(rawSecond > 0.08);
    assert.ok(rate(r.breaches.subarray(n / 2), 0) < 0.02);
  }
});

Deno.test("adaptiveConformal: deterministic, outputs finite and ≥ 0, levels move only on active outcomes", () => {
  const rng = createPrng(9);
  const loss = Float64Array.from({ length: 800 }, () => rng.normal());
  const margin = new Float64Array(800).fill(1);
  const opts = { target: 0.05, gamma: 0.01, delay: 3, warmup: 40 };
  const a = adaptiveConformal(loss, margin, opts), b = adaptiveConformal(loss, margin, opts);
  assert.deepEqual(a, b);
  assert.equal(a.activeFrom, 42); // 40 known scores (dates 0–39) at date 42
  assert.equal(a.level[42], 0.95); // no outcome of an active date known yet …
  assert.equal(a.level[44], 0.95);
  assert.notEqual(a.level[45], 0.95); // … until date 42's outcome arrives at 45
  for (let t = 0; t < 800; t++) assert.ok(Number.isFinite(a.margin[t]) && a.margin[t] >= 0);
});

Deno.test("adaptiveConformal: bad input names the argument and value", () => {
  const o = { target: 0.01, gamma: 0.01, delay: 2, warmup: 10 };
  assert.throws(() => adaptiveConformal([1, 2], [1], o), /loss\.length \(2\) must equal margin\.length, got 1/);
  assert.throws(() => adaptiveConformal([1, NaN], [1, 1], o), /loss\[1\] must be a finite number, got NaN/);
  assert.throws(() => adaptiveConformal([1, 2], [1, 0], o), /margin\[1\] must be a finite number > 0, got 0/);
  assert.throws(() => adaptiveConformal([1], [1], { ...o, target: 0 }), /target/);
  assert.throws(() => adaptiveConformal([1], [1], { ...o, gamma: 0 }), /gamma/);
  assert.throws(() => adaptiveConformal([1], [1], { ...o, delay: 0 }), /delay must be an integer >= 1, got 0/);
  assert.throws(() => adaptiveConformal([1], [1], { ...o, warmup: 0 }), /warmup/);
  assert.throws(() => adaptiveConformal([1], [1], { ...o, window: 5 }), /window must be an integer >= 10, got 5/);
  assert.throws(() => adaptiveConformal([], [], o), /empty/);
});

Deno.test("selectConformalGamma: picks the grid γ whose fitting-row breach rate is closest to the target", () => {
  const rng = createPrng(8), n = 1200;
  const loss = Float64Array.from({ length: n }, (_, t) => (t < 500 ? 1 : 2.5) * rng.normal());
  const margin = new Float64Array(n).fill(2.4);
  const grid = [0.0005, 0.002, 0.01, 0.05];
  const opts = { target: 0.02, delay: 2, warmup: 100 };
  const c = selectConformalGamma(loss, margin, grid, opts);
  const rates = grid.map((gamma) => {
    const r = adaptiveConformal(loss, margin, { ...opts, gamma });
    return rate(r.breaches, r.activeFrom);
  });
  assert.deepEqual(c.breachRates, rates);
  const gaps = rates.map((x) => Math.abs(x - opts.target)), i = gaps.indexOf(Math.min(...gaps));
  assert.equal(c.gamma, grid[i]);
});

Deno.test("selectConformalGamma: ties go to the smaller γ, whatever the grid order", () => {
  // constant scores: the layer's margin equals the loss, no breach for any γ, every rate is 0
  const loss = new Float64Array(300).fill(1), margin = new Float64Array(300).fill(2);
  const opts = { target: 0.05, delay: 1, warmup: 20 };
  const c = selectConformalGamma(loss, margin, [0.02, 0.001, 0.01], opts);
  assert.deepEqual(c.breachRates, [0, 0, 0]);
  assert.equal(c.gamma, 0.001);
});

Deno.test("selectConformalGamma: no look-ahead — test-period losses do not change the chosen γ", () => {
  const rng = createPrng(9), nFit = 800, nTest = 400;
  const loss = Float64Array.from({ length: nFit + nTest }, (_, t) => (t % 300 < 150 ? 1 : 2) * rng.normal());
  const margin = new Float64Array(nFit + nTest).fill(2.6);
  const grid = [0.0005, 0.001, 0.002, 0.005, 0.01, 0.02], opts = { target: 0.01, delay: 2, warmup: 100 };
  // the study chooses γ from the fitting rows (the prefix before the test period)
  const choose = (l: Float64Array) => selectConformalGamma(l.subarray(0, nFit), margin.subarray(0, nFit), grid, opts);
  const a = choose(loss);
  const shocked = Float64Array.from(loss, (v, t) => (t >= nFit ? v * 50 + 3 : v));
  const b = choose(shocked);
  assert.deepEqual(b, a);
});

Deno.test("selectConformalGamma: an empty or invalid grid and too few fitting rows are errors", () => {
  const l = new Float64Array(50), m = new Float64Array(50).fill(1), opts = { target: 0.05, delay: 1, warmup: 10 };
  assert.throws(() => selectConformalGamma(l, m, [], opts), /non-empty/);
  assert.throws(() => selectConformalGamma(l, m, [0.01, 0], opts), /grid\[1\] must be a finite number > 0, got 0/);
  assert.throws(() => selectConformalGamma(l, m, [0.01], { ...opts, warmup: 60 }), /no active date/);
});
