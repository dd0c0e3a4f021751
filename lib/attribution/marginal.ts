/**
 * Marginal margin by central finite differences, `∂fn/∂w_j` at `w` (default
 * all ones), and the Euler component `w_j·∂fn/∂w_j`. For a positively
 * homogeneous, differentiable margin the components add up to the total.
 * Relative step: `ε·max(1, |w_j|)`.
 *
 * @example
 * ```ts
 * import { marginal } from "./marginal.ts";
 * const r = marginal((w) => Math.hypot(3 * w[0], 4 * w[1]), 2);
 * r.marginal; // ≈ [9/5, 16/5]; r.component sums to 5
 * ```
 * @module
 */
import { checkUnitFn, checkWeights, evalMargin, type UnitMarginFn } from "./unit_margin_fn.ts";

/** Options of {@link marginal}. */
export interface MarginalOptions {
  /** Relative finite-difference step. Default 1e-4. */
  eps?: number;
  /** Point of differentiation. Default all ones. */
  weights?: Float64Array;
}

/** Marginal and component margins. */
export interface MarginalResult {
  /** `∂fn/∂w_j`. */
  marginal: Float64Array;
  /** `w_j · ∂fn/∂w_j`. */
  component: Float64Array;
  /** `fn(w)`. */
  total: number;
}

/**
 * Finite-difference marginal margins.
 *
 * @throws {TypeError} when `marginFn` is not a function;
 *   {RangeError} on `nUnits` < 1, `eps` not in (0, 1), bad weights or a non-finite margin
 * @example
 * ```ts
 * marginal((w) => 2 * w[0], 1).marginal; // ≈ [2]
 * ```
 */
export function marginal(marginFn: UnitMarginFn, nUnits: number, opts: MarginalOptions = {}): MarginalResult {
  const name = "marginal";
  checkUnitFn(name, marginFn, nUnits);
  const eps = opts.eps ?? 1e-4;
  if (!(eps > 0 && eps < 1)) throw new RangeError(`${name}: eps must lie in (0, 1), got ${eps}`);
  const w0 = opts.weights ?? new Float64Array(nUnits).fill(1);
  checkWeights(name, w0, nUnits);
  const w = Float64Array.from(w0);
  const total = evalMargin(name, marginFn, w);
  const m = new Float64Array(nUnits), c = new Float64Array(nUnits);
  for (let j = 0; j < nUnits; j++) {
    const step = eps * Math.max(1, Math.abs(w0[j]));
    w[j] = w0[j] + step;
    const up = evalMargin(name, marginFn, w);
    w[j] = w0[j] - step;
    const dn = evalMargin(name, marginFn, w);
    w[j] = w0[j];
    m[j] = (up - dn) / (2 * step);
    c[j] = w0[j] * m[j];
  }
  return { marginal: m, component: c, total };
}
