import assert from "node:assert/strict";
import { createPrng } from "../core/prng.ts";
import { backtestOptimalMultiplier } from "./backtest_optimal_multiplier.ts";

Deno.test("backtestOptimalMultiplier: smallest m with forward breach rate ≤ 1−τ", () => {
  const r = Float64Array.of(0.5, 1.0, 1.2, 0.9, 1.1);
  assert.deepEqual(backtestOptimalMultiplier(r, { window: 2 }), Float64Array.of(1.2, 1.2, 1.1, NaN, NaN));
  // τ = 0.5 over W = 4 allows 2 breaches: the 3rd largest value.
  const m = backtestOptimalMultiplier(Float64Array.of(0, 1.0, 1.4, 0.9, 1.3, 0), { window: 4, tau: 0.5 });
  assert.equal(m[0], 1.0);
});

Deno.test("backtestOptimalMultiplier: definition holds on random data (brute force), clipped to bounds", () => {
  const rng = createPrng(9), n = 300, W = 50, tau = 0.95;
  const r = Float64Array.from({ length: n }, () => 1 + 0.2 * rng.normal());
  const m = backtestOptimalMultiplier(r, { window: W, tau, mMin: 0.5, mMax: 3 });
  for (let t = 0; t + W < n; t++) {
    let breaches = 0;
    for (let s = t + 1; s <= t + W; s++) if (r[s] > m[t]) breaches++;
    assert.ok(breaches / W <= 1 - tau + 1e-12);
    let smaller = 0; // any smaller value in the window would breach more
    for (let s = t + 1; s <= t + W; s++) if (r[s] >= m[t]) smaller++;
    assert.ok(smaller > Math.floor((1 - tau) * W + 1e-9));
  }
  const clipped = backtestOptimalMultiplier(r, { window: W, tau, mMin: 0.8, mMax: 1.1 });
  assert.ok(clipped.every((v) => Number.isNaN(v) || (v >= 0.8 && v <= 1.1)));
  assert.throws(() => backtestOptimalMultiplier(r, { window: 0 }), /window/);
  assert.throws(() => backtestOptimalMultiplier(r, { window: 5, mMin: 2, mMax: 1 }), /mMin/);
});
