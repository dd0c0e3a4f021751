import assert from "node:assert/strict";
import { createPrng } from "../core/prng.ts";
import { marginStability } from "./margin_stability.ts";
import { procyclicality } from "./procyclicality.ts";
import { stability } from "./stability.ts";

Deno.test("marginStability: golden values by hand", () => {
  const margin = [100, 120, 96, 150, 150, 75, 90];
  const mult = [1, 1.2, 0.8, 1.5, 1.5, 0.8, 0.9];
  const s = marginStability(margin, mult, { min: 0.8, max: 1.5 });
  assert.equal(s.peakToTrough, 2); // 150 / 75
  assert.equal(s.maxIncrease1d, 150 / 96 - 1);
  assert.equal(s.maxIncrease5d, 90 / 120 - 1); // the only 5-day pairs: 100→75, 120→90
  assert.ok(Number.isNaN(s.maxIncrease30d));
  assert.equal(
    s.meanAbsChangeMultiplier,
    (0.19999999999999996 + 0.3999999999999999 + 0.7 + 0 + 0.7 + 0.09999999999999998) / 6,
  );
  assert.equal(s.meanAbsChangeMargin, (20 + 24 + 54 + 0 + 75 + 15) / 6);
  assert.equal(s.shareAtMin, 2 / 7);
  assert.equal(s.shareAtMax, 2 / 7);
  assert.equal(s.shareAtBound, 4 / 7);
});

Deno.test("marginStability: agrees with procyclicality and stability on a long random path", () => {
  const rng = createPrng(4);
  const mult = Float64Array.from({ length: 300 }, () => Math.min(1.5, Math.max(0.8, 0.7 + rng.next())));
  const margin = mult.map((m, t) => m * (1000 + 10 * t));
  const s = marginStability(margin, mult, { min: 0.8, max: 1.5 });
  const p = procyclicality(margin);
  assert.equal(s.peakToTrough, p.peakToTrough);
  assert.equal(s.maxIncrease30d, p.maxIncrease["30"]);
  assert.equal(s.meanAbsChangeMargin, stability(margin).meanAbsChange);
  assert.equal(s.meanAbsChangeMultiplier, stability(mult).meanAbsChange);
  assert.ok(s.shareAtMin > 0.05 && s.shareAtMin < 0.2); // P(0.7 + U < 0.8) = 0.1
});

Deno.test("marginStability: bad input is named", () => {
  const b = { min: 0.8, max: 1.5 };
  assert.throws(() => marginStability([1, 2], [1], b), /margin\.length \(2\) must equal multiplier\.length, got 1/);
  assert.throws(() => marginStability([1], [1], b), /at least 2 days/);
  assert.throws(() => marginStability([1, NaN], [1, 1], b), /margin\[1\] must be a finite number, got NaN/);
  assert.throws(() => marginStability([1, 2], [1, Infinity], b), /multiplier\[1\]/);
  assert.throws(() => marginStability([1, -2], [1, 1], b), /margins\[1\] must be >= 0, got -2/);
  assert.throws(() => marginStability([1, 2], [1, 1], { min: 1.5, max: 0.8 }), /bounds must be finite with min < max/);
});
