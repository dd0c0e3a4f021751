import assert from "node:assert/strict";
import { createPrng } from "../core/prng.ts";
import { empiricalQuantile } from "./empirical_quantile.ts";
import { breachRate, pinballLoss } from "./pinball_loss.ts";

Deno.test("pinballLoss: values and asymmetry", () => {
  assert.equal(pinballLoss(Float64Array.of(1, 2), Float64Array.of(1, 1), 0.9), 0.45);
  assert.ok(Math.abs(pinballLoss(Float64Array.of(0), Float64Array.of(1), 0.9) - 0.1) < 1e-15);
  assert.throws(() => pinballLoss(Float64Array.of(1), Float64Array.of(1), 1), /tau/);
  assert.throws(() => pinballLoss(Float64Array.of(1), Float64Array.of(1, 2), 0.5), /length/);
});

Deno.test("pinballLoss is minimised by the empirical τ-quantile (elicitability)", () => {
  const rng = createPrng(3), n = 1001;
  const r = Float64Array.from({ length: n }, () => 1 + 0.2 * rng.normal());
  const q = empiricalQuantile(r, 0.99);
  const at = (m: number) => pinballLoss(r, new Float64Array(n).fill(m), 0.99);
  for (const dm of [-0.05, -0.01, 0.01, 0.05]) assert.ok(at(q) <= at(q + dm));
  assert.ok(Math.abs(breachRate(r, new Float64Array(n).fill(q)) - 0.01) < 0.002);
});

Deno.test("empiricalQuantile: type-7 interpolation and validation", () => {
  assert.equal(empiricalQuantile(Float64Array.of(5, 1, 3, 2, 4), 0.5), 3);
  assert.equal(empiricalQuantile(Float64Array.of(1, 2), 0.25), 1.25);
  assert.throws(() => empiricalQuantile(Float64Array.of(1, NaN), 0.5), /x\[1\]/);
  assert.throws(() => empiricalQuantile([], 0.5), /empty/);
});
