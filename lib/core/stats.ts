/**
 * Sample statistics of a series: the mean and the sample standard deviation, one copy for every layer (seed
 * summaries in lib/evaluation, permutation importances in lib/explain).
 *
 * The mean is simple-statistics' `meanSimple` (a plain left-to-right sum from 0, divided by n), which gives the
 * same bits as the loops it replaces. The standard deviation is ours: simple-statistics' `sampleStandardDeviation`
 * centres on its compensated (Kahan–Babuška) `mean`, whose last bits differ from the plain mean that the
 * committed metrics were computed with.
 *
 * @example
 * ```ts
 * import { mean, meanSd } from "./stats.ts";
 * console.assert(mean([1, 2, 3]) === 2);
 * console.assert(meanSd([1, 3]).sd === Math.SQRT2);
 * ```
 * @module
 */
import { meanSimple } from "simple-statistics";

/**
 * Arithmetic mean `Σx / n`, summed left to right from 0.
 *
 * @throws {RangeError} on an empty series
 * @example
 * ```ts
 * import { mean } from "./stats.ts";
 * console.assert(mean(Float64Array.of(1, 2, 6)) === 3);
 * ```
 */
export function mean(x: ArrayLike<number>): number {
  if (x.length === 0) throw new RangeError("mean: empty series");
  return meanSimple(x as readonly number[]);
}

/**
 * Mean and sample standard deviation (denominator n − 1; 0 for one value) of a series, with its length.
 *
 * @throws {RangeError} on an empty series
 * @example
 * ```ts
 * import { meanSd } from "./stats.ts";
 * const s = meanSd([1, 3]); // { mean: 2, sd: 1.414…, n: 2 }
 * console.assert(s.mean === 2 && s.n === 2);
 * ```
 */
export function meanSd(x: ArrayLike<number>): { mean: number; sd: number; n: number } {
  if (x.length === 0) throw new RangeError("meanSd: empty series");
  const n = x.length;
  const m = mean(x);
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (x[i] - m) * (x[i] - m);
  const sd = n > 1 ? Math.sqrt(ss / (n - 1)) : 0;
  return { mean: m, sd, n };
}
