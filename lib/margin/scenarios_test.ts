import assert from "node:assert/strict";
import { buildScenarios } from "./scenarios.ts";

Deno.test("buildScenarios: absolute overlapping h-day changes", () => {
  const sc = buildScenarios([[100, 101, 99, 102], [1, 2, 3, 4]], { mpor: 2, lookback: 2 });
  assert.equal(sc.rows, 2);
  assert.equal(sc.cols, 2);
  assert.deepEqual(Array.from(sc.data), [-1, 1, 2, 2]);
});

Deno.test("buildScenarios: relative changes scaled to today's price", () => {
  const sc = buildScenarios([[50, 55, 60]], { mode: "relative" });
  assert.equal(sc.cols, 2);
  assert.ok(Math.abs(sc.data[0] - 0.1 * 60) < 1e-12);
  assert.ok(Math.abs(sc.data[1] - (60 / 55 - 1) * 60) < 1e-12);
});

Deno.test("buildScenarios: negative prices work in absolute mode, are refused in relative mode", () => {
  const p = [[18, 10, -37.63, 10]];
  assert.deepEqual(Array.from(buildScenarios(p, { lookback: 3 }).data), [-8, -47.63, 47.63]);
  assert.throws(() => buildScenarios(p, { mode: "relative", lookback: 1 }), /prices\[0\]\[2\] = -37.63/);
});

Deno.test("buildScenarios: bad input is named", () => {
  assert.throws(() => buildScenarios([[1, 2, 3]], { lookback: 0 }), /lookback must be an integer >= 1, got 0/);
  assert.throws(() => buildScenarios([[1, 2, 3]], { lookback: 3 }), /lookback 3 needs 4 prices for mpor 1/);
  assert.throws(
    () => buildScenarios([[1, 2, 3], [1, 2]]),
    /prices\[1\].length must equal prices\[0\].length = 3, got 2/,
  );
  assert.throws(() => buildScenarios([[1, NaN, 3]]), /prices\[0\]\[1\] must be a finite number, got NaN/);
  assert.throws(() => buildScenarios([[1, 2, 3]], { mpor: 0 }), /mpor must be an integer >= 1, got 0/);
  assert.throws(() => buildScenarios([]), /non-empty/);
});
