import assert from "node:assert/strict";
import fc from "fast-check";
import { boundedMultiplier, clipMultiplier, multiplierLogit } from "./bounded_multiplier.ts";

Deno.test("boundedMultiplier: inside the bounds, monotone, midpoint at z = 0, no overflow", () => {
  assert.equal(boundedMultiplier(0, 0.8, 1.5), 1.15);
  assert.equal(boundedMultiplier(1000, 0.8, 1.5), 1.5);
  assert.equal(boundedMultiplier(-1000, 0.8, 1.5), 0.8);
  fc.assert(
    fc.property(fc.double({ min: -50, max: 50, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (z, dz) => {
      const a = boundedMultiplier(z, 0.8, 1.5), b = boundedMultiplier(z + dz, 0.8, 1.5);
      return a >= 0.8 && a <= 1.5 && b >= a;
    }),
  );
});

Deno.test("multiplierLogit inverts boundedMultiplier; clipMultiplier clips", () => {
  fc.assert(fc.property(fc.double({ min: 0.81, max: 1.49, noNaN: true }), (m) => {
    return Math.abs(boundedMultiplier(multiplierLogit(m, 0.8, 1.5), 0.8, 1.5) - m) < 1e-9;
  }));
  assert.ok(Number.isFinite(multiplierLogit(1.5, 0.8, 1.5)));
  assert.throws(() => multiplierLogit(1, 1.5, 0.8), RangeError);
  assert.equal(clipMultiplier(0.1, 0.8, 1.5), 0.8);
  assert.equal(clipMultiplier(1.1, 0.8, 1.5), 1.1);
});
