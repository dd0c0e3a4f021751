import assert from "node:assert/strict";
import { efficiency } from "./efficiency.ts";

Deno.test("efficiency: average margin and excess", () => {
  const r = efficiency([1, -2, 3], [4, 4, 4], [8, 8, 8]);
  assert.equal(r.averageMargin, 4);
  assert.ok(Math.abs(r.meanExcess - 10 / 3) < 1e-15);
  assert.ok(Math.abs(r.meanExcessOverPositiveLoss - 8 / 3) < 1e-15);
  assert.equal(r.relativeToBenchmark, 0.5);
});

Deno.test("efficiency: bad input is named", () => {
  assert.throws(() => efficiency([1], [Infinity]), /margins\[0\] must be a finite number, got Infinity/);
});
