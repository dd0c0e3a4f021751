import assert from "node:assert/strict";
import { horizonLoss, ratioSeries } from "./ratio_series.ts";

Deno.test("horizonLoss: long-position loss over h days, NaN where not realised; negative prices handled", () => {
  assert.deepEqual(horizonLoss(Float64Array.of(10, 9, 11, -5), 1), Float64Array.of(1, -2, 16, NaN));
  assert.deepEqual(horizonLoss(Float64Array.of(10, 9, 11), 2), Float64Array.of(-1, NaN, NaN));
  assert.throws(() => horizonLoss(Float64Array.of(1), 0), /mpor must be/);
});

Deno.test("ratioSeries: L/IM, NaN passes through, bad IM throws naming the index", () => {
  assert.deepEqual(ratioSeries(Float64Array.of(1, -2, NaN), Float64Array.of(2, 4, 1)), Float64Array.of(0.5, -0.5, NaN));
  assert.throws(() => ratioSeries(Float64Array.of(1, 1), Float64Array.of(1, 0)), /im\[1\]/);
  assert.throws(() => ratioSeries(Float64Array.of(1), Float64Array.of(1, 1)), /length/);
});
