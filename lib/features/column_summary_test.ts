import assert from "node:assert/strict";
import fc from "fast-check";
import { columnSummary } from "./column_summary.ts";

Deno.test("columnSummary: min ≤ mean ≤ max, sd ≥ 0, nanShare = missing / rows, over the given rows only", () => {
  const val = fc.oneof(fc.integer({ min: -1000, max: 1000 }).map((v) => v / 4), fc.constant(NaN));
  fc.assert(
    fc.property(fc.array(val, { minLength: 1, maxLength: 40 }), (xs) => {
      const x = Float64Array.from(xs), rows = [...x.keys()].filter((t) => t % 3 !== 1);
      const s = columnSummary(x, rows);
      const fin = rows.map((t) => x[t]).filter(Number.isFinite);
      assert.equal(s.n, fin.length);
      assert.equal(s.nanShare, (rows.length - fin.length) / rows.length);
      if (fin.length === 0) return assert.deepEqual([s.mean, s.min, s.max, s.sd], [null, null, null, null]);
      assert.equal(s.min, Math.min(...fin));
      assert.equal(s.max, Math.max(...fin));
      assert.ok(s.min! <= s.mean! + 1e-9 && s.mean! <= s.max! + 1e-9);
      if (fin.length > 1) assert.ok(s.sd! >= 0);
      else assert.equal(s.sd, null);
    }),
  );
});

Deno.test("columnSummary: a trending column is persistent (ac1 near 1), an alternating one anti-persistent", () => {
  const rows = [...Array(200).keys()];
  assert.ok(columnSummary(Float64Array.from(rows, (t) => t), rows).ac1! > 0.99);
  assert.ok(columnSummary(Float64Array.from(rows, (t) => (t % 2 ? 1 : -1)), rows).ac1! < -0.99);
});
