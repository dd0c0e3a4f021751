import assert from "node:assert/strict";
import { evaluateMultiplier } from "./evaluate.ts";

Deno.test("evaluateMultiplier: exceptions, margin ratio, pinball", () => {
  const e = evaluateMultiplier({
    loss: Float64Array.of(1, 5, 0),
    im: Float64Array.of(2, 2, 4),
    r: Float64Array.of(0.5, 2.5, 0),
    m: Float64Array.of(1, 1, 1),
    bench: Float64Array.of(2, 2, 2),
    tau: 0.9,
  });
  assert.equal(e.exceptions, 1);
  assert.equal(e.n, 3);
  assert.equal(e.marginRatio, 0.5);
  assert.equal(e.avgMargin, 8 / 3);
  // pinball: (1−0.9)(1−0.5) + 0.9(2.5−1) + (1−0.9)(1−0)
  assert.ok(Math.abs(e.pinball - (0.05 + 1.35 + 0.1) / 3) < 1e-12);
  assert.ok(e.kupiecP > 0 && e.kupiecP <= 1);
});

Deno.test("evaluateMultiplier: bad inputs are RangeErrors", () => {
  const a = Float64Array.of(1);
  assert.throws(
    () => evaluateMultiplier({ loss: a, im: a, r: a, m: Float64Array.of(1, 2), bench: a, tau: 0.99 }),
    RangeError,
  );
  assert.throws(() => evaluateMultiplier({ loss: a, im: a, r: a, m: a, bench: a, tau: 1 }), RangeError);
});
