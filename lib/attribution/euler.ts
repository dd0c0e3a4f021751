/**
 * Euler (component) allocation of HS risk measures from a `units × scenarios`
 * P&L matrix.
 *
 * - ES: exact. With portfolio losses sorted ascending, `k = ⌈nα⌉` and
 *   `x = nα` (see `margin/var_es.ts`), unit `j` gets
 *   `[Σ_{tail} ℓ_j(s) + (k − x)·ℓ_j(s_k)] / (n − x)`, `ℓ_j = −pnl_j`, the same
 *   tail average that defines ES, so the contributions sum to ES exactly (to
 *   rounding). With ties at the VaR scenario the Euler derivative is not
 *   unique; the tie is broken by scenario index (stable sort).
 * - VaR: the derivative `E[ℓ_j | L = VaR]` is estimated with a Gaussian kernel
 *   in the portfolio loss, `Σ_s K((L_s − VaR)/b)·ℓ_j(s) / Σ_s K(…)`, bandwidth
 *   `b` (default Silverman's `1.06·sd(L)·n^(−1/5)`), then rescaled so the
 *   contributions sum to VaR (set `rescale: false` for the raw kernel estimates).
 *
 * @example
 * ```ts
 * import { eulerEs } from "./euler.ts";
 * import { createMatrix } from "../margin/matrix.ts";
 * const r = eulerEs(createMatrix(2, 4, [-1, 0, 1, 2, -3, 1, 0, 0]), 0.75);
 * r.contributions; // [1, 3]: scenario 0 is the tail; r.es = 4
 * ```
 * @module
 */
import { checkMatrix, type Matrix } from "../margin/matrix.ts";
import { checkConfidence } from "../core/check.ts";
import { tailIndex } from "../margin/var_es.ts";

/** Euler allocation of a risk measure. */
export interface EulerResult {
  /** Per-unit contributions. */
  contributions: Float64Array;
  /** The portfolio's risk measure (loss, may be negative). */
  total: number;
}

function portfolioLosses(fn: string, unitPnl: Matrix, tau: number): { L: Float64Array; order: Int32Array } {
  checkConfidence(fn, tau, "tau");
  checkMatrix(fn, "unitPnl", unitPnl);
  if (unitPnl.cols === 0) throw new RangeError(`${fn}: unitPnl has 0 scenario columns (empty lookback)`);
  if (unitPnl.rows === 0) throw new RangeError(`${fn}: unitPnl has 0 unit rows`);
  const { rows: U, cols: S, data } = unitPnl;
  const L = new Float64Array(S);
  for (let j = 0; j < U; j++) for (let s = 0; s < S; s++) L[s] -= data[j * S + s];
  const order = new Int32Array(S);
  for (let s = 0; s < S; s++) order[s] = s;
  order.sort((a, b) => L[a] - L[b] || a - b);
  return { L, order };
}

/**
 * Exact Euler contributions to HS ES; they sum to `es` (= `hsVarEs` ES) to rounding.
 *
 * @throws {RangeError} on a bad matrix (non-finite, empty), tau outside (0, 1)
 * @example
 * ```ts
 * import { createMatrix } from "../margin/matrix.ts";
 * const unitPnl = createMatrix(2, 100, Array.from({ length: 200 }, (_, i) => Math.sin(i)));
 * eulerEs(unitPnl, 0.99).contributions;
 * ```
 */
export function eulerEs(unitPnl: Matrix, tau: number): EulerResult & { es: number } {
  const fn = "eulerEs";
  const { L, order } = portfolioLosses(fn, unitPnl, tau);
  const { rows: U, cols: S, data } = unitPnl;
  const { k, weight, denom } = tailIndex(S, tau);
  const contributions = new Float64Array(U);
  let es = 0;
  for (let r = k - 1; r < S; r++) {
    const s = order[r];
    const w = r === k - 1 ? weight : 1;
    if (w === 0) continue;
    es += w * L[s];
    for (let j = 0; j < U; j++) contributions[j] -= w * data[j * S + s];
  }
  for (let j = 0; j < U; j++) contributions[j] /= denom;
  es /= denom;
  return { contributions, total: es, es };
}

/** Options of {@link eulerVar}. */
export interface EulerVarOptions {
  /**
   * Kernel bandwidth in loss units. Default: a Gaussian kernel over loss ranks around the VaR rank with
   * a bandwidth of √S/4 scenarios (local to the tail, symmetric around VaR).
   */
  bandwidth?: number;
  /** Rescale contributions to sum exactly to VaR. Default true. */
  rescale?: boolean;
}

/**
 * Kernel-smoothed Euler contributions to HS VaR.
 *
 * @throws {RangeError} on a bad matrix, tau outside (0, 1), non-positive bandwidth
 * @example
 * ```ts
 * import { createMatrix } from "../margin/matrix.ts";
 * const unitPnl = createMatrix(2, 100, Array.from({ length: 200 }, (_, i) => Math.sin(i)));
 * eulerVar(unitPnl, 0.99, { bandwidth: 0.2 }).contributions;
 * ```
 */
export function eulerVar(
  unitPnl: Matrix,
  tau: number,
  opts: EulerVarOptions = {},
): EulerResult & { var: number; smoothedVar: number } {
  const fn = "eulerVar";
  const { L, order } = portfolioLosses(fn, unitPnl, tau);
  const { rows: U, cols: S, data } = unitPnl;
  const { k } = tailIndex(S, tau);
  const v = L[order[k - 1]];
  const contributions = new Float64Array(U);
  let wsum = 0, smoothed = 0;
  const addScenario = (s: number, w: number) => {
    wsum += w;
    smoothed += w * L[s];
    for (let j = 0; j < U; j++) contributions[j] -= w * data[j * S + s];
  };
  if (opts.bandwidth === undefined) {
    // Default: a Gaussian kernel over the *ranks* of the portfolio loss around the VaR rank k, with a
    // rank bandwidth of √S/4 scenarios. A value-space bandwidth taken from the spread of all losses is far
    // too wide in a 99% tail (the mass below VaR drags the smoothed VaR down). The rank window is kept
    // symmetric around k (truncated to the ranks that exist on both sides) so the few largest losses do not
    // pull the estimate up either.
    const m = Math.max(1, Math.min(Math.sqrt(S) / 4, (S - k) / 2));
    const half = Math.max(1, Math.min(Math.ceil(3 * m), k - 1, S - k));
    for (let r = k - 1 - half; r <= k - 1 + half; r++) {
      if (r < 0 || r >= S) continue;
      const z = (r - (k - 1)) / m;
      addScenario(order[r], Math.exp(-0.5 * z * z));
    }
  } else {
    const b = opts.bandwidth;
    if (!(b > 0) || !Number.isFinite(b)) throw new RangeError(`${fn}: bandwidth must be finite and > 0, got ${b}`);
    for (let s = 0; s < S; s++) {
      const z = (L[s] - v) / b;
      const w = Math.exp(-0.5 * z * z);
      if (w > 0) addScenario(s, w);
    }
  }
  smoothed /= wsum;
  for (let j = 0; j < U; j++) contributions[j] /= wsum;
  if (opts.rescale ?? true) {
    // Rescaling is a small correction when the kernel is local; a smoothed VaR of the wrong sign or far from
    // VaR means the kernel is too wide, and rescaling would silently distort the contributions.
    if (!(smoothed * v > 0) || Math.abs(smoothed) < 0.25 * Math.abs(v) || Math.abs(smoothed) > 4 * Math.abs(v)) {
      throw new RangeError(
        `${fn}: kernel-smoothed VaR ${smoothed} is far from VaR ${v}; pass a smaller bandwidth (got ${
          opts.bandwidth ?? "rank default"
        })`,
      );
    }
    for (let j = 0; j < U; j++) contributions[j] *= v / smoothed;
  }
  return { contributions, total: v, var: v, smoothedVar: smoothed };
}
