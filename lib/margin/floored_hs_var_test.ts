import assert from "node:assert/strict";
import { flooredHsVar } from "./floored_hs_var.ts";
import { hsMargin } from "./hs.ts";
import { createPrng } from "../core/prng.ts";

const rng = createPrng(4);
const pnl = Float64Array.from({ length: 400 }, (_, t) => (t < 3 ? NaN : 100 * rng.normal() * (t > 200 ? 0.3 : 1)));
const opts = { tau: 0.99, lookback: 50, floorLookback: 250 };

Deno.test("flooredHsVar: IM is the HS VaR of the trailing window; the floor is the max with the long window's", () => {
  const { im, imFloor } = flooredHsVar(pnl, opts);
  for (let t = 0; t < 3 + 49; t++) assert.ok(Number.isNaN(im[t]));
  for (const t of [60, 200, 399]) {
    assert.equal(im[t], hsMargin(pnl.subarray(t - 49, t + 1), { tau: 0.99, measure: "var" }));
    assert.ok(imFloor[t] >= im[t]);
  }
  // before the long window is full the floor does not bind
  assert.equal(imFloor[100], im[100]);
  // after the calm-down the 10-year floor keeps the margin at the stressed level
  const t = 380, long = hsMargin(pnl.subarray(t - 249, t + 1), { tau: 0.99, measure: "var" });
  assert.equal(imFloor[t], Math.max(im[t], long));
  assert.ok(imFloor[t] > im[t]);
  assert.throws(() => flooredHsVar(Float64Array.of(NaN, NaN), opts), /holds no value/);
});
