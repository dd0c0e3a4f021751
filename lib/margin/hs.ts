/**
 * Historical-simulation VaR and ES on a scenario P&L matrix
 * (rows = portfolios, columns = scenarios), and the batch engine that forms
 * that matrix from positions × per-instrument scenario P&L without storing it.
 *
 * See `var_es.ts` for the exact VaR/ES definitions (losses positive).
 *
 * @example
 * ```ts
 * import { hsVarEs } from "./hs.ts";
 * import { createMatrix } from "./matrix.ts";
 * const pnl = createMatrix(1, 4, [-4, -3, -2, -1]);
 * const r = hsVarEs(pnl, 0.5); // r.var[0] = 2, r.es[0] = 3.5
 * ```
 * @module
 */
import { checkMatrix, type Matrix } from "./matrix.ts";
import { checkConfidence, checkFiniteArray } from "../core/check.ts";
import { tailIndex, varEsOfLossesInPlace } from "./var_es.ts";
import { hsKernels } from "./hs_kernels.ts";

/** Per-portfolio VaR and ES (losses, positive = loss). */
export interface HsResult {
  var: Float64Array;
  es: Float64Array;
}

/**
 * HS VaR and ES of every row of a scenario P&L matrix (portfolios × scenarios).
 *
 * @throws {RangeError} on zero scenarios (empty lookback), non-finite P&L, tau outside (0, 1)
 * @example
 * ```ts
 * import { createMatrix } from "./matrix.ts";
 * hsVarEs(createMatrix(2, 2, [1, -1, -5, 2]), 0.5).var; // [-1, -2]
 * ```
 */
export function hsVarEs(pnl: Matrix, tau: number): HsResult {
  const fn = "hsVarEs";
  checkConfidence(fn, tau, "tau");
  checkMatrix(fn, "pnl", pnl);
  if (pnl.cols === 0) throw new RangeError(`${fn}: pnl has 0 scenario columns (empty lookback)`);
  const { rows, cols, data } = pnl;
  const v = new Float64Array(rows), e = new Float64Array(rows);
  const buf = new Float64Array(cols), out = new Float64Array(2);
  for (let r = 0; r < rows; r++) {
    const o = r * cols;
    for (let s = 0; s < cols; s++) buf[s] = -data[o + s];
    varEsOfLossesInPlace(buf, tau, out);
    v[r] = out[0];
    e[r] = out[1];
  }
  return { var: v, es: e };
}

/** Portfolios whose weights are copied into the kernels' memory at a time. */
const CHUNK = 1024;

/**
 * HS VaR and ES for many portfolios at once: portfolio P&L = positions ×
 * instrument scenario P&L, formed two portfolios at a time (no P × S matrix is
 * ever stored), followed by a quickselect — both in WebAssembly (`hs_kernels.ts`),
 * bit for bit what the scalar loop `loss[s] −= w_i·pnl[i][s]` (instruments in
 * order, zero weights skipped) and `varEsOfLossesInPlace` of `var_es.ts` give.
 *
 * @param positions `P × I` matrix of quantities (portfolio × instrument)
 * @param instrumentPnl `I × S` matrix: P&L of one unit of each instrument in each scenario
 * @throws {RangeError} on mismatched dimensions (`positions.cols ≠ instrumentPnl.rows`), zero scenarios,
 *   non-finite values, tau outside (0, 1)
 * @example
 * ```ts
 * import { createMatrix } from "./matrix.ts";
 * const pos = createMatrix(1, 2, [1, -1]);
 * const ipnl = createMatrix(2, 3, [1, 2, 3, 0, 0, 5]);
 * hsVarEsBatch(pos, ipnl, 0.5).var[0]; // P&L [1, 2, −2] → VaR 50% = −1
 * ```
 */
export function hsVarEsBatch(positions: Matrix, instrumentPnl: Matrix, tau: number): HsResult {
  const fn = "hsVarEsBatch";
  checkConfidence(fn, tau, "tau");
  checkMatrix(fn, "positions", positions);
  checkMatrix(fn, "instrumentPnl", instrumentPnl);
  if (positions.cols !== instrumentPnl.rows) {
    throw new RangeError(
      `${fn}: positions.cols (${positions.cols} instruments) must equal instrumentPnl.rows, got ${instrumentPnl.rows}`,
    );
  }
  const S = instrumentPnl.cols, I = positions.cols, P = positions.rows;
  if (S === 0) throw new RangeError(`${fn}: instrumentPnl has 0 scenario columns (empty lookback)`);
  const v = new Float64Array(P), e = new Float64Array(P);
  if (P === 0) return { var: v, es: e };
  const { k, weight, denom } = tailIndex(S, tau);
  // memory (in doubles): D padded to Sp columns | weights of a chunk | two loss rows | L, R (int32)
  const Sp = Math.max(8, Math.ceil(S / 8) * 8), chunk = Math.min(P, CHUNK);
  const dAt = 0, wAt = I * Sp, b0At = wAt + chunk * I, b1At = b0At + Sp, lAt = b1At + Sp, rAt = lAt + Sp / 2 + 1;
  const kern = hsKernels((rAt + Sp / 2 + 1) * 8);
  const mem = new Float64Array(kern.memory.buffer);
  const D = instrumentPnl.data, W = positions.data;
  for (let i = 0; i < I; i++) {
    mem.set(D.subarray(i * S, (i + 1) * S), dAt + i * Sp);
    mem.fill(0, dAt + i * Sp + S, dAt + (i + 1) * Sp);
  }
  const tail = (at: number, p: number): void => {
    const q = kern.select(at * 8, S, k - 1, lAt * 8, rAt * 8);
    let s = 0;
    for (let i = at + k, end = at + S; i < end; i++) s += mem[i];
    v[p] = q;
    e[p] = (s + weight * q) / denom;
  };
  for (let c0 = 0; c0 < P; c0 += chunk) {
    const c1 = Math.min(P, c0 + chunk);
    mem.set(W.subarray(c0 * I, c1 * I), wAt);
    for (let p = c0; p < c1; p += 2) {
      const two = p + 1 < c1;
      const w0 = (wAt + (p - c0) * I) * 8;
      kern.accumulate(w0, two ? w0 + I * 8 : w0, dAt * 8, I, Sp, b0At * 8, b1At * 8);
      tail(b0At, p);
      if (two) tail(b1At, p + 1);
    }
  }
  return { var: v, es: e };
}

/** Options of {@link hsMargin}. */
export interface HsMarginOptions {
  /** Quantile level τ in (0, 1). Default 0.99. */
  tau?: number;
  /** Risk measure: `"es"` (default) or `"var"`. */
  measure?: "var" | "es";
}

/**
 * HS margin of one P&L vector: `max(0, VaR or ES)`. Non-negative and positively homogeneous.
 *
 * @throws {RangeError} on an empty vector, non-finite P&L, tau outside (0, 1), unknown measure
 * @example
 * ```ts
 * hsMargin(new Float64Array([-10, 1, 2, 3]), { tau: 0.75, measure: "es" }); // 10
 * ```
 */
export function hsMargin(pnl: ArrayLike<number>, opts: HsMarginOptions = {}): number {
  const fn = "hsMargin";
  const tau = opts.tau ?? 0.99;
  const measure = opts.measure ?? "es";
  checkConfidence(fn, tau, "tau");
  if (measure !== "var" && measure !== "es") {
    throw new RangeError(`${fn}: measure must be "var" or "es", got ${String(measure)}`);
  }
  checkFiniteArray(fn, "pnl", pnl);
  if (pnl.length === 0) throw new RangeError(`${fn}: pnl is empty (lookback of 0 scenarios)`);
  const buf = new Float64Array(pnl.length);
  for (let i = 0; i < pnl.length; i++) buf[i] = -pnl[i];
  const out = new Float64Array(2);
  varEsOfLossesInPlace(buf, tau, out);
  return Math.max(0, measure === "var" ? out[0] : out[1]);
}
