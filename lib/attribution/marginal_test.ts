import assert from "node:assert/strict";
import { marginal } from "./marginal.ts";

const toy = (w: Float64Array) => Math.hypot(3 * w[0], 4 * w[1]);

Deno.test("marginal: finite differences of a homogeneous margin sum to the total", () => {
  const r = marginal(toy, 2);
  assert.ok(Math.abs(r.marginal[0] - 9 / 5) < 1e-6 && Math.abs(r.marginal[1] - 16 / 5) < 1e-6);
  assert.ok(Math.abs(r.component[0] + r.component[1] - 5) < 1e-6);
});

Deno.test("marginal: bad input is named", () => {
  assert.throws(() => marginal(toy, 2, { eps: 2 }), /eps must lie in \(0, 1\), got 2/);
});
