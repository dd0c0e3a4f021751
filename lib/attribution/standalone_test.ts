import assert from "node:assert/strict";
import { diversificationBenefit, standalone } from "./standalone.ts";

const toy = (w: Float64Array) => Math.hypot(3 * w[0], 4 * w[1]);

Deno.test("standalone and diversification benefit", () => {
  assert.deepEqual(Array.from(standalone(toy, 2)), [3, 4]);
  const d = diversificationBenefit(toy, 2);
  assert.equal(d.total, 5);
  assert.equal(d.benefit, 2);
  assert.equal(d.ratio, 2 / 7);
});

Deno.test("standalone: bad input is named", () => {
  assert.throws(() => standalone("x" as unknown as (w: Float64Array) => number, 2), TypeError);
});
