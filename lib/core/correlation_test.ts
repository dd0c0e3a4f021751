import assert from "node:assert/strict";
import { pearson } from "./correlation.ts";
import { createPrng } from "./prng.ts";

Deno.test("pearson: ±1 on exact linear relations, invariant to affine maps, symmetric", () => {
  const rng = createPrng(5);
  const a = Array.from({ length: 200 }, () => rng.normal());
  const b = a.map((v) => v + 0.5 * rng.normal());
  assert.ok(Math.abs(pearson(a, a.map((v) => 3 * v - 1)) - 1) < 1e-12);
  assert.ok(Math.abs(pearson(a, a.map((v) => -2 * v)) + 1) < 1e-12);
  const r = pearson(a, b);
  assert.ok(r > 0.8 && r < 0.95, `r = ${r}`); // 1/√1.25 ≈ 0.894 in expectation
  assert.ok(Math.abs(pearson(b, a) - r) < 1e-15);
  assert.ok(Math.abs(pearson(a.map((v) => 10 + 4 * v), b) - r) < 1e-12);
});

Deno.test("pearson: a constant series is NaN; bad lengths are RangeErrors", () => {
  assert.ok(Number.isNaN(pearson([1, 1, 1], [1, 2, 3])));
  assert.throws(() => pearson([1, 2], [1]), RangeError);
  assert.throws(() => pearson([1], [1]), RangeError);
});
