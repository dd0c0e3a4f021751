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
import { varEsOfLossesInPlace } from "./var_es.ts";

/** Per-portfolio VaR and ES (losses, positive = loss). */
export interface HsResult {
  var: Float64Array;
  es: Float64Array;
}

/**
 * HS VaR and ES of every row of a scenario P&L matrix (portfolios × scenarios).
 *
 * @throws {RangeError} on zero scenarios (empty lookback), non-finite P&L, confidence outside (0, 1)
 * @example
 * ```ts
 * import { createMatrix } from "./matrix.ts";
 * hsVarEs(createMatrix(2, 2, [1, -1, -5, 2]), 0.5).var; // [-1, -2]
 * ```
 */
export function hsVarEs(pnl: Matrix, confidence: number): HsResult {
  const fn = "hsVarEs";
  checkConfidence(fn, confidence);
  checkMatrix(fn, "pnl", pnl);
  if (pnl.cols === 0) throw new RangeError(`${fn}: pnl has 0 scenario columns (empty lookback)`);
  const { rows, cols, data } = pnl;
  const v = new Float64Array(rows), e = new Float64Array(rows);
  const buf = new Float64Array(cols), out = new Float64Array(2);
  for (let r = 0; r < rows; r++) {
    const o = r * cols;
    for (let s = 0; s < cols; s++) buf[s] = -data[o + s];
    varEsOfLossesInPlace(buf, confidence, out);
    v[r] = out[0];
    e[r] = out[1];
  }
  return { var: v, es: e };
}

/**
 * HS VaR and ES for many portfolios at once: portfolio P&L = positions ×
 * instrument scenario P&L, formed one row at a time in a reused Float64Array
 * (no P × S matrix is ever stored), followed by a quickselect.
 *
 * @param positions `P × I` matrix of quantities (portfolio × instrument)
 * @param instrumentPnl `I × S` matrix: P&L of one unit of each instrument in each scenario
 * @throws {RangeError} on mismatched dimensions (`positions.cols ≠ instrumentPnl.rows`), zero scenarios,
 *   non-finite values, confidence outside (0, 1)
 * @example
 * ```ts
 * import { createMatrix } from "./matrix.ts";
 * const pos = createMatrix(1, 2, [1, -1]);
 * const ipnl = createMatrix(2, 3, [1, 2, 3, 0, 0, 5]);
 * hsVarEsBatch(pos, ipnl, 0.5).var[0]; // P&L [1, 2, −2] → VaR 50% = −1
 * ```
 */
export function hsVarEsBatch(positions: Matrix, instrumentPnl: Matrix, confidence: number): HsResult {
  const fn = "hsVarEsBatch";
  checkConfidence(fn, confidence);
  checkMatrix(fn, "positions", positions);
  checkMatrix(fn, "instrumentPnl", instrumentPnl);
  if (positions.cols !== instrumentPnl.rows) {
    throw new RangeError(
      `${fn}: positions.cols (${positions.cols} instruments) must equal instrumentPnl.rows, got ${instrumentPnl.rows}`,
    );
  }
  const S = instrumentPnl.cols, I = positions.cols, P = positions.rows;
  if (S === 0) throw new RangeError(`${fn}: instrumentPnl has 0 scenario columns (empty lookback)`);
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
      // losses = −Σ w·pnl
      for (let s = 0; s < S; s++) buf[s] -= w * D[o + s];
    }
    varEsOfLossesInPlace(buf, confidence, out);
    v[p] = out[0];
    e[p] = out[1];
  }
  return { var: v, es: e };
}

/** Options of {@link hsMargin}. */
export interface HsMarginOptions {
  /** Confidence level in (0, 1). Default 0.99. */
  confidence?: number;
  /** Risk measure: `"es"` (default) or `"var"`. */
  measure?: "var" | "es";
}

/**
 * HS margin of one P&L vector: `max(0, VaR or ES)`. Non-negative and positively homogeneous.
 *
 * @throws {RangeError} on an empty vector, non-finite P&L, confidence outside (0, 1), unknown measure
 * @example
 * ```ts
 * hsMargin(new Float64Array([-10, 1, 2, 3]), { confidence: 0.75, measure: "es" }); // 10
 * ```
 */
export function hsMargin(pnl: ArrayLike<number>, opts: HsMarginOptions = {}): number {
  const fn = "hsMargin";
  const confidence = opts.confidence ?? 0.99;
  const measure = opts.measure ?? "es";
  checkConfidence(fn, confidence);
  if (measure !== "var" && measure !== "es") {
    throw new RangeError(`${fn}: measure must be "var" or "es", got ${String(measure)}`);
  }
  checkFiniteArray(fn, "pnl", pnl);
  if (pnl.length === 0) throw new RangeError(`${fn}: pnl is empty (lookback of 0 scenarios)`);
  const buf = new Float64Array(pnl.length);
  for (let i = 0; i < pnl.length; i++) buf[i] = -pnl[i];
  const out = new Float64Array(2);
  varEsOfLossesInPlace(buf, confidence, out);
  return Math.max(0, measure === "var" ? out[0] : out[1]);
}
