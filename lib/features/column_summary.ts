/**
 * Summary statistics of one feature column over a set of rows: count of finite values, mean, sample sd, min, max,
 * share missing and lag-1 autocorrelation (the persistence of the feature).
 * @module
 */
import { meanSd } from "../core/stats.ts";
import { pearsonOver } from "./correlation.ts";

/** {@link columnSummary}'s result; a statistic is null where it is undefined (no finite value, n < 2, …). */
export interface ColumnSummary {
  /** Lag-1 autocorrelation: Pearson of `x[t]` and `x[t−1]` over the rows where both are finite. */
  ac1: number | null;
  n: number;
  mean: number | null;
  /** Sample standard deviation (n − 1). */
  sd: number | null;
  min: number | null;
  max: number | null;
  /** Share of the rows whose value is not finite. */
  nanShare: number | null;
}

/**
 * Mean, sd (n − 1), min, max, share missing and lag-1 autocorrelation of `x` over the rows `rows`.
 *
 * @example
 * ```ts
 * import { columnSummary } from "./column_summary.ts";
 * const s = columnSummary(Float64Array.of(1, 2, NaN, 4, 5), [0, 1, 2, 3, 4]);
 * console.assert(s.n === 4 && s.mean === 3 && s.min === 1 && s.max === 5 && s.nanShare === 0.2);
 * ```
 */
export function columnSummary(x: Float64Array, rows: readonly number[]): ColumnSummary {
  const v: number[] = [];
  for (const t of rows) if (Number.isFinite(x[t])) v.push(x[t]);
  const n = v.length;
  const { mean, sd } = n ? meanSd(v) : { mean: null, sd: null };
  const prev = Float64Array.from(x, (_, t) => t > 0 ? x[t - 1] : NaN);
  return {
    ac1: pearsonOver(x, prev, rows).r,
    n,
    mean,
    sd: n > 1 ? sd : null,
    min: n ? Math.min(...v) : null,
    max: n ? Math.max(...v) : null,
    nanShare: rows.length ? (rows.length - n) / rows.length : null,
  };
}
