/**
 * Standalone margins of each unit and the diversification benefit.
 *
 * @example
 * ```ts
 * import { diversificationBenefit, standalone } from "./standalone.ts";
 * const fn = (w: Float64Array) => Math.hypot(w[0] * 3, w[1] * 4); // a toy sub-additive margin
 * standalone(fn, 2); // [3, 4]
 * diversificationBenefit(fn, 2).benefit; // 3 + 4 − 5 = 2
 * ```
 * @module
 */
import { checkUnitFn, evalMargin, type UnitMarginFn } from "./unit_margin_fn.ts";

/**
 * Margin of each unit alone: `fn(e_j)`.
 *
 * @throws {TypeError} when `marginFn` is not a function; {RangeError} on `nUnits` < 1 or a non-finite margin
 * @example
 * ```ts
 * standalone((w) => Math.abs(w[0] - w[1]), 2); // [1, 1]
 * ```
 */
export function standalone(marginFn: UnitMarginFn, nUnits: number): Float64Array {
  checkUnitFn("standalone", marginFn, nUnits);
  const out = new Float64Array(nUnits);
  const w = new Float64Array(nUnits);
  for (let j = 0; j < nUnits; j++) {
    w.fill(0);
    w[j] = 1;
    out[j] = evalMargin("standalone", marginFn, w);
  }
  return out;
}

/** Diversification summary. */
export interface Diversification {
  /** Margin of the whole portfolio. */
  total: number;
  /** Per-unit standalone margins. */
  standalone: Float64Array;
  /** Σ standalone. */
  sumStandalone: number;
  /** `Σ standalone − total` (≥ 0 for a sub-additive margin). */
  benefit: number;
  /** `benefit / Σ standalone` (NaN when the sum is 0). */
  ratio: number;
}

/**
 * Diversification benefit `Σ_j fn(e_j) − fn(1)`.
 *
 * @throws {TypeError} when `marginFn` is not a function; {RangeError} on `nUnits` < 1 or a non-finite margin
 * @example
 * ```ts
 * diversificationBenefit((w) => Math.abs(w[0] - w[1]), 2).benefit; // 2
 * ```
 */
export function diversificationBenefit(marginFn: UnitMarginFn, nUnits: number): Diversification {
  const sa = standalone(marginFn, nUnits);
  const total = evalMargin("diversificationBenefit", marginFn, new Float64Array(nUnits).fill(1));
  let s = 0;
  for (const v of sa) s += v;
  return { total, standalone: sa, sumStandalone: s, benefit: s - total, ratio: s !== 0 ? (s - total) / s : NaN };
}
