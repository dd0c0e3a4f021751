import assert from "node:assert/strict";
import { createPrng } from "../core/prng.ts";
import { blockBootstrapCi, movingBlockIndices } from "./block_bootstrap.ts";

Deno.test("movingBlockIndices: length n, consecutive (mod n) within blocks, deterministic under a seed", () => {
  const n = 103, L = 10;
  const idx = movingBlockIndices(n, L, createPrng(1));
  assert.equal(idx.length, n);
  for (let j = 0; j < n; j++) {
    assert.ok(idx[j] >= 0 && idx[j] < n);
    if (j % L !== 0) assert.equal(idx[j], (idx[j - 1] + 1) % n, `block broken at ${j}`);
  }
  assert.deepEqual(movingBlockIndices(n, L, createPrng(1)), idx);
  assert.notDeepEqual(movingBlockIndices(n, L, createPrng(2)), idx);
  // one prng.int per block: the stream after one resample is ⌈n/L⌉ draws ahead
  const p = createPrng(9), q = createPrng(9);
  movingBlockIndices(n, L, p);
  for (let b = 0; b < Math.ceil(n / L); b++) q.int(n);
  assert.equal(p.next(), q.next());
});

Deno.test("movingBlockIndices: circular — every date is drawn equally often on average, ends included", () => {
  const n = 50, L = 20, reps = 4000;
  const counts = new Float64Array(n);
  const rng = createPrng(4);
  for (let r = 0; r < reps; r++) for (const i of movingBlockIndices(n, L, rng)) counts[i]++;
  for (let i = 0; i < n; i++) {
    const avg = counts[i] / reps;
    assert.ok(Math.abs(avg - 1) < 0.1, `date ${i}: ${avg}`);
  }
});

Deno.test("movingBlockIndices / blockBootstrapCi: bad arguments are RangeErrors naming them", () => {
  const rng = createPrng(1);
  assert.throws(() => movingBlockIndices(0, 1, rng), /n must be an integer >= 1, got 0/);
  assert.throws(() => movingBlockIndices(10, 0, rng), /blockLength must be an integer >= 1, got 0/);
  assert.throws(() => movingBlockIndices(10, 11, rng), /blockLength must be <= n \(10\), got 11/);
  const s = () => 1;
  assert.throws(() => blockBootstrapCi(10, s, { blockLength: 2, resamples: 1, prng: rng }), /resamples/);
  assert.throws(() => blockBootstrapCi(10, s, { blockLength: 2, resamples: 10, prng: rng, level: 1 }), /level/);
  let calls = 0;
  const bad = () => (calls++ === 3 ? NaN : 1);
  assert.throws(
    () => blockBootstrapCi(10, bad, { blockLength: 2, resamples: 10, prng: rng }),
    /statistic on resample 2 must be finite, got NaN/,
  );
});

function ar1(n: number, phi: number, seed: number): Float64Array {
  const rng = createPrng(seed), x = new Float64Array(n);
  let v = 0;
  for (let i = 0; i < n; i++) x[i] = v = phi * v + rng.normal();
  return x;
}

/** The statistic "mean of `x` over the resampled rows". */
function resampledMean(x: Float64Array): (idx: Int32Array) => number {
  return (idx) => {
    let s = 0;
    for (const i of idx) s += x[i];
    return s / idx.length;
  };
}

Deno.test("blockBootstrapCi: i.i.d. mean with blocks of 1 matches the normal interval", () => {
  const x = ar1(2000, 0, 3);
  const mean = resampledMean(x);
  const ci = blockBootstrapCi(x.length, mean, { blockLength: 1, resamples: 2000, prng: createPrng(8) });
  assert.equal(ci.estimate, x.reduce((a, b) => a + b, 0) / x.length);
  const half = 1.96 / Math.sqrt(x.length);
  assert.ok(Math.abs((ci.hi - ci.lo) / 2 - half) / half < 0.1, `half-width ${(ci.hi - ci.lo) / 2} vs ${half}`);
  assert.equal(ci.resamples, 2000);
});

Deno.test("blockBootstrapCi: blocks widen the interval of a persistent series (AR(1), φ = 0.8)", () => {
  const x = ar1(3000, 0.8, 5);
  const mean = resampledMean(x);
  const iid = blockBootstrapCi(x.length, mean, { blockLength: 1, resamples: 800, prng: createPrng(1) });
  const blk = blockBootstrapCi(x.length, mean, { blockLength: 50, resamples: 800, prng: createPrng(1) });
  // long-run sd of an AR(1) mean is 1/(1−φ) = 5 times the innovation sd against sd(x) = 1/√(1−φ²) ≈ 1.67: ratio 3
  const ratio = (blk.hi - blk.lo) / (iid.hi - iid.lo);
  assert.ok(ratio > 2.2 && ratio < 3.6, `width ratio ${ratio}`);
});

Deno.test("blockBootstrapCi: paired — the same draws serve every quantity, a zero difference has a zero interval", () => {
  const x = ar1(500, 0.5, 2);
  const y = x.map((v) => v + 1);
  const seen: Int32Array[] = [];
  const diff = (idx: Int32Array) => {
    seen.push(idx);
    let s = 0;
    for (const i of idx) s += y[i] - x[i];
    return s / idx.length;
  };
  const ci = blockBootstrapCi(x.length, diff, { blockLength: 25, resamples: 50, prng: createPrng(3) });
  assert.ok(Math.abs(ci.lo - 1) < 1e-12 && Math.abs(ci.hi - 1) < 1e-12);
  assert.equal(seen.length, 51);
  assert.deepEqual(seen[0], Int32Array.from({ length: 500 }, (_, i) => i));
  // same seed → same interval
  const again = blockBootstrapCi(x.length, (idx) => idx.reduce((s, i) => s + x[i], 0), {
    blockLength: 25,
    resamples: 50,
    prng: createPrng(3),
  });
  const again2 = blockBootstrapCi(x.length, (idx) => idx.reduce((s, i) => s + x[i], 0), {
    blockLength: 25,
    resamples: 50,
    prng: createPrng(3),
  });
  assert.deepEqual(again, again2);
});
