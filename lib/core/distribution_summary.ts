/**
 * Distribution summary of a sample that may hold missing values: count, mean, median, 95th percentile and maximum
 * of its finite entries (type-7 quantiles from {@link quantile}).
 * @module
 */
import { quantile } from "./quantile.ts";
import { mean } from "./stats.ts";

/** {@link distributionSummary}'s result; every statistic is null when no entry is finite. */
export interface DistributionSummary {
  /** Number of finite entries. */
  n: number;
  mean: number | null;
  median: number | null;
  p95: number | null;
  max: number | null;
}

/**
 * Count, mean, median, p95 and max of the finite values of `xs` (NaN and ±Infinity are left out).
 *
 * @example
 * ```ts
 * import { distributionSummary } from "./distribution_summary.ts";
 * const s = distributionSummary([4, NaN, 1, 3, 2]);
 * console.assert(s.n === 4 && s.mean === 2.5 && s.median === 2.5 && s.max === 4);
 * console.assert(distributionSummary([NaN]).mean === null);
 * ```
 */
export function distributionSummary(xs: readonly number[]): DistributionSummary {
  const f = xs.filter(Number.isFinite);
  return {
    n: f.length,
    mean: f.length ? mean(f) : null,
    median: quantile(f, 0.5),
    p95: quantile(f, 0.95),
    max: f.length ? Math.max(...f) : null,
  };
}
