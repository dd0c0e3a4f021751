// Unit tests of the elementary feature functions.
import assert from "node:assert/strict";
import { bipowerVariation, jumpFlag, jumpRatio } from "./bipower_variation.ts";
import { curveCurvature, curveSlope, rollYield } from "./curve_shape.ts";
import { drawdown } from "./drawdown.ts";
import { targetForwardLoss } from "../targets/forward_loss.ts";
import { levelChange, seriesRatio, seriesSpread } from "./level_change.ts";
import { logReturn, priceChange, scaledReturn } from "./price_return.ts";
import { realizedVol } from "./realized_vol.ts";
import { robustScale } from "./robust_scale.ts";

const A = (...x: number[]) => Float64Array.from(x);
const close = (a: number, b: number, tol = 1e-12) => assert.ok(Math.abs(a - b) <= tol, `${a} vs ${b}`);

Deno.test("robustScale: trailing median of |x|, floored, NaN-propagating", () => {
  assert.deepEqual(robustScale(A(50, 52, -30, 51), 3, 1), A(NaN, NaN, 50, 51));
  assert.deepEqual(robustScale(A(0.2, -0.1, 0.3), 2, 1), A(NaN, 1, 1));
  assert.deepEqual(robustScale(A(NaN, 4, 6, 8), 2, 1), A(NaN, NaN, 5, 7));
  assert.throws(() => robustScale(A(1), 0), /window/);
  assert.throws(() => robustScale(A(1), 1, 0), /floor/);
});

Deno.test("returns: price change, scaled return, log return with fallback", () => {
  const x = A(10, 12, 9, -1, 2);
  assert.deepEqual(priceChange(x, 1), A(NaN, 2, -3, -10, 3));
  assert.deepEqual(priceChange(x, 2), A(NaN, NaN, -1, -13, -7));
  const s = A(10, 10, 10, 5, 5);
  assert.deepEqual(scaledReturn(x, 1, s), A(NaN, 0.2, -0.3, -1, 0.6));
  const lr = logReturn(x, 1, s);
  close(lr[1], Math.log(1.2));
  assert.equal(lr[3], -1); // price ≤ 0: fallback to the scaled return
  assert.equal(lr[4], 0.6);
  assert.throws(() => priceChange(x, 0), /n must be/);
  assert.throws(() => scaledReturn(x, 1, A(1)), /scale/);
});

Deno.test("realizedVol", () => {
  const r = A(NaN, 0.01, -0.02, 0.03);
  const rv = realizedVol(r, 2, 252);
  assert.ok(Number.isNaN(rv[1]));
  close(rv[2], Math.sqrt(126 * (0.0001 + 0.0004)));
  close(rv[3], Math.sqrt(126 * (0.0004 + 0.0009)));
});

Deno.test("bipower variation: no jumps → ratio ≈ 0; one spike → large ratio and a flag", () => {
  const r = new Float64Array(40).map((_, i) => (i % 2 ? 0.01 : -0.01));
  const bv = bipowerVariation(r, 10);
  close(bv[20], (Math.PI / 2) * (10 / 9) * 9 * 0.0001);
  const calm = jumpRatio(r, 10);
  assert.equal(calm[20], 0); // BV > RV here (π/2 > 1): clipped at 0
  const j = r.slice();
  j[30] = 0.2;
  assert.ok(jumpRatio(j, 10)[32] > 0.5);
  const flag = jumpFlag(j, 10, 4);
  assert.equal(flag[30], 1);
  assert.equal(flag[29], 0);
  assert.ok(Number.isNaN(flag[9]) && flag[10] === 0);
});

Deno.test("drawdown, curve shape, level transforms", () => {
  assert.deepEqual(drawdown(A(10, 12, 9), 3, A(1, 1, 10)), A(NaN, NaN, -0.3));
  assert.deepEqual(drawdown(A(10, 12, 9, 11), 2, A(1, 1, 1, 1)), A(NaN, 0, -3, 0));
  assert.deepEqual(curveSlope(A(50), A(52), A(50)), A(0.04));
  assert.deepEqual(curveCurvature(A(50), A(51), A(53), A(50)), A(0.02));
  assert.deepEqual(rollYield(A(51), A(50), A(50), 1), A(0.24));
  assert.deepEqual(levelChange(A(20, 22, 30), 2), A(NaN, NaN, 10));
  assert.deepEqual(seriesRatio(A(22, 1), A(20, 0)), A(1.1, NaN));
  assert.deepEqual(seriesSpread(A(4), A(1.5)), A(2.5));
  assert.throws(() => seriesSpread(A(1), A(1, 2)), /lengths/);
});

Deno.test("targetForwardLoss: USD loss of long/short 1 contract over h days, NaN at the end", () => {
  const x = A(50, 49, 51, -2);
  assert.deepEqual(targetForwardLoss(x, 1, 1), A(1000, -2000, 53000, NaN));
  assert.deepEqual(targetForwardLoss(x, 2, -1), A(1000, -51000, NaN, NaN));
  assert.throws(() => targetForwardLoss(x, 0, 1), /mpor must be/);
  assert.throws(() => targetForwardLoss(x, 1, 0), /position/);
});
