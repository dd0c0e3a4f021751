import assert from "node:assert/strict";
import { stability } from "./stability.ts";

Deno.test("stability: mean |Δm| and mean |Δm|/m", () => {
  const r = stability([10, 11, 9.9]);
  assert.ok(Math.abs(r.meanAbsChange - 1.05) < 1e-12);
  assert.ok(Math.abs(r.meanRelChange - 0.1) < 1e-12);
  assert.equal(stability([0, 1, 1]).zeroBase, 1);
});

Deno.test("stability: bad input is named", () => {
  assert.throws(() => stability([1]), /at least 2/);
});
