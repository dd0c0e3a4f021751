import assert from "node:assert/strict";
import { scanRangeFromHistory } from "./scan_range.ts";

Deno.test("scanRangeFromHistory: quantile of |h-day change| over today's price", () => {
  // 1-day changes: +2, −3, +2, −1 → |.| sorted 1, 2, 2, 3; 75% → 2; today 70
  assert.equal(scanRangeFromHistory([70, 72, 69, 71, 70], { mpor: 1, tau: 0.75 }), 2 / 70);
  // negative prices in history are fine
  assert.ok(scanRangeFromHistory([18, 10, -37.63, 10, 12], { mpor: 1, tau: 0.9 }) > 3);
});

Deno.test("scanRangeFromHistory: bad input is named", () => {
  assert.throws(() => scanRangeFromHistory([1, 2, 0], { mpor: 1 }), /today's price is 0/);
  assert.throws(() => scanRangeFromHistory([1, 2, 3], { tau: 0 }), /tau must lie in \(0, 1\), got 0/);
  assert.throws(
    () => scanRangeFromHistory([1, 2, 3], { mpor: 1, lookback: 0 }),
    /lookback must be an integer >= 1, got 0/,
  );
});
