import assert from "node:assert/strict";
import fc from "fast-check";
import { createPrng } from "../core/prng.ts";
import { allowedBreaches, breachScaleOn, marginAtBreachRate, marginFrontier, prepareBreachScale } from "./frontier.ts";

Deno.test("marginFrontier: golden values by hand", () => {
  const loss = [1, 5, 2, 9, 3, -4], margin = [4, 4, 2, 4, 1, 2];
  const f = marginFrontier(loss, margin, [0, 1, 2]);
  // k = 0: breaches where loss > 0 (5 days), shortfall = sum of positive losses 20
  assert.deepEqual(f[0], { k: 0, breachRate: 5 / 6, avgMargin: 0, totalShortfall: 20, meanShortfall: 4 });
  // k = 1: 5 > 4 (1), 9 > 4 (5), 3 > 1 (2)
  assert.deepEqual(f[1], { k: 1, breachRate: 0.5, avgMargin: 17 / 6, totalShortfall: 8, meanShortfall: 8 / 3 });
  // k = 2: 9 > 8 (1), 3 > 2 (1)
  assert.deepEqual(f[2], { k: 2, breachRate: 2 / 6, avgMargin: 2 * (17 / 6), totalShortfall: 2, meanShortfall: 1 });
});

Deno.test("marginFrontier: breach rate falls and margin rises with k; no breach means zero shortfall", () => {
  const rng = createPrng(3);
  const loss = Array.from({ length: 500 }, () => rng.normal());
  const margin = Array.from({ length: 500 }, () => 1 + rng.next());
  const ks = Array.from({ length: 60 }, (_, i) => i / 10);
  const f = marginFrontier(loss, margin, ks);
  for (let j = 1; j < f.length; j++) {
    assert.ok(f[j].breachRate <= f[j - 1].breachRate);
    assert.ok(f[j].avgMargin >= f[j - 1].avgMargin);
    assert.ok(f[j].totalShortfall <= f[j - 1].totalShortfall);
  }
  const last = f[f.length - 1];
  assert.equal(last.breachRate, 0);
  assert.equal(last.meanShortfall, 0);
});

Deno.test("marginFrontier / marginAtBreachRate: bad input names index and value", () => {
  assert.throws(
    () => marginFrontier([1, NaN], [1, 1], [1]),
    /marginFrontier: loss\[1\] must be a finite number, got NaN/,
  );
  assert.throws(() => marginFrontier([1, 2], [1, 0], [1]), /margin\[1\] must be a finite number > 0, got 0/);
  assert.throws(() => marginFrontier([1, 2], [1, -3], [1]), /margin\[1\].*got -3/);
  assert.throws(() => marginFrontier([1, 2], [1, 1], [1, -1]), /ks\[1\] must be a finite number >= 0, got -1/);
  assert.throws(() => marginFrontier([1], [1, 1], [1]), RangeError);
  assert.throws(() => marginFrontier([], [], [1]), /empty/);
  assert.throws(() => marginAtBreachRate([1, 2], [1, Infinity], 0.01), /margin\[1\].*Infinity/);
  assert.throws(() => marginAtBreachRate([1, 2], [1, 1], 1), /target must lie in \(0, 1\), got 1/);
});

Deno.test("allowedBreaches: largest c with c/n <= target despite float rounding", () => {
  assert.equal(allowedBreaches(100, 0.29), 29); // 0.29·100 = 28.999999999999996
  assert.equal(allowedBreaches(100, 0.07), 7);
  assert.equal(allowedBreaches(250, 0.01), 2);
  assert.equal(allowedBreaches(99, 0.01), 0);
  for (let n = 1; n < 400; n++) {
    for (const t of [0.01, 0.025, 0.05, 0.1, 0.29, 0.5]) {
      const c = allowedBreaches(n, t);
      assert.ok(c / n <= t && (c + 1) / n > t, `n ${n} target ${t}: ${c}`);
    }
  }
});

Deno.test("marginAtBreachRate: the smallest scale reaching the target, checked against the frontier", () => {
  fc.assert(
    fc.property(
      fc.array(
        fc.tuple(fc.double({ min: -50, max: 50, noNaN: true }), fc.double({ min: 0.01, max: 20, noNaN: true })),
        {
          minLength: 1,
          maxLength: 200,
        },
      ),
      fc.constantFrom(0.01, 0.05, 0.1, 0.3),
      (rows, target) => {
        const loss = rows.map((r) => Math.abs(r[0]) < 1e-6 ? 0 : r[0]), margin = rows.map((r) => r[1]);
        const a = marginAtBreachRate(loss, margin, target);
        const [at] = marginFrontier(loss, margin, [a.k]);
        assert.ok(a.k >= 0);
        assert.equal(at.breachRate, a.breachRate);
        assert.ok(a.breachRate <= target);
        assert.equal(a.avgMargin, at.avgMargin);
        if (a.k > 0) {
          // any smaller scale (beyond rounding of the product) breaches more than allowed
          const [below] = marginFrontier(loss, margin, [a.k * (1 - 1e-9)]);
          assert.ok(below.breachRate > target, `k ${a.k} not the smallest`);
        }
      },
    ),
    { seed: 7, numRuns: 300 },
  );
});

Deno.test("marginAtBreachRate: ties and all-negative losses", () => {
  assert.deepEqual(marginAtBreachRate([-1, -2, -3], [1, 1, 1], 0.01), { k: 0, avgMargin: 0, breachRate: 0 });
  // three tied ratios of 2 with one breach allowed of four: the scale must cover all three
  assert.equal(marginAtBreachRate([2, 2, 2, 1], [1, 1, 1, 1], 0.25).k, 2);
  assert.equal(marginAtBreachRate([2, 2, 2, 1], [1, 1, 1, 1], 0.75).k, 1);
});

Deno.test("breachScaleOn: a resample equals marginAtBreachRate on the materialised days", () => {
  const rng = createPrng(11);
  const n = 300;
  const loss = Float64Array.from({ length: n }, () => rng.normal() * 3);
  const margin = Float64Array.from({ length: n }, () => 2 + rng.next());
  const s = prepareBreachScale(loss, margin);
  for (let rep = 0; rep < 20; rep++) {
    const idx = Int32Array.from({ length: n }, () => rng.int(n));
    const a = breachScaleOn(s, idx, 0.01);
    const b = marginAtBreachRate(Array.from(idx, (i) => loss[i]), Array.from(idx, (i) => margin[i]), 0.01);
    assert.deepEqual(a, b);
  }
  assert.deepEqual(breachScaleOn(s, null, 0.02), marginAtBreachRate(loss, margin, 0.02));
  assert.throws(() => breachScaleOn(s, Int32Array.of(0, n), 0.01), /idx\[1\] must be in \[0, 300\), got 300/);
  assert.throws(() => breachScaleOn(s, new Int32Array(0), 0.01), /idx is empty/);
});
