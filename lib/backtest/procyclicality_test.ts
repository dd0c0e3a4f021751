import assert from "node:assert/strict";
import { procyclicality } from "./procyclicality.ts";

Deno.test("procyclicality: peak-to-trough and max k-day increases", () => {
  const m = [10, 12, 9, 18, 18, 20, 10];
  const r = procyclicality(m, { horizons: [1, 5, 30] });
  assert.equal(r.peakToTrough, 20 / 9);
  assert.equal(r.maxIncrease["1"], 1);
  assert.equal(r.maxIncrease["5"], 1); // 10 → 20
  assert.ok(Number.isNaN(r.maxIncrease["30"]));
  assert.equal(r.maxIncreaseAbs["1"], 9);
});

Deno.test("procyclicality: bad input is named", () => {
  assert.throws(() => procyclicality([]), /margins is empty/);
  assert.throws(() => procyclicality([1, -1]), /margins\[1\] must be >= 0, got -1/);
});
