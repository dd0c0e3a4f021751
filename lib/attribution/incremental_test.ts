import assert from "node:assert/strict";
import { incremental } from "./incremental.ts";

const toy = (w: Float64Array) => Math.hypot(3 * w[0], 4 * w[1]);

Deno.test("incremental: hedges have negative increments", () => {
  assert.deepEqual(Array.from(incremental((w) => Math.abs(w[0] - w[1]), 2)), [-1, -1]);
  assert.deepEqual(Array.from(incremental(toy, 2)), [5 - 4, 5 - 3]);
});
