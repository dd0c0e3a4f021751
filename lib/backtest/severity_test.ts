import assert from "node:assert/strict";
import { breachSeverity } from "./severity.ts";

Deno.test("breachSeverity: mean and max shortfall", () => {
  assert.deepEqual(breachSeverity([5, 1, 12], [4, 4, 4]), {
    count: 2,
    meanShortfall: 4.5,
    maxShortfall: 8,
    meanRatio: 2.125,
  });
  assert.deepEqual(breachSeverity([1], [2]), { count: 0, meanShortfall: 0, maxShortfall: 0, meanRatio: NaN });
});
