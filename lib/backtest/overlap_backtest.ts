/**
 * The backtest of a margin against losses over an `mpor`-day horizon, with the tests that respect overlapping
 * windows: {@link marginBacktest}'s counts and naive tests, plus Kupiec's test with its null simulated under
 * overlapping `mpor`-day windows ({@link kupiecOverlapping}) and Christoffersen's independence test on the
 * non-overlapping subsample ({@link christoffersenNonOverlapping}, the primary independence test: on all days of
 * overlapping windows the naive test over-rejects — it rejects a calibrated margin in most simulated runs). The
 * horizon is part of the result (`mpor`), so that every comparison says which losses it used.
 * @module
 */
import { createPrng } from "../core/prng.ts";
import { checkInt } from "../core/check.ts";
import { christoffersenNonOverlapping } from "./christoffersen.ts";
import { kupiecOverlapping } from "./kupiec_overlap.ts";
import type { OverlapNullCache } from "./overlap_null_cache.ts";
import { type MarginBacktest, marginBacktest } from "./margin_backtest.ts";

/** {@link overlapAwareBacktest}'s result. */
export interface OverlapAwareBacktest extends MarginBacktest {
  /** Horizon (days) of the losses the margin was compared with. */
  mpor: number;
  /** Kupiec's p-value with the null simulated under overlapping `mpor`-day windows. */
  kupiecOverlapP: number;
  /** Christoffersen's independence p-value on every `mpor`-th row (non-overlapping windows). */
  christoffersenNonOverlapP: number;
  /** Rows in that non-overlapping subsample. */
  christoffersenNonOverlapN: number;
}

/**
 * Backtest `im` against `loss` (realised over `(t, t + mpor]`) on `rows`, with the overlap-aware tests. The Kupiec
 * null is simulated from a fresh `createPrng(seed)` at each call, so the result depends on the inputs only; pass an
 * {@link OverlapNullCache} as `cache` to simulate each (n, mpor, τ, simulations, seed) null once (same numbers).
 *
 * @throws {RangeError} on `mpor` < 1 or `simulations` < 100 (naming the value), or from {@link marginBacktest},
 *   {@link kupiecOverlapping} and {@link christoffersenNonOverlapping}
 * @example
 * ```ts
 * import { overlapAwareBacktest } from "./overlap_backtest.ts";
 * const loss = Float64Array.from({ length: 400 }, (_, t) => Math.sin(t * 1.7) * 3), im = new Float64Array(400).fill(2.9);
 * const rows = Array.from({ length: 400 }, (_, t) => t);
 * const b = overlapAwareBacktest(loss, im, rows, 0.99, 2, { simulations: 500, seed: 1 });
 * if (b.mpor !== 2 || b.christoffersenNonOverlapN !== 200 || !(b.kupiecOverlapP >= 0 && b.kupiecOverlapP <= 1)) {
 *   throw new Error("overlap-aware backtest");
 * }
 * ```
 */
export function overlapAwareBacktest(
  loss: Float64Array,
  im: Float64Array,
  rows: readonly number[],
  tau: number,
  mpor: number,
  opts: { simulations: number; seed: number; cache?: OverlapNullCache },
): OverlapAwareBacktest {
  const fn = "overlapAwareBacktest";
  checkInt(fn, "mpor", mpor, 1);
  checkInt(fn, "simulations", opts.simulations, 100);
  const b = marginBacktest(loss, im, rows, tau);
  const kup = opts.cache
    ? opts.cache.kupiec(b.exceptions, b.n, tau, mpor, opts)
    : kupiecOverlapping(b.exceptions, b.n, tau, mpor, { simulations: opts.simulations, prng: createPrng(opts.seed) });
  const chr = christoffersenNonOverlapping(b.flags, tau, mpor);
  return {
    ...b,
    mpor,
    kupiecOverlapP: kup.pValue,
    christoffersenNonOverlapP: chr.independence.pValue,
    christoffersenNonOverlapN: chr.n,
  };
}
