import assert from "node:assert/strict";
import fc from "fast-check";
import { holmAdjust } from "./holm.ts";

Deno.test("holmAdjust: golden hand example (= R p.adjust(c(0.01, 0.04, 0.03, 0.005), 'holm'))", () => {
  // sorted 0.005, 0.01, 0.03, 0.04 → 4·0.005 = 0.02, 3·0.01 = 0.03, 2·0.03 = 0.06, max(0.06, 1·0.04) = 0.06
  assert.deepEqual(holmAdjust([0.01, 0.04, 0.03, 0.005]), [0.03, 0.06, 0.06, 0.02]);
  assert.deepEqual(holmAdjust([0.3, 0.6]), [0.6, 0.6]);
  assert.deepEqual(holmAdjust([0.9, 0.8, 0.7]), [1, 1, 1]); // capped at 1
  assert.deepEqual(holmAdjust([0.02]), [0.02]);
  assert.deepEqual(holmAdjust([]), []);
});

Deno.test("holmAdjust: ≥ raw, ≤ 1, ≤ Bonferroni, monotone in the raw p-values", () => {
  fc.assert(
    fc.property(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 30 }), (p) => {
      const a = holmAdjust(p), m = p.length;
      for (let i = 0; i < m; i++) {
        assert.ok(a[i] >= p[i] && a[i] <= 1 && a[i] <= Math.min(1, m * p[i]));
        for (let j = 0; j < m; j++) if (p[i] <= p[j]) assert.ok(a[i] <= a[j]);
      }
    }),
    { seed: 3, numRuns: 200 },
  );
});

Deno.test("holmAdjust: bad p-values are named", () => {
  assert.throws(() => holmAdjust([0.1, NaN]), /pValues\[1\] must be a number in \[0, 1\], got NaN/);
  assert.throws(() => holmAdjust([1.2]), /pValues\[0\].*got 1.2/);
  assert.throws(() => holmAdjust("x" as unknown as number[]), TypeError);
});
