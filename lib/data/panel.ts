/**
 * The aligned daily panel: one business-day calendar, one Float64Array per
 * series. Missing values are `NaN` and only occur where a series has not
 * started yet (or has ended); gaps inside a series' life are filled by an
 * explicit, recorded rule (see `FillRecord`).
 *
 * @example
 * ```ts
 * import type { Panel } from "./panel.ts";
 * function lastClose(p: Panel, col: string): number {
 *   const x = p.columns[col];
 *   return x[x.length - 1];
 * }
 * ```
 * @module
 */

/** How one column's gaps were filled when aligning to the business-day calendar. */
export interface FillRecord {
  /** Rule applied: forward-fill of the last observation, at most `maxGap` business days. */
  rule: "ffill";
  /** Largest run of filled business days allowed. */
  maxGap: number;
  /** Number of business days filled in this column. */
  filled: number;
  /** First and last ISO dates with an observation. */
  first: string;
  last: string;
  /** Longest run of consecutive filled business days. */
  longestRun: number;
  /** Observations dated off the panel calendar (weekends, foreign holidays), used via the as-of rule. */
  offCalendar: number;
  /** Documented empty cells met in the file (dates). */
  emptyCells: string[];
}

/** Aligned daily market data. `dates` are ISO `YYYY-MM-DD`, strictly increasing business days. */
export interface Panel {
  dates: string[];
  columns: Record<string, Float64Array>;
  /** Units and description per column (e.g. "USD/bbl"). */
  meta: Record<string, { unit: string; source: string; description: string }>;
  fill: Record<string, FillRecord>;
}

/** Index of the first date ≥ `iso` (binary search); `dates.length` if none. */
export function lowerBound(dates: readonly string[], iso: string): number {
  let lo = 0, hi = dates.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (dates[mid] < iso) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
