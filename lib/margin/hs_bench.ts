// hsVarEsBatch against the scalar engine it replaced (lib/testing/hs_scalar_reference.ts, run in the same process),
// with the two halves of the work apart. Issue 17's target: 10,000 portfolios × 2,500 scenarios × 20 instruments
// ≤ 0.30 s (numpy: matmul + partition on one BLAS thread, `tasks/bench/hs_numpy.py`, ≈ 0.25 s on the project's
// machine). Run: deno bench --frozen --allow-read=. lib/margin/hs_bench.ts
import { createPrng } from "../core/prng.ts";
import { hsVarEsBatch } from "./hs.ts";
import { createMatrix, type Matrix } from "./matrix.ts";
import { quickselect, quickselectWasm } from "./var_es.ts";
import { hsVarEsBatchReference, scalarLosses } from "../testing/hs_scalar_reference.ts";

const P = 10_000, I = 20, S = 2_500;
const rng = createPrng(2024);
const positions = createMatrix(P, I);
for (let k = 0; k < P * I; k++) positions.data[k] = Math.round(rng.normal() * 10);
const instrumentPnl = createMatrix(I, S);
for (let k = 0; k < I * S; k++) instrumentPnl.data[k] = rng.normal() * 1000;

/** The scalar engine's accumulation alone. */
function scalarAccumulation(positions: Matrix, instrumentPnl: Matrix): number {
  const S = instrumentPnl.cols;
  const buf = new Float64Array(S);
  let h = 0;
  for (let p = 0; p < positions.rows; p++) {
    scalarLosses(positions, instrumentPnl, p, buf);
    h += buf[p % S];
  }
  return h;
}

// the selection alone, on the loss rows of the first 1,000 portfolios (each used ten times)
const ROWS = 1_000;
const losses = new Float64Array(ROWS * S);
for (let p = 0; p < ROWS; p++) scalarLosses(positions, instrumentPnl, p, losses.subarray(p * S, (p + 1) * S));
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
    hsVarEsBatchReference(positions, instrumentPnl, 0.99);
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

/** Select the 2,475th smallest of each of 10k rows (the first 1,000 loss rows, each used ten times). */
const selectRows = (select: (row: Float64Array, k: number) => number) => () => {
  for (let p = 0; p < P; p++) {
    const r = p % ROWS;
    row.set(losses.subarray(r * S, (r + 1) * S));
    select(row, 2474);
  }
};

Deno.bench({
  name: "scalar reference: quickselect alone (10k rows of 2,500 losses)",
  group: "hs parts",
  n: 3,
  warmup: 1,
  fn: selectRows(quickselect),
});

Deno.bench({
  name: "quickselectWasm alone (10k rows of 2,500 losses, copied in and out)",
  group: "hs parts",
  n: 3,
  warmup: 1,
  fn: selectRows(quickselectWasm),
});
