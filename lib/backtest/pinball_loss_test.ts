import assert from "node:assert/strict";
import { pinballLoss } from "./pinball_loss.ts";

Deno.test("pinballLoss: asymmetric weights", () => {
  const l = pinballLoss([2, 0], [1, 1], 0.99);
  assert.ok(Math.abs(l[0] - 0.99) < 1e-15 && Math.abs(l[1] - 0.01) < 1e-15);
});

Deno.test("pinball_loss: bad input is named", () => {
  assert.throws(() => pinballLoss([1], [1], 1.2), /tau must lie in \(0, 1\), got 1.2/);
});
