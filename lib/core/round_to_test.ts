import assert from "node:assert/strict";
import fc from "fast-check";
import { roundTo } from "./round_to.ts";

Deno.test("roundTo: non-finite → null, −0 → 0, bad digits rejected", () => {
  assert.equal(roundTo(NaN, 3), null);
  assert.equal(roundTo(Infinity, 3), null);
  assert.ok(Object.is(roundTo(-0.0004, 3), 0));
  assert.equal(roundTo(2.5, 0), 3);
  assert.throws(() => roundTo(1, 1.5), /digits must be an integer in \[0, 15\], got 1.5/);
});

Deno.test("roundTo: within half a unit of the last decimal, and idempotent", () => {
  fc.assert(
    fc.property(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.integer({ min: 0, max: 6 }), (x, d) => {
      const r = roundTo(x, d)!;
      assert.ok(Math.abs(r - x) <= 0.5 / 10 ** d + 1e-9 * Math.max(1, Math.abs(x)));
      assert.equal(roundTo(r, d), r);
    }),
  );
});
