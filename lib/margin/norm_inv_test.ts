import assert from "node:assert/strict";
import { normInv } from "./norm_inv.ts";
import { normCdf } from "../market/black76.ts";

Deno.test("normInv: round trip through normCdf across the range", () => {
  for (const p of [1e-12, 1e-6, 0.001, 0.02, 0.3, 0.5, 0.7, 0.975, 0.99, 0.999999]) {
    assert.ok(Math.abs(normCdf(normInv(p)) - p) < 1e-13 * Math.max(1, p / (1 - p)), `p = ${p}`);
  }
  assert.ok(Math.abs(normInv(0.975) - 1.959963984540054) < 1e-13);
});

Deno.test("normInv: bad input is named", () => {
  assert.throws(() => normInv(0), /p must lie in \(0, 1\), got 0/);
  assert.throws(() => normInv(NaN), /got NaN/);
});
