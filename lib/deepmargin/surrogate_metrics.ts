/**
 * Error metrics of a SPAN 2-like surrogate (issue 15, DeepMargin v2): absolute errors (USD), relative errors
 * (median absolute percentage error), and the error in δ — with `δ = SPAN2/SPAN − 1` and the estimate's
 * `δ̂ = SPAN2̂/SPAN − 1`, the δ error is `δ̂ − δ = (SPAN2̂ − SPAN2)/SPAN`, the anchor's own scale — overall, by
 * portfolio size (buckets of positions) and on the sizes never seen in training.
 *
 * Conventions (every quantile type 7, `lib/core/quantile.ts`):
 * - absolute error `|SPAN2̂ − SPAN2|` over every portfolio;
 * - APE `|SPAN2̂ − SPAN2| / SPAN2` over portfolios with `SPAN2 ≥ apeFloor` and `SPAN2 > 0` (tiny margins make
 *   percentages meaningless; e06 v1's `mapeFloor` is 10,000 USD);
 * - δ error over portfolios with `SPAN > 0` (δ is undefined otherwise): its median (signed bias), the median and
 *   p95 of its absolute value.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { surrogateSummary } from "./surrogate_metrics.ts";
 * const s = surrogateSummary({ pred: [110, 180, 300], truth: [100, 200, 300], span: [50, 50, 60] });
 * assert.equal(s.medae, 10); // errors 10, 20, 0
 * assert.equal(s.medape, 0.1); // 10%, 10%, 0%
 * assert.equal(s.deltaMedae, 0.2); // δ errors +10/50, −20/50, 0
 * ```
 * @module
 */
import { quantileSorted } from "../core/quantile.ts";

/** Error statistics of a set of portfolios. */
export interface SurrogateSummary {
  /** Portfolios. */
  n: number;
  /** Median, 95% quantile and mean of the absolute error (USD). */
  medae: number;
  p95ae: number;
  meanAe: number;
  /** Portfolios in the APE statistics (`SPAN2 ≥ apeFloor`, `SPAN2 > 0`). */
  nApe: number;
  /** Median and mean absolute percentage error (fractions: 0.1 = 10%). NaN when `nApe` is 0. */
  medape: number;
  mape: number;
  /** Portfolios in the δ statistics (`SPAN > 0`). */
  nDelta: number;
  /** Median of `δ̂ − δ` (signed), median and 95% quantile of `|δ̂ − δ|`. NaN when `nDelta` is 0. */
  deltaBias: number;
  deltaMedae: number;
  deltaP95ae: number;
}

/** Per-portfolio arrays of one evaluation set (same length, same order). */
export interface SurrogateCases {
  /** Estimated SPAN 2-like margins (USD). */
  pred: ArrayLike<number>;
  /** SPAN 2-like reference margins (USD). */
  truth: ArrayLike<number>;
  /** SPAN-like margins (USD). */
  span: ArrayLike<number>;
}

/** Options of {@link surrogateSummary}. */
export interface SummaryOptions {
  /** Smallest SPAN 2-like margin (USD) in the APE statistics. Default 0 (every positive margin). */
  apeFloor?: number;
}

function checkCases(fn: string, c: SurrogateCases, extra?: { name: string; a: ArrayLike<number> }): number {
  const n = c.truth.length;
  const arrays: [string, ArrayLike<number>][] = [["pred", c.pred], ["truth", c.truth], ["span", c.span]];
  if (extra) arrays.push([extra.name, extra.a]);
  for (const [name, a] of arrays) {
    if (a.length !== n) throw new RangeError(`${fn}: ${name} has ${a.length} values, truth has ${n}`);
    for (let i = 0; i < n; i++) {
      if (!Number.isFinite(a[i])) throw new RangeError(`${fn}: ${name}[${i}] is not finite (${a[i]})`);
    }
  }
  return n;
}

const med = (xs: number[]) => quantileSorted(xs.sort((a, b) => a - b), 0.5);

/**
 * Error statistics of predicted SPAN 2-like margins (see the module doc for which portfolios enter which).
 *
 * @throws {RangeError} on arrays of different lengths, non-finite values or a negative `apeFloor`
 * @example
 * ```ts
 * import { surrogateSummary } from "./surrogate_metrics.ts";
 * surrogateSummary({ pred: [0, 50], truth: [0, 40], span: [0, 50] }, { apeFloor: 10 }).nApe; // 1 (the zero margin is left out)
 * ```
 */
export function surrogateSummary(c: SurrogateCases, opts: SummaryOptions = {}): SurrogateSummary {
  const fn = "surrogateSummary";
  const n = checkCases(fn, c);
  const floor = opts.apeFloor ?? 0;
  if (!(floor >= 0) || !Number.isFinite(floor)) throw new RangeError(`${fn}: opts.apeFloor must be >= 0, got ${floor}`);
  const ae: number[] = [], ape: number[] = [], de: number[] = [], ade: number[] = [];
  let sumAe = 0, sumApe = 0;
  for (let i = 0; i < n; i++) {
    const err = c.pred[i] - c.truth[i], a = Math.abs(err);
    ae.push(a);
    sumAe += a;
    if (c.truth[i] >= floor && c.truth[i] > 0) {
      const r = a / c.truth[i];
      ape.push(r);
      sumApe += r;
    }
    if (c.span[i] > 0) {
      const d = err / c.span[i];
      de.push(d);
      ade.push(Math.abs(d));
    }
  }
  ae.sort((a, b) => a - b);
  ade.sort((a, b) => a - b);
  return {
    n,
    medae: quantileSorted(ae, 0.5),
    p95ae: quantileSorted(ae, 0.95),
    meanAe: sumAe / n,
    nApe: ape.length,
    medape: med(ape),
    mape: ape.length ? sumApe / ape.length : NaN,
    nDelta: de.length,
    deltaBias: med(de),
    deltaMedae: quantileSorted(ade, 0.5),
    deltaP95ae: quantileSorted(ade, 0.95),
  };
}

/** Inputs of {@link surrogateMetrics}. */
export interface SurrogateMetricsInput extends SurrogateCases {
  /** Positions per portfolio. */
  size: ArrayLike<number>;
  /** Positions per training portfolio (the sizes the model has seen). */
  trainSizes: ArrayLike<number>;
  /** Size buckets `[lo, hi]` (inclusive). Default 1–5, 6–10, 11–15, 16–20 (e06 v1's). */
  buckets?: readonly (readonly [number, number])[];
  apeFloor?: number;
}

/** Result of {@link surrogateMetrics}. */
export interface SurrogateMetrics {
  all: SurrogateSummary;
  /** Per bucket `s<lo>_<hi>` (every bucket, empty ones with n = 0 and NaN statistics). */
  bySize: Record<string, SurrogateSummary>;
  /** Per single size present in the set, `"1"`, `"2"`, … ascending. */
  byExactSize: Record<string, SurrogateSummary>;
  /** Sizes in the set never seen in training, ascending, and the statistics over their portfolios (null if none). */
  unseen: { sizes: number[]; summary: SurrogateSummary | null };
}

/** e06 v1's size buckets. */
export const SIZE_BUCKETS: readonly (readonly [number, number])[] = Object.freeze([[1, 5], [6, 10], [11, 15], [
  16,
  20,
]]);

/**
 * Every statistic of one evaluation set: overall, by size bucket, by exact size, and on unseen sizes.
 *
 * @throws {RangeError} as {@link surrogateSummary}, and on a non-integer size or a bucket with `lo > hi`
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { surrogateMetrics } from "./surrogate_metrics.ts";
 * const m = surrogateMetrics({
 *   pred: [10, 20, 30], truth: [10, 25, 20], span: [10, 20, 20], size: [1, 2, 12], trainSizes: [1, 2, 3],
 * });
 * assert.deepEqual(m.unseen.sizes, [12]);
 * assert.equal(m.unseen.summary?.medae, 10);
 * assert.equal(m.bySize.s1_5.n, 2);
 * ```
 */
export function surrogateMetrics(input: SurrogateMetricsInput): SurrogateMetrics {
  const fn = "surrogateMetrics";
  const n = checkCases(fn, input, { name: "size", a: input.size });
  for (let i = 0; i < n; i++) {
    if (!Number.isInteger(input.size[i]) || input.size[i] < 1) {
      throw new RangeError(`${fn}: size[${i}] must be an integer >= 1, got ${input.size[i]}`);
    }
  }
  const buckets = input.buckets ?? SIZE_BUCKETS;
  for (const [lo, hi] of buckets) {
    if (!(lo <= hi)) throw new RangeError(`${fn}: bucket [${lo}, ${hi}] has lo > hi`);
  }
  const opts = { apeFloor: input.apeFloor };
  const subset = (keep: (i: number) => boolean): SurrogateSummary => {
    const pred: number[] = [], truth: number[] = [], span: number[] = [];
    for (let i = 0; i < n; i++) {
      if (!keep(i)) continue;
      pred.push(input.pred[i]);
      truth.push(input.truth[i]);
      span.push(input.span[i]);
    }
    return surrogateSummary({ pred, truth, span }, opts);
  };
  const bySize: Record<string, SurrogateSummary> = {};
  for (const [lo, hi] of buckets) bySize[`s${lo}_${hi}`] = subset((i) => input.size[i] >= lo && input.size[i] <= hi);
  const sizes = [...new Set(Array.from(input.size))].sort((a, b) => a - b);
  const byExactSize: Record<string, SurrogateSummary> = {};
  for (const s of sizes) byExactSize[String(s)] = subset((i) => input.size[i] === s);
  const seen = new Set(Array.from(input.trainSizes));
  const unseenSizes = sizes.filter((s) => !seen.has(s));
  const unseenSet = new Set(unseenSizes);
  return {
    all: surrogateSummary(input, opts),
    bySize,
    byExactSize,
    unseen: {
      sizes: unseenSizes,
      summary: unseenSizes.length ? subset((i) => unseenSet.has(input.size[i])) : null,
    },
  };
}
