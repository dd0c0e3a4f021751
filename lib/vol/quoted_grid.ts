/**
 * The log-moneyness range quoted on every slice of a surface, for arbitrage checks that should not extrapolate.
 * @module
 */

/** A k grid: `n` points on [kMin, kMax]. */
export interface QuotedGrid {
  kMin: number;
  kMax: number;
  n: number;
}

/**
 * The k range quoted on every slice (max of the minima, min of the maxima), intersected with `outer`; null when the
 * slices share no range.
 *
 * @example
 * ```ts
 * import { quotedGrid } from "./quoted_grid.ts";
 * const g = quotedGrid([Float64Array.of(-0.3, 0.2), Float64Array.of(-0.1, 0.5)], { kMin: -1, kMax: 0.1, n: 10 });
 * console.assert(g !== null && g.kMin === -0.1 && g.kMax === 0.1 && g.n === 10);
 * ```
 */
export function quotedGrid(ks: readonly Float64Array[], outer: QuotedGrid): QuotedGrid | null {
  let lo = outer.kMin, hi = outer.kMax;
  for (const k of ks) {
    lo = Math.max(lo, Math.min(...k));
    hi = Math.min(hi, Math.max(...k));
  }
  return hi > lo ? { kMin: lo, kMax: hi, n: outer.n } : null;
}
