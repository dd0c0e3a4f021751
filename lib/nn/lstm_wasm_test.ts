import assert from "node:assert/strict";
import { LstmWasm } from "./lstm_wasm.ts";
import { createPrng } from "../core/prng.ts";

const rand = (n: number, seed: number) => {
  const rng = createPrng(seed);
  return Float32Array.from({ length: n }, () => 2 * rng.next() - 1);
};

/** float64 LSTM forward of one row (the plain formula). */
function reference(
  x: Float32Array,
  L: number,
  d: number,
  u: number,
  w: Float32Array,
  uk: Float32Array,
  bias: Float32Array,
) {
  const G = 4 * u, sig = (z: number) => 1 / (1 + Math.exp(-z));
  let h = new Float64Array(u);
  const c = new Float64Array(u);
  for (let t = 0; t < L; t++) {
    const z = Float64Array.from(bias);
    for (let g = 0; g < G; g++) {
      for (let p = 0; p < d; p++) z[g] += x[t * d + p] * w[p * G + g];
      for (let p = 0; p < u; p++) z[g] += h[p] * uk[p * G + g];
    }
    const next = new Float64Array(u);
    for (let j = 0; j < u; j++) {
      c[j] = sig(z[u + j]) * c[j] + sig(z[j]) * Math.tanh(z[2 * u + j]);
      next[j] = sig(z[3 * u + j]) * Math.tanh(c[j]);
    }
    h = next;
  }
  return h;
}

Deno.test("LstmWasm.forward: last state within 1e-6 of a float64 LSTM (vector lanes, scalar tail, b odd)", () => {
  for (const [b, L, d, u] of [[3, 5, 2, 8], [5, 4, 3, 6], [1, 3, 1, 1]]) {
    const x = rand(b * L * d, 1), w = rand(d * 4 * u, 2), uk = rand(u * 4 * u, 3).map((v) => 0.5 * v);
    const bias = rand(4 * u, 4);
    const hL = new LstmWasm().forward(x, { b, L, d, units: u }, w, uk, bias);
    for (let i = 0; i < b; i++) {
      const want = reference(x.subarray(i * L * d, (i + 1) * L * d), L, d, u, w, uk, bias);
      for (let j = 0; j < u; j++) assert.ok(Math.abs(hL[i * u + j] - want[j]) < 1e-6, `row ${i} unit ${j}`);
    }
  }
});

Deno.test("LstmWasm: backward writes into the given arrays; errors name the problem", () => {
  const k = new LstmWasm(), shape = { b: 2, L: 3, d: 2, units: 4 };
  assert.throws(() => k.backward(new Float32Array(8), false), /no forward pass/);
  assert.throws(
    () => k.forward(new Float32Array(5), shape, new Float32Array(32), new Float32Array(64), new Float32Array(16)),
    /x \[5\]/,
  );
  k.forward(rand(12, 5), shape, rand(32, 6), rand(64, 7), rand(16, 8));
  const out = { dw: new Float32Array(32), du: new Float32Array(64), db: new Float32Array(16) };
  const g = k.backward(rand(8, 9), false, out);
  assert.equal(g.dw, out.dw);
  assert.equal(g.dx, undefined);
  assert.ok(out.db.some((v) => v !== 0));
});
