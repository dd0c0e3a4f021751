// hsVarEsBatch against the scalar engine it replaced (kept here as the private reference, run in the same process),
// with the two halves of the work apart. Issue 17's target: 10,000 portfolios × 2,500 scenarios × 20 instruments
// ≤ 0.30 s (numpy: matmul + partition on one BLAS thread, `tasks/bench/hs_numpy.py`, ≈ 0.25 s on the project's
// machine). Run: deno bench --frozen --allow-read=. lib/margin/hs_bench.ts
import { createPrng } from "../core/prng.ts";
import { hsVarEsBatch } from "./hs.ts";
import { createMatrix, type Matrix } from "./matrix.ts";
import { quickselect, quickselectWasm, tailIndex } from "./var_es.ts";

const P = 10_000, I = 20, S = 2_500;
const rng = createPrng(2024);
const positions = createMatrix(P, I);
for (let k = 0; k < P * I; k++) positions.data[k] = Math.round(rng.normal() * 10);
const instrumentPnl = createMatrix(I, S);
for (let k = 0; k < I * S; k++) instrumentPnl.data[k] = rng.normal() * 1000;

/** The scalar engine before issue 17 (its code as it was): row-by-row accumulation, then a full quickselect. */
function scalarReference(positions: Matrix, instrumentPnl: Matrix, confidence: number): Float64Array {
  const S = instrumentPnl.cols, I = positions.cols, P = positions.rows;
  const W = positions.data, D = instrumentPnl.data;
  const v = new Float64Array(P), e = new Float64Array(P);
  const buf = new Float64Array(S), out = new Float64Array(2);
  for (let p = 0; p < P; p++) {
    buf.fill(0);
    const wo = p * I;
    for (let i = 0; i < I; i++) {
      const w = W[wo + i];
      if (w === 0) continue;
      const o = i * S;
      for (let s = 0; s < S; s++) buf[s] -= w * D[o + s];
    }
    // varEsOfLossesInPlace as it was (JavaScript quickselect)
    const { k, weight, denom } = tailIndex(S, confidence);
    const q = quickselect(buf, k - 1);
    let t = 0;
    for (let j = k; j < S; j++) t += buf[j];
    out[0] = q;
    out[1] = (t + weight * q) / denom;
    v[p] = out[0];
    e[p] = out[1];
  }
  return v;
}

/** Its accumulation alone. */
function scalarAccumulation(positions: Matrix, instrumentPnl: Matrix): number {
  const S = instrumentPnl.cols, I = positions.cols, P = positions.rows;
  const W = positions.data, D = instrumentPnl.data;
  const buf = new Float64Array(S);
  let h = 0;
  for (let p = 0; p < P; p++) {
    buf.fill(0);
    const wo = p * I;
    for (let i = 0; i < I; i++) {
      const w = W[wo + i];
      if (w === 0) continue;
      const o = i * S;
      for (let s = 0; s < S; s++) buf[s] -= w * D[o + s];
    }
    h += buf[p % S];
  }
  return h;
}

// the selection alone, on the loss rows of the first 1,000 portfolios (each used ten times)
const ROWS = 1_000;
const losses = new Float64Array(ROWS * S);
{
  const W = positions.data, D = instrumentPnl.data;
  for (let p = 0; p < ROWS; p++) {
    for (let i = 0; i < I; i++) {
      const w = W[p * I + i];
      for (let s = 0; s < S; s++) losses[p * S + s] -= w * D[i * S + s];
    }
  }
}
const row = new Float64Array(S);

Deno.bench({
  name: "hsVarEsBatch 10k portfolios × 2.5k scenarios × 20 instruments (VaR+ES 99%)",
  group: "hs",
  baseline: true,
  n: 5,
  warmup: 1,
  fn() {
    hsVarEsBatch(positions, instrumentPnl, 0.99);
  },
});

Deno.bench({
  name: "scalar reference (before issue 17): accumulation + quickselect",
  group: "hs",
  n: 3,
  warmup: 1,
  fn() {
    scalarReference(positions, instrumentPnl, 0.99);
  },
});

Deno.bench({
  name: "scalar reference: accumulation alone",
  group: "hs parts",
  n: 3,
  warmup: 1,
  fn() {
    scalarAccumulation(positions, instrumentPnl);
  },
});

Deno.bench({
  name: "scalar reference: quickselect alone (10k rows of 2,500 losses)",
  group: "hs parts",
  n: 3,
  warmup: 1,
  fn() {
    for (let p = 0; p < P; p++) {
      const r = p % ROWS;
      row.set(losses.subarray(r * S, (r + 1) * S));
      quickselect(row, 2474);
    }
  },
});

Deno.bench({
  name: "quickselectWasm alone (10k rows of 2,500 losses, copied in and out)",
  group: "hs parts",
  n: 3,
  warmup: 1,
  fn() {
    for (let p = 0; p < P; p++) {
      const r = p % ROWS;
      row.set(losses.subarray(r * S, (r + 1) * S));
      quickselectWasm(row, 2474);
    }
  },
});
