import assert from "node:assert/strict";
import { createPrng } from "../core/prng.ts";
import { empiricalQuantile } from "./empirical_quantile.ts";
import { breachRate, pinballLoss, pinballLossAt, pinballLosses } from "./pinball_loss.ts";

Deno.test("pinballLoss: values and asymmetry", () => {
  assert.equal(pinballLoss(Float64Array.of(1, 2), Float64Array.of(1, 1), 0.9), 0.45);
  assert.ok(Math.abs(pinballLoss(Float64Array.of(0), Float64Array.of(1), 0.9) - 0.1) < 1e-15);
  assert.throws(() => pinballLoss(Float64Array.of(1), Float64Array.of(1), 1), /tau/);
  assert.throws(() => pinballLoss(Float64Array.of(1), Float64Array.of(1, 2), 0.5), /length/);
});

Deno.test("pinballLosses: per element, and their mean is pinballLoss bit for bit", () => {
  const l = pinballLosses([2, 0], [1, 1], 0.99);
  assert.ok(Math.abs(l[0] - 0.99) < 1e-15 && Math.abs(l[1] - 0.01) < 1e-15);
  const rng = createPrng(5);
  const y = Float64Array.from({ length: 37 }, () => rng.normal()), q = Float64Array.from({ length: 37 }, () => 0.5);
  let s = 0;
  for (const v of pinballLosses(y, q, 0.9)) s += v;
  assert.ok(Object.is(s / 37, pinballLoss(y, q, 0.9)));
  assert.throws(() => pinballLosses([1], [1], 1.2), /pinballLosses: tau must lie in \(0, 1\), got 1.2/);
  assert.throws(() => pinballLosses([1, NaN], [1, 1], 0.5), /y\[1\] must be a finite number, got NaN/);
});

Deno.test("pinballLossAt: asymmetric weights and the quantile minimises it", () => {
  const l = pinballLossAt(0.9);
  assert.ok(Math.abs(l(Float64Array.of(1), Float64Array.of(0)) - 0.9) < 1e-15);
  assert.ok(Math.abs(l(Float64Array.of(0), Float64Array.of(1)) - 0.1) < 1e-15);
  const y = Float64Array.from({ length: 101 }, (_, i) => i);
  const at = (q: number) => l(y, new Float64Array(101).fill(q));
  assert.ok(at(90) < at(85) && at(90) < at(95));
  assert.throws(() => pinballLossAt(1), /tau must lie in \(0, 1\), got 1/);
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
