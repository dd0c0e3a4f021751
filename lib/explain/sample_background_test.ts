import assert from "node:assert/strict";
import { createPrng } from "../core/prng.ts";
import { sampleBackground } from "./sample_background.ts";

Deno.test("sampleBackground: k distinct rows in order, deterministic under the seed", () => {
  const n = 50, d = 2;
  const x = Float64Array.from({ length: n * d }, (_, i) => Math.floor(i / d) * 10 + (i % d));
  const a = sampleBackground(x, n, d, 8, createPrng(3));
  const b = sampleBackground(x, n, d, 8, createPrng(3));
  assert.deepEqual(a, b);
  assert.equal(a.length, 16);
  const rows = Array.from({ length: 8 }, (_, i) => a[i * d] / 10);
  assert.ok(rows.every((r, i) => Number.isInteger(r) && a[i * d + 1] === r * 10 + 1));
  assert.ok(rows.every((r, i) => i === 0 || r > rows[i - 1]));
  assert.deepEqual(sampleBackground(x, n, d, 99, createPrng(1)), x);
  assert.throws(() => sampleBackground(x, n, d, 0, createPrng(1)), /k must be an integer >= 1, got 0/);
  assert.throws(() => sampleBackground(x, n + 1, d, 2, createPrng(1)), /x has length 100/);
});
