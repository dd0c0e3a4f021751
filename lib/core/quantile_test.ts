import assert from "node:assert/strict";
import { quantile, quantileSorted } from "./quantile.ts";

Deno.test("quantileSorted matches numpy's default (type 7) on golden values", () => {
  // numpy.quantile([1, 3, 7, 15, 31], [0, 0.1, 0.25, 0.5, 0.9, 1]) = 1, 1.8, 3, 7, 24.6, 31
  const x = [1, 3, 7, 15, 31];
  const want = [[0, 1], [0.1, 1.8], [0.25, 3], [0.5, 7], [0.9, 24.6], [1, 31]];
  for (const [p, q] of want) assert.ok(Math.abs(quantileSorted(x, p) - q) < 1e-12, `p=${p}`);
});

Deno.test("quantile ignores non-finite values, returns null when none is finite, rejects p outside [0,1]", () => {
  assert.equal(quantile([3, Infinity, 1, NaN, 2], 0.5), 2);
  assert.equal(quantile([], 0.5), null);
  assert.ok(Number.isNaN(quantileSorted([], 0.5)));
  assert.throws(() => quantileSorted([1, 2], 1.5), /p must be in \[0, 1\], got 1.5/);
  assert.throws(() => quantile([1, 2], NaN), /got NaN/);
});
