import assert from "node:assert/strict";
import fc from "fast-check";
import { createPrng, type Prng } from "../core/prng.ts";
import { kernelShap } from "./kernel_shap.ts";
import type { PredictFn } from "./predict_fn.ts";
import { linearPredictFn } from "../testing/linear_predict_fn.ts";

/** Nonlinear model with interactions; ignores every feature with index ≥ 4 except 5. */
const nonlinear: PredictFn = (x, n, d) => {
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const c = (j: number) => (j < d ? x[i * d + j] : 0);
    y[i] = c(0) * c(1) + Math.sin(c(2)) + Math.max(0, c(3)) * c(0) + 0.5 * c(5) ** 2;
  }
  return y;
};

function randomMatrix(rng: Prng, n: number, d: number): Float64Array {
  const x = new Float64Array(n * d);
  for (let i = 0; i < x.length; i++) x[i] = rng.normal();
  return x;
}

function expectedLinearPhi(w: Float64Array, x: Float64Array, bg: Float64Array, n: number, d: number): Float64Array {
  const k = bg.length / d;
  const mean = new Float64Array(d);
  for (let b = 0; b < k; b++) for (let j = 0; j < d; j++) mean[j] += bg[b * d + j] / k;
  const phi = new Float64Array(n * d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) phi[i * d + j] = w[j] * (x[i * d + j] - mean[j]);
  return phi;
}

function maxAbsDiff(a: Float64Array, b: Float64Array): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

Deno.test("kernelShap: linear model, exact enumeration recovers w_i (x_i − E x_i)", async () => {
  const rng = createPrng(1);
  const d = 6, n = 4, k = 7;
  const w = Float64Array.from({ length: d }, () => rng.normal());
  const x = randomMatrix(rng, n, d), bg = randomMatrix(rng, k, d);
  const r = await kernelShap(linearPredictFn(w, 0.3), x, n, d, bg, { prng: createPrng(2) });
  assert.equal(r.exact, true);
  assert.equal(r.nCoalitions[0], 2 ** d - 2);
  assert.ok(maxAbsDiff(r.values, expectedLinearPhi(w, x, bg, n, d)) < 1e-12);
});

Deno.test("kernelShap: linear model with sampled coalitions (d = 16) recovers the same values", async () => {
  const rng = createPrng(3);
  const d = 16, n = 3, k = 5;
  const w = Float64Array.from({ length: d }, () => rng.normal());
  const x = randomMatrix(rng, n, d), bg = randomMatrix(rng, k, d);
  const r = await kernelShap(linearPredictFn(w, -1), x, n, d, bg, { prng: createPrng(4), nSamples: 400 });
  assert.equal(r.exact, false);
  assert.ok(r.nCoalitions[0] > d && r.nCoalitions[0] <= 400);
  assert.ok(maxAbsDiff(r.values, expectedLinearPhi(w, x, bg, n, d)) < 1e-9);
});

Deno.test("kernelShap: efficiency Σφ = f(x) − E f(background) to 1e-9 (exact and sampled)", async () => {
  await fc.assert(
    fc.asyncProperty(fc.integer({ min: 0, max: 1e9 }), fc.integer({ min: 1, max: 14 }), async (seed, d) => {
      const rng = createPrng(seed);
      const n = 2, k = 1 + rng.int(5);
      const x = randomMatrix(rng, n, d), bg = randomMatrix(rng, k, d);
      const r = await kernelShap(nonlinear, x, n, d, bg, { prng: rng.fork(), nSamples: 200, exactMaxFeatures: 8 });
      const fx = nonlinear(x, n, d) as Float64Array;
      for (let i = 0; i < n; i++) {
        let s = 0;
        for (let j = 0; j < d; j++) s += r.values[i * d + j];
        assert.ok(Math.abs(s - (fx[i] - r.baseValue)) < 1e-9, `d=${d} Σφ=${s} Δ=${fx[i] - r.baseValue}`);
      }
    }),
    { numRuns: 40 },
  );
});

Deno.test("kernelShap: symmetry, dummy feature and agreement of sampling with exact values", async () => {
  const rng = createPrng(5);
  const d = 8, k = 6;
  const bg = randomMatrix(rng, k, d);
  for (let b = 0; b < k; b++) bg[b * d + 1] = bg[b * d]; // features 0 and 1 identical in the background
  const x = randomMatrix(rng, 1, d);
  x[1] = x[0];
  // f symmetric in x0, x1 and ignoring features 4, 6, 7.
  const f: PredictFn = (z, n, dd) => {
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const r = i * dd;
      y[i] = z[r] * z[r + 1] + Math.exp(0.3 * (z[r] + z[r + 1])) + Math.sin(z[r + 2]) * z[r + 3] + z[r + 5];
    }
    return y;
  };
  const ex = await kernelShap(f, x, 1, d, bg, { prng: createPrng(1) });
  assert.equal(ex.exact, true);
  assert.ok(Math.abs(ex.values[0] - ex.values[1]) < 1e-12, `${ex.values[0]} vs ${ex.values[1]}`);
  for (const j of [4, 6, 7]) assert.ok(Math.abs(ex.values[j]) < 1e-12, `φ${j} = ${ex.values[j]}`);

  const sampled = await kernelShap(f, x, 1, d, bg, { prng: createPrng(9), exactMaxFeatures: 0, nSamples: 200 });
  assert.equal(sampled.exact, false);
  let scale = 0;
  for (let j = 0; j < d; j++) scale = Math.max(scale, Math.abs(ex.values[j]));
  assert.ok(maxAbsDiff(sampled.values, ex.values) < 0.05 * scale, `${sampled.values} vs ${ex.values}`);
});

Deno.test("kernelShap: sampling approximates exact values for d = 13 and is deterministic under the seed", async () => {
  const rng = createPrng(8);
  const d = 13, k = 4;
  const x = randomMatrix(rng, 1, d), bg = randomMatrix(rng, k, d);
  const exact = await kernelShap(nonlinear, x, 1, d, bg, { prng: createPrng(0), exactMaxFeatures: 13 });
  assert.equal(exact.exact, true);
  const opts = { exactMaxFeatures: 12, nSamples: 1500 };
  const a = await kernelShap(nonlinear, x, 1, d, bg, { ...opts, prng: createPrng(21) });
  const b = await kernelShap(nonlinear, x, 1, d, bg, { ...opts, prng: createPrng(21) });
  const c = await kernelShap(nonlinear, x, 1, d, bg, { ...opts, prng: createPrng(22) });
  assert.equal(a.exact, false);
  assert.deepEqual(a.values, b.values);
  assert.notDeepEqual(a.values, c.values);
  let scale = 0;
  for (let j = 0; j < d; j++) scale = Math.max(scale, Math.abs(exact.values[j]));
  assert.ok(maxAbsDiff(a.values, exact.values) < 0.05 * scale, `${a.values} vs ${exact.values}`);
});

Deno.test("kernelShap: async predict and chunked batches give identical results", async () => {
  const rng = createPrng(6);
  const d = 5, n = 2, k = 9;
  const x = randomMatrix(rng, n, d), bg = randomMatrix(rng, k, d);
  let calls = 0;
  const asyncF: PredictFn = (z, m, dd) => {
    calls++;
    return Promise.resolve(nonlinear(z, m, dd) as Float64Array);
  };
  const one = await kernelShap(nonlinear, x, n, d, bg, { prng: createPrng(1) });
  const chunked = await kernelShap(asyncF, x, n, d, bg, { prng: createPrng(1), maxBatchRows: 50 });
  assert.deepEqual(one.values, chunked.values);
  assert.ok(calls > 2 + n);
});

Deno.test("kernelShap: bad input throws naming the argument and value", async () => {
  const f = linearPredictFn(Float64Array.of(1, 2), 0);
  const ok = { prng: createPrng(1) };
  await assert.rejects(() => kernelShap(f, new Float64Array(3), 2, 2, new Float64Array(2), ok), /x has length 3/);
  await assert.rejects(
    () => kernelShap(f, Float64Array.of(1, NaN), 1, 2, new Float64Array(2), ok),
    /x row 0 column 1 is NaN/,
  );
  await assert.rejects(
    () => kernelShap(f, Float64Array.of(1, 2), 1, 2, new Float64Array(0), ok),
    /background is empty/,
  );
  await assert.rejects(
    () => kernelShap(f, Float64Array.of(1, 2), 1, 2, new Float64Array(3), ok),
    /not a multiple of d = 2/,
  );
  await assert.rejects(
    () => kernelShap(f, Float64Array.of(1, 2), 1, 2, Float64Array.of(0, Infinity), ok),
    /background row 0 column 1 is Infinity/,
  );
  await assert.rejects(() => kernelShap(f, [1, 2] as never, 1, 2, new Float64Array(2), ok), TypeError);
  await assert.rejects(
    () => kernelShap(f, Float64Array.of(1, 2), 1, 2, new Float64Array(2), {} as never),
    /options.prng/,
  );
  await assert.rejects(
    () => kernelShap(f, Float64Array.of(1, 2), 1, 2, new Float64Array(2), { ...ok, nSamples: 0.5 }),
    /options.nSamples must be an integer >= 2, got 0.5/,
  );
  await assert.rejects(
    () =>
      kernelShap(linearPredictFn(new Float64Array(16), 0), new Float64Array(16), 1, 16, new Float64Array(16), {
        ...ok,
        nSamples: 4,
      }),
    /coalition design is singular.*increase nSamples/,
  );
  const bad: PredictFn = () => new Float64Array(1);
  await assert.rejects(
    () => kernelShap(bad, Float64Array.of(1, 2, 3, 4), 2, 2, new Float64Array(2), ok),
    /returned 1 values for 2/,
  );
});

Deno.test("kernelShap: exact mode equals brute-force Shapley values of the interventional value function", async () => {
  const rng = createPrng(12);
  const d = 5, k = 3;
  const x = randomMatrix(rng, 1, d), bg = randomMatrix(rng, k, d);
  const r = await kernelShap(nonlinear, x, 1, d, bg, { prng: createPrng(0) });
  const v = new Float64Array(2 ** d);
  for (let mask = 0; mask < 2 ** d; mask++) {
    const rows = new Float64Array(k * d);
    for (let b = 0; b < k; b++) {
      for (let j = 0; j < d; j++) rows[b * d + j] = (mask >> j) & 1 ? x[j] : bg[b * d + j];
    }
    const y = nonlinear(rows, k, d) as Float64Array;
    v[mask] = y.reduce((a, c) => a + c, 0) / k;
  }
  const fact = [1, 1, 2, 6, 24, 120];
  for (let i = 0; i < d; i++) {
    let phi = 0;
    for (let mask = 0; mask < 2 ** d; mask++) {
      if ((mask >> i) & 1) continue;
      let s = 0;
      for (let j = 0; j < d; j++) s += (mask >> j) & 1;
      phi += (fact[s] * fact[d - s - 1] / fact[d]) * (v[mask | (1 << i)] - v[mask]);
    }
    assert.ok(Math.abs(r.values[i] - phi) < 1e-10, `φ${i}: ${r.values[i]} vs ${phi}`);
  }
});
