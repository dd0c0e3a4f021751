import assert from "node:assert/strict";
import { exceptions } from "./exceptions.ts";

Deno.test("exceptions: strict inequality loss > margin", () => {
  const e = exceptions([1, 3, 5], [3, 3, 3]);
  assert.deepEqual(Array.from(e.flags), [0, 0, 1]);
  assert.equal(e.count, 1);
  assert.equal(e.rate, 1 / 3);
});

Deno.test("exceptions: bad input is named", () => {
  assert.throws(() => exceptions([1, NaN], [1, 1]), /losses\[1\] must be a finite number, got NaN/);
  assert.throws(() => exceptions([1, 2], [1]), /losses.length \(2\) must equal margins.length, got 1/);
});
