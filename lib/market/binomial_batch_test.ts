import assert from "node:assert/strict";
import { createPrng } from "../core/prng.ts";
import { binomialUnchecked } from "./american.ts";
import { binomialAmericanBatch } from "./binomial_batch.ts";

/** every out[k] is the very double binomialUnchecked returns (Object.is: also NaN and the sign of zero) */
function assertBitwise(isCall: boolean, F: Float64Array, K: number, T: number, s: number, r: number, steps: number) {
  const out = binomialAmericanBatch(isCall, F, K, T, s, r, steps);
  for (let k = 0; k < F.length; k++) {
    const want = binomialUnchecked(isCall, F[k], K, T, s, r, true, steps);
    assert.ok(
      Object.is(out[k], want),
      `${isCall ? "call" : "put"} F=${F[k]} K=${K} T=${T} sigma=${s} r=${r} steps=${steps}: ${out[k]} vs ${want}`,
    );
  }
}

Deno.test("binomialAmericanBatch: bitwise equal to binomialUnchecked on random trees (sizes, steps, moneyness)", () => {
  const rng = createPrng(17);
  const sizes = [1, 2, 3, 4, 5, 7, 8, 9, 31, 1023, 1024, 1025, 2777];
  for (let c = 0; c < 120; c++) {
    const isCall = rng.next() < 0.5;
    const steps = [1, 2, 3, 10, 49, 50, 51, 200][c % 8];
    const n = sizes[c % sizes.length] > 64 && steps > 50 ? 70 : sizes[c % sizes.length];
    const K = 0.5 + 150 * rng.next();
    const T = [1e-4, 0.02, 0.1, 0.3, 1, 3][c % 6] * (0.5 + rng.next());
    const sigma = [1e-8, 0.01, 0.2, 0.5, 1.5][c % 5] * (0.5 + rng.next());
    const r = [-0.01, 0, 0.03, 0.2][c % 4];
    // futures prices around the strike, deep in and out of the money, and the 1e-8 floor
    const F = Float64Array.from({ length: n }, (_, k) => k % 97 === 5 ? 1e-8 : K * Math.exp(1.5 * (rng.next() - 0.5)));
    assertBitwise(isCall, F, K, T, sigma, r, steps);
  }
});

Deno.test("binomialAmericanBatch: the real engines' inputs (50-step trees, 2,770 scenario prices of one option)", () => {
  const rng = createPrng(5);
  for (const isCall of [true, false]) {
    const F0 = 70, K = 72.5, T = 0.11, sigma = 0.42, r = 0.015;
    const F = Float64Array.from({ length: 2770 }, () => Math.max(F0 + 12 * (rng.next() - 0.5), 1e-8));
    assertBitwise(isCall, F, K, T, sigma, r, 50);
  }
});

Deno.test("binomialAmericanBatch: T = 0 and sigma = 0 take the scalar tree's intrinsic branch", () => {
  assertBitwise(true, Float64Array.of(60, 70, 80), 70, 0, 0.3, 0.05, 50);
  assertBitwise(false, Float64Array.of(60, 70, 80), 70, 0.5, 0, 0.05, 50);
});

Deno.test("binomialAmericanBatch: deep trees grow the kernel's memory and stay bitwise", () => {
  assertBitwise(false, Float64Array.of(65, 70, 75, 80, 85), 75, 1, 0.3, 0.04, 3000);
  assertBitwise(true, Float64Array.of(65, 70, 75), 75, 1, 0.3, 0.04, 50); // smaller again after the growth
});

Deno.test("binomialAmericanBatch: writes into out, empty input, bad steps and short out are named", () => {
  const out = new Float64Array(4).fill(-1);
  assert.equal(binomialAmericanBatch(true, Float64Array.of(70, 71), 70, 0.5, 0.3, 0, 20, out), out);
  assert.equal(out[2], -1);
  assert.equal(binomialAmericanBatch(true, new Float64Array(0), 70, 0.5, 0.3, 0, 20).length, 0);
  assert.throws(
    () => binomialAmericanBatch(true, [70], 70, 0.5, 0.3, 0, 0),
    /binomialAmericanBatch: steps must be an integer >= 1, got 0/,
  );
  assert.throws(
    () => binomialAmericanBatch(true, [70, 71], 70, 0.5, 0.3, 0, 10, new Float64Array(1)),
    /binomialAmericanBatch: out has 1 elements, fewer than F's 2/,
  );
});

Deno.test("binomialAmericanBatch: a shared powCache holds one d^i table per volatility and changes no value", () => {
  const cache = new Map<number, Float64Array>();
  const F = Float64Array.of(60, 65, 70, 75, 80, 85, 90);
  for (const sigma of [0.3, 0.45, 0.3]) {
    for (const isCall of [true, false]) {
      const a = binomialAmericanBatch(isCall, F, 72, 0.4, sigma, 0.02, 50, undefined, cache);
      const b = binomialAmericanBatch(isCall, F, 72, 0.4, sigma, 0.02, 50);
      assert.deepEqual(a, b);
    }
  }
  assert.equal(cache.size, 2);
  binomialAmericanBatch(true, F, 72, 0.4, 0.3, 0.02, 20, undefined, cache); // other steps: the table is rebuilt
  assertBitwise(true, F, 72, 0.4, 0.3, 0.02, 20);
});
