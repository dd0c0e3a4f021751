import assert from "node:assert/strict";
import { createPrng } from "../core/prng.ts";
import { createKernels, DENSE_ACCUMULATE, DENSE_RELU } from "./wasm_kernels.ts";

const close = (a: number, b: number, what: string) =>
  assert.ok(Math.abs(a - b) <= 1e-5 * (1 + Math.abs(b)), `${what}: ${a} vs ${b}`);

Deno.test("dense: every width (16-, 4- and 1-wide passes), strides, ReLU and accumulate match a float64 reference", () => {
  const rng = createPrng(11);
  const k = createKernels(1 << 16);
  const F = k.f32;
  for (const [rows, n, m] of [[1, 1, 1], [3, 7, 5], [11, 32, 96], [21, 59, 32], [2, 64, 1], [5, 3, 21], [4, 8, 37]]) {
    for (const flags of [0, DENSE_RELU, DENSE_ACCUMULATE, DENSE_RELU | DENSE_ACCUMULATE]) {
      const xs = n + 3, ws = m + 2, ys = m + 5;
      const x = 0, w = 4000, b = 12000, y = 13000;
      for (let i = 0; i < rows * xs; i++) F[x + i] = rng.normal();
      for (let i = 0; i < n * ws; i++) F[w + i] = rng.normal();
      for (let i = 0; i < m; i++) F[b + i] = rng.normal();
      for (let i = 0; i < rows * ys; i++) F[y + i] = rng.normal();
      const before = F.slice(y, y + rows * ys);
      k.dense(x, rows, n, xs, w, ws, b, m, y, ys, flags);
      for (let t = 0; t < rows; t++) {
        for (let j = 0; j < ys; j++) {
          if (j >= m) {
            assert.equal(F[y + t * ys + j], before[t * ys + j], "outside the output columns");
            continue;
          }
          let s = F[b + j] + (flags & DENSE_ACCUMULATE ? before[t * ys + j] : 0);
          for (let i = 0; i < n; i++) s += F[x + t * xs + i] * F[w + i * ws + j];
          if (flags & DENSE_RELU) s = Math.max(0, s);
          close(F[y + t * ys + j], s, `rows ${rows} n ${n} m ${m} flags ${flags} [${t}, ${j}]`);
        }
      }
    }
  }
});

Deno.test("softmax: within float32 rounding of a float64 softmax; rows of every length; extreme and equal scores", () => {
  const rng = createPrng(13);
  const k = createKernels(4096);
  const F = k.f32;
  for (const [rows, cols, scale] of [[1, 1, 1], [3, 5, 0.5], [21, 21, 0.35], [4, 8, 1], [2, 13, 40]]) {
    const xs = cols + 2;
    for (let i = 0; i < rows * xs; i++) F[i] = 3 * rng.normal();
    const x = F.slice(0, rows * xs);
    k.softmax(0, rows, cols, xs, scale);
    for (let t = 0; t < rows; t++) {
      const row = Array.from(x.subarray(t * xs, t * xs + cols), (v) => v * scale);
      const mx = Math.max(...row), den = row.reduce((a, v) => a + Math.exp(v - mx), 0);
      for (let j = 0; j < xs; j++) {
        const got = F[t * xs + j];
        if (j >= cols) assert.equal(got, x[t * xs + j], "outside the row");
        else {
          const want = Math.exp(row[j] - mx) / den;
          // float32 rounding of the scaled scores moves the exponent by up to ~1.2e-7·|score| (as in tfjs)
          const tol = want * (3e-7 + 2.4e-7 * (Math.abs(row[j]) + Math.abs(mx))) + 1e-30;
          assert.ok(Math.abs(got - want) <= tol, `[${t}, ${j}] ${got} vs ${want}`);
        }
      }
    }
  }
  F.set([0, 0, 0, 0, 0, -200, 1e4, 1e4 - 1], 0);
  k.softmax(0, 1, 5, 5, 1);
  k.softmax(5, 1, 3, 3, 1);
  assert.deepEqual(Array.from(F.subarray(0, 5)), [0.2, 0.2, 0.2, 0.2, 0.2].map(Math.fround));
  assert.ok(F[5] >= 0 && F[5] < 2e-38, `e^-200 clamps to e^-87: ${F[5]}`);
  assert.ok(Math.abs(F[6] - 1 / (1 + Math.exp(-1))) < 1e-7 && Math.abs(F[6] + F[7] - 1) < 1e-7);
});

Deno.test("layerNorm and transpose match a float64 reference", () => {
  const rng = createPrng(12);
  const k = createKernels(4096);
  const F = k.f32;
  for (const [rows, d] of [[1, 1], [3, 5], [21, 32]]) {
    const xs = d + 1, ys = d + 2, x = 0, g = 1000, b = 1100, y = 1200;
    for (let i = 0; i < rows * xs; i++) F[x + i] = 3 + 2 * rng.normal();
    for (let i = 0; i < d; i++) {
      F[g + i] = rng.normal();
      F[b + i] = rng.normal();
    }
    k.layerNorm(x, rows, d, xs, g, b, y, ys);
    for (let t = 0; t < rows; t++) {
      let mu = 0, v = 0;
      for (let j = 0; j < d; j++) mu += F[x + t * xs + j] / d;
      for (let j = 0; j < d; j++) v += (F[x + t * xs + j] - mu) ** 2 / d;
      for (let j = 0; j < d; j++) {
        close(F[y + t * ys + j], ((F[x + t * xs + j] - mu) / Math.sqrt(v + 1e-5)) * F[g + j] + F[b + j], "layerNorm");
      }
    }
    k.transpose(x, rows, d, xs, 2000, rows + 1);
    for (let t = 0; t < rows; t++) {
      for (let j = 0; j < d; j++) assert.equal(F[2000 + j * (rows + 1) + t], F[x + t * xs + j]);
    }
  }
  assert.throws(() => createKernels(0), /floats must be a positive integer, got 0/);
});
