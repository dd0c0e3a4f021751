import assert from "node:assert/strict";
import fc from "fast-check";
import { distributionSummary } from "./distribution_summary.ts";
import { quantileSorted } from "./quantile.ts";

Deno.test("distributionSummary: statistics of the finite entries only, null when none is finite", () => {
  const s = distributionSummary([10, NaN, 0, Infinity, 5, -Infinity]);
  assert.deepEqual(s, { n: 3, mean: 5, median: 5, p95: 9.5, max: 10 });
  assert.deepEqual(distributionSummary([]), { n: 0, mean: null, median: null, p95: null, max: null });
  assert.deepEqual(distributionSummary([NaN, Infinity]), { n: 0, mean: null, median: null, p95: null, max: null });
});

Deno.test("distributionSummary: mean ≤ max, median ≤ p95 ≤ max, and the same as the sorted finite sample", () => {
  fc.assert(
    fc.property(fc.array(fc.oneof(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.constant(NaN))), (xs) => {
      const s = distributionSummary(xs);
      const f = xs.filter(Number.isFinite).sort((a, b) => a - b);
      assert.equal(s.n, f.length);
      if (f.length === 0) return;
      assert.equal(s.max, f[f.length - 1]);
      assert.equal(s.median, quantileSorted(f, 0.5));
      assert.ok(s.median! <= s.p95! && s.p95! <= s.max!);
      assert.ok(s.mean! <= s.max! + 1e-9 * Math.abs(s.max!) && s.mean! >= f[0] - 1e-9 * Math.abs(f[0]));
    }),
  );
});
