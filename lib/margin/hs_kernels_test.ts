import assert from "node:assert/strict";
import { createPrng } from "../core/prng.ts";
import { hsKernels } from "./hs_kernels.ts";
import { quickselect } from "./var_es.ts";

Deno.test("select leaves the array exactly as var_es quickselect does (sizes 1–700, ties, ±0, every k region)", () => {
  const rng = createPrng(5);
  const k = hsKernels(1 << 16);
  const L = 8 * 1000, R = L + 4 * 800;
  for (let trial = 0; trial < 3000; trial++) {
    const n = 1 + rng.int(700), kind = trial % 5;
    const a = new Float64Array(n);
    for (let q = 0; q < n; q++) {
      a[q] = kind === 0
        ? rng.normal() * 100 - 20
        : kind === 1
        ? rng.int(5) - 2
        : kind === 2
        ? (rng.next() < 0.5 ? -0 : 0)
        : kind === 3
        ? q % 7 === 0 ? 1 : -q
        : q;
    }
    const kk = trial % 3 === 0 ? n - 1 - rng.int(Math.min(n, 30)) : rng.int(n);
    const mem = new Float64Array(k.memory.buffer);
    mem.set(a, 0);
    const got = k.select(0, n, kk, L, R);
    const want = quickselect(a, kk);
    assert.ok(Object.is(got, want), `trial ${trial}: ${got} vs ${want}`);
    for (let q = 0; q < n; q++) assert.ok(Object.is(mem[q], a[q]), `trial ${trial} (n ${n}, k ${kk}) a[${q}]`);
  }
});

Deno.test("accumulate is the scalar loss −Σ w·d per scenario, bit for bit, for two portfolios at once", () => {
  const rng = createPrng(6);
  const I = 7, S = 37, Sp = 40;
  const k = hsKernels(1 << 16);
  const mem = new Float64Array(k.memory.buffer);
  const w = Float64Array.from({ length: 2 * I }, (_, q) => (q % 3 === 0 ? 0 : rng.normal() * 10));
  const d = Float64Array.from({ length: I * Sp }, () => rng.normal() * 1000);
  mem.set(w, 0);
  mem.set(d, 2 * I);
  const b0 = 2 * I + I * Sp, b1 = b0 + Sp;
  k.accumulate(0, 8 * I, 8 * 2 * I, I, Sp, 8 * b0, 8 * b1);
  for (let p = 0; p < 2; p++) {
    for (let s = 0; s < S; s++) {
      let x = 0;
      for (let i = 0; i < I; i++) x -= w[p * I + i] * d[i * Sp + s];
      assert.ok(Object.is(mem[(p === 0 ? b0 : b1) + s], x), `p ${p} s ${s}`);
    }
  }
});

Deno.test("hsKernels: bad size is named", () => {
  assert.throws(() => hsKernels(0), /hsKernels: bytes must be a positive integer, got 0/);
});
