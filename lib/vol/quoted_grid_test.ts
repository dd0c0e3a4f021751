import assert from "node:assert/strict";
import fc from "fast-check";
import { quotedGrid } from "./quoted_grid.ts";

Deno.test("quotedGrid: inside the outer grid and inside every slice's quoted range, or null", () => {
  const slice = fc.array(fc.integer({ min: -100, max: 100 }).map((v) => v / 100), { minLength: 1, maxLength: 8 });
  fc.assert(
    fc.property(fc.array(slice, { minLength: 1, maxLength: 4 }), (ks) => {
      const outer = { kMin: -0.5, kMax: 0.6, n: 7 };
      const g = quotedGrid(ks.map((k) => Float64Array.from(k)), outer);
      const lo = Math.max(outer.kMin, ...ks.map((k) => Math.min(...k)));
      const hi = Math.min(outer.kMax, ...ks.map((k) => Math.max(...k)));
      if (hi > lo) assert.deepEqual(g, { kMin: lo, kMax: hi, n: 7 });
      else assert.equal(g, null);
    }),
  );
});
