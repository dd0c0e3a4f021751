import assert from "node:assert/strict";
import fc from "fast-check";
import { black76Greeks, black76Price } from "../market/black76.ts";
import { createPrng } from "../core/prng.ts";
import {
  impliedVolBlack76,
  impliedVolBlack76Batch,
  impliedVolBlack76Result,
  normalisedBlackOtm,
  normalisedImpliedStdDev,
} from "./implied_vol.ts";

Deno.test("impliedVolBlack76: ATM textbook case", () => {
  const p = black76Price(true, 100, 100, 1, 0.2, 1);
  assert.ok(Math.abs(impliedVolBlack76(p, 100, 100, 1, true) - 0.2) < 1e-14);
});

Deno.test("normalisedImpliedStdDev: grid of moneyness × total std dev, relative error < 1e-12", () => {
  const out = new Float64Array(2);
  let maxIt = 0;
  for (const x of [-30, -12, -8, -4, -2, -1, -0.5, -0.1, -0.01, -1e-4, -1e-8, 0]) {
    for (const s of [1e-3, 0.005, 0.01, 0.05, 0.1, 0.2, 0.5, 1, 2, 4, 8]) {
      const b = normalisedBlackOtm(x, s);
      if (!(b > 1e-300)) continue;
      const r = normalisedImpliedStdDev(b, x, out);
      assert.ok(Math.abs(r - s) <= 1e-12 * s, `x=${x} s=${s}: got ${r}`);
      maxIt = Math.max(maxIt, out[1]);
    }
  }
  assert.ok(maxIt <= 20, `max iterations ${maxIt}`);
});

Deno.test("impliedVolBlack76: round trip from the OTM price within 1e-10 in vol (property)", () => {
  fc.assert(
    fc.property(
      fc.double({ min: -2.5, max: 2.5, noNaN: true }), // ln(K/F) in units of... plain log-moneyness
      fc.double({ min: 0.01, max: 3, noNaN: true }), // vol
      fc.double({ min: 1 / 365, max: 30, noNaN: true }), // expiry
      fc.double({ min: 0.5, max: 1, noNaN: true }), // discount factor
      (lk, vol, T, df) => {
        const F = 100, K = F * Math.exp(lk);
        const isCall = K >= F;
        const { price: p, vega } = black76Greeks(isCall, F, K, T, vol, df);
        if (!(p > 1e-280)) return; // underflows: no information left in the price
        // Near the upper bound (very large σ√T) the price itself pins σ only to ε·price/vega.
        const conditioning = 4 * Number.EPSILON * p / vega;
        const r = impliedVolBlack76Result(p, F, K, T, isCall, df);
        assert.equal(r.status, "ok", r.reason);
        assert.ok(
          Math.abs(r.vol - vol) <= 1e-10 * Math.max(1, vol) + conditioning,
          `K=${K} T=${T} vol=${vol}: got ${r.vol}`,
        );
        if (conditioning < 1e-12) assert.ok(Math.abs(r.vol - vol) <= 1e-10 * Math.max(1, vol));
      },
    ),
    { numRuns: 3000, seed: 20260101 },
  );
});

Deno.test("impliedVolBlack76: deep ITM prices invert within the input's conditioning (ε·price/vega)", () => {
  fc.assert(
    fc.property(
      fc.double({ min: -2, max: 2, noNaN: true }),
      fc.double({ min: 0.02, max: 2, noNaN: true }),
      fc.double({ min: 1 / 365, max: 10, noNaN: true }),
      (lk, vol, T) => {
        const F = 50, K = F * Math.exp(lk);
        const isCall = K < F; // the in-the-money side
        const g = black76Greeks(isCall, F, K, T, vol, 1);
        if (g.vega < 1e-12 * g.price) return;
        const r = impliedVolBlack76Result(g.price, F, K, T, isCall, 1);
        const tol = 1e-10 + 8 * Number.EPSILON * (g.price + F + K) / g.vega;
        assert.equal(r.status, "ok", r.reason);
        assert.ok(Math.abs(r.vol - vol) <= tol, `K=${K} T=${T} vol=${vol}: got ${r.vol} tol ${tol}`);
      },
    ),
    { numRuns: 2000, seed: 7 },
  );
});

Deno.test("impliedVolBlack76: short and long expiries, deep wings", () => {
  // each of these prices pins the vol far below 1e-10 (ε·price/vega ≪ 1e-10)
  const cases: [number, number, number][] = [
    [1 / 365 / 24, 100 * Math.exp(0.05), 0.8], // one hour, 5% OTM
    [1 / 365, 130, 1.5],
    [30, 600, 0.25],
    [30, 5, 0.25],
    [0.1, 10, 0.3], // put 90% OTM
    [2, 1e4, 1.2],
  ];
  for (const [T, K, vol] of cases) {
    const isCall = K >= 100;
    const p = black76Price(isCall, 100, K, T, vol, 0.97);
    const v = impliedVolBlack76(p, 100, K, T, isCall, 0.97);
    assert.ok(Math.abs(v - vol) < 1e-10, `T=${T} K=${K}: ${v} vs ${vol}`);
  }
});

Deno.test("impliedVolBlack76: bound violations and bad inputs are named errors, never silent NaN", () => {
  // below intrinsic: ITM call at 15 with intrinsic 20
  const below = impliedVolBlack76Result(15, 120, 100, 1, true);
  assert.equal(below.status, "below-intrinsic");
  assert.ok(Number.isNaN(below.vol));
  assert.match(below.reason!, /call F=120 K=100 T=1.*below the intrinsic value 20/);
  assert.throws(() => impliedVolBlack76(15, 120, 100, 1, true), RangeError);
  // above upper bound: call worth more than the discounted forward
  const above = impliedVolBlack76Result(99, 100, 100, 1, true, 0.98);
  assert.equal(above.status, "above-upper-bound");
  assert.throws(() => impliedVolBlack76(99, 100, 100, 1, true, 0.98), /upper bound 98/);
  // at intrinsic: volatility 0 with a status
  const at = impliedVolBlack76Result(20, 120, 100, 1, true);
  assert.equal(at.status, "at-intrinsic");
  assert.equal(at.vol, 0);
  assert.equal(impliedVolBlack76(0, 100, 120, 1, true), 0);
  for (
    const [args, re] of [
      [[1, 100, 100, 0, true], /T must be finite and > 0, got 0/],
      [[1, 100, -5, 1, true], /strike K must be finite and > 0, got -5/],
      [[-0.1, 100, 100, 1, false], /price must be finite and >= 0, got -0.1/],
      [[1, 0, 100, 1, false], /forward F/],
      [[1, 100, 100, 1, false, 0], /discount factor df/],
      [[NaN, 100, 100, 1, false], /got NaN/],
    ] as const
  ) {
    const r = impliedVolBlack76Result(...(args as unknown as [number, number, number, number, boolean, number?]));
    assert.equal(r.status, "invalid-input");
    assert.match(r.reason!, re);
    assert.throws(
      () => impliedVolBlack76(...(args as unknown as [number, number, number, number, boolean, number?])),
      RangeError,
    );
  }
});

Deno.test("impliedVolBlack76Batch: matches scalar results and reports codes", () => {
  const K = new Float64Array([80, 100, 120, 100, 100]);
  const isCall = new Uint8Array([0, 1, 1, 1, 1]);
  const prices = new Float64Array([
    black76Price(false, 100, 80, 0.5, 0.35, 0.99),
    black76Price(true, 100, 100, 0.5, 0.2, 0.99),
    black76Price(true, 100, 120, 0.5, 0.25, 0.99),
    200,
    -1,
  ]);
  const { vol, status } = impliedVolBlack76Batch(prices, 100, K, 0.5, isCall, 0.99);
  assert.deepEqual([...status], [0, 0, 0, 3, 4]);
  assert.ok(Math.abs(vol[0] - 0.35) < 1e-12 && Math.abs(vol[1] - 0.2) < 1e-12 && Math.abs(vol[2] - 0.25) < 1e-12);
  assert.ok(Number.isNaN(vol[3]) && Number.isNaN(vol[4]));
  assert.throws(() => impliedVolBlack76Batch(prices, 100, K.subarray(1), 0.5, isCall), RangeError);
});

Deno.test("normalisedImpliedStdDev: 50,000 random log-uniform (x, s) — no failures, ≤ 12 iterations, < 1e-10 error", () => {
  const rng = createPrng(99);
  const out = new Float64Array(2);
  let maxIt = 0, worst = 0;
  for (let i = 0; i < 50_000; i++) {
    const x = rng.next() < 0.02 ? 0 : -Math.exp(-12 + 16 * rng.next()); // |x| from 6e-6 to 55
    const s = Math.exp(-7 + 10 * rng.next()); // s from 1e-3 to 20
    const b = normalisedBlackOtm(x, s);
    if (!(b > 1e-300)) continue;
    const bmax = Math.exp(x / 2);
    if ((bmax - b) / bmax < 1e-6) continue; // the price no longer pins s (upper bound)
    const r = normalisedImpliedStdDev(b, x, out);
    assert.ok(Number.isFinite(r), `x=${x} s=${s}`);
    maxIt = Math.max(maxIt, out[1]);
    worst = Math.max(worst, Math.abs(r - s) / s);
  }
  assert.ok(maxIt <= 12, `max iterations ${maxIt}`);
  assert.ok(worst < 1e-10, `worst relative error ${worst}`);
});
