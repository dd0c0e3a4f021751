import assert from "node:assert/strict";
import { multiplierPathStats, windowExtremes } from "./multiplier_path_stats.ts";

Deno.test("multiplierPathStats: range, bound shares within 1e-3 and the largest margin", () => {
  const m = Float64Array.of(1.1, 0.8005, 1.4995, 1.2, 0.9);
  const im = Float64Array.of(100, 200, 50, 300, 10);
  const s = multiplierPathStats(m, im, { mMin: 0.8, mMax: 1.5 });
  assert.deepEqual(s, {
    minM: 0.8005,
    maxM: 1.4995,
    firstM: 1.1,
    shareAtMin: 1 / 5,
    shareAtMax: 1 / 5,
    maxMargin: 1.2 * 300,
  });
});

Deno.test("multiplierPathStats: every value inside is at neither bound; margins ≥ 0 floor", () => {
  const s = multiplierPathStats(Float64Array.of(1, 1), Float64Array.of(-5, -1), { mMin: 0.5, mMax: 2 });
  assert.equal(s.shareAtMin + s.shareAtMax, 0);
  assert.equal(s.maxMargin, 0);
});

Deno.test("windowExtremes / multiplierPathStats: mismatched lengths are RangeErrors", () => {
  assert.throws(() => multiplierPathStats(new Float64Array(0), new Float64Array(0), { mMin: 0.8, mMax: 1.5 }));
  assert.throws(() => windowExtremes(Float64Array.of(1), Float64Array.of(1, 2), Float64Array.of(1)), /differ/);
  assert.deepEqual(windowExtremes(Float64Array.of(-3, -2), Float64Array.of(-1, -2), Float64Array.of(4, 2)), {
    maxLoss: -2,
    maxRatio: -1,
    maxIm: 4,
  });
});
