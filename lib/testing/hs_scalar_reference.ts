// Test and bench helper (not exported from mod.ts): the scalar historical-simulation engine that `hsVarEsBatch`
// replaced in issue 17, kept as the bitwise reference of `lib/margin/hs_test.ts` and the baseline of
// `lib/margin/hs_bench.ts`.
import type { HsResult } from "../margin/hs.ts";
import type { Matrix } from "../margin/matrix.ts";
import { quickselect, tailIndex } from "../margin/var_es.ts";

/**
 * The losses of portfolio `p` over every scenario into `buf` (length `instrumentPnl.cols`), as the scalar engine
 * computed them: `buf[s] = −Σ_i w_i·D[i·S + s]`, from +0, instruments in order, zero weights skipped.
 */
export function scalarLosses(positions: Matrix, instrumentPnl: Matrix, p: number, buf: Float64Array): void {
  const S = instrumentPnl.cols, I = positions.cols;
  const W = positions.data, D = instrumentPnl.data;
  buf.fill(0);
  for (let i = 0; i < I; i++) {
    const w = W[p * I + i];
    if (w === 0) continue;
    for (let s = 0; s < S; s++) buf[s] -= w * D[i * S + s];
  }
}

/** `varEsOfLossesInPlace` as it was: the JavaScript quickselect, then the tail summed in the order it leaves. */
export function jsVarEs(losses: Float64Array, tau: number, out: Float64Array): void {
  const n = losses.length;
  const { k, weight, denom } = tailIndex(n, tau);
  const q = quickselect(losses, k - 1);
  let s = 0;
  for (let i = k; i < n; i++) s += losses[i];
  out[0] = q;
  out[1] = (s + weight * q) / denom;
}

/** The scalar engine `hsVarEsBatch` replaced (row by row, then the JavaScript VaR/ES): the bitwise reference. */
export function hsVarEsBatchReference(positions: Matrix, instrumentPnl: Matrix, tau: number): HsResult {
  const P = positions.rows;
  const v = new Float64Array(P), e = new Float64Array(P);
  const buf = new Float64Array(instrumentPnl.cols), out = new Float64Array(2);
  for (let p = 0; p < P; p++) {
    scalarLosses(positions, instrumentPnl, p, buf);
    jsVarEs(buf, tau, out);
    v[p] = out[0];
    e[p] = out[1];
  }
  return { var: v, es: e };
}
