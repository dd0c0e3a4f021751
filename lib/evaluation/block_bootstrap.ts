/**
 * The circular moving-block bootstrap (Politis & Romano 1992) for statistics of dependent daily series: resample
 * blocks of `blockLength` consecutive dates, wrapping around the end, so that serial dependence within a block is
 * kept and every date has the same chance to be drawn (a standard moving-block bootstrap under-weights the ends).
 *
 * Pairing: {@link blockBootstrapCi} hands one index draw to `statistic`, which computes every quantity it compares
 * (two models' margins, a model and its benchmark) on the same resampled dates — the comparison is paired.
 *
 * PRNG consumption: one `prng.int(n)` per block, `⌈n / blockLength⌉` blocks per resample, resamples in order.
 *
 * @example
 * ```ts
 * import { createPrng } from "../core/prng.ts";
 * import { blockBootstrapCi } from "./block_bootstrap.ts";
 * const x = Float64Array.from({ length: 200 }, (_, i) => Math.sin(i / 5));
 * const mean = (idx: Int32Array) => idx.reduce((s, i) => s + x[i], 0) / idx.length;
 * const ci = blockBootstrapCi(x.length, mean, { blockLength: 20, resamples: 200, prng: createPrng(1) });
 * console.assert(ci.lo <= ci.estimate && ci.estimate <= ci.hi);
 * ```
 * @module
 */
import type { Prng } from "../core/prng.ts";
import { checkConfidence, checkInt } from "../core/check.ts";
import { quantileSorted } from "../core/quantile.ts";

/** Options of {@link blockBootstrapCi}. */
export interface BlockBootstrapOptions {
  /** Dates per block (≥ 1, ≤ n). */
  blockLength: number;
  /** Number of resamples (≥ 2). */
  resamples: number;
  /** The seeded stream the blocks are drawn from. */
  prng: Prng;
  /** Two-sided interval level, default 0.95. */
  level?: number;
}

/** A bootstrap percentile interval. */
export interface BootstrapCi {
  /** The statistic on the original dates (identity index). */
  estimate: number;
  /** Lower percentile `(1 − level)/2` of the resampled statistics (type-7 quantile). */
  lo: number;
  /** Upper percentile `(1 + level)/2`. */
  hi: number;
  /** Number of resamples. */
  resamples: number;
}

/**
 * One circular moving-block resample of the dates `0 … n−1`: blocks `s, s+1, …, s+L−1 (mod n)` with uniform starts
 * `s`, concatenated and cut to length `n`.
 *
 * @throws {RangeError} on `n` < 1 or `blockLength` not an integer in [1, n]
 * @example
 * ```ts
 * import { createPrng } from "../core/prng.ts";
 * import { movingBlockIndices } from "./block_bootstrap.ts";
 * const idx = movingBlockIndices(10, 4, createPrng(3)); // e.g. 7 8 9 0 | 2 3 4 5 | 5 6
 * console.assert(idx.length === 10 && (idx[1] - idx[0] + 10) % 10 === 1);
 * ```
 */
export function movingBlockIndices(n: number, blockLength: number, prng: Prng): Int32Array {
  const fn = "movingBlockIndices";
  checkInt(fn, "n", n, 1);
  checkInt(fn, "blockLength", blockLength, 1);
  if (blockLength > n) throw new RangeError(`${fn}: blockLength must be <= n (${n}), got ${blockLength}`);
  const idx = new Int32Array(n);
  for (let j = 0; j < n;) {
    let s = prng.int(n);
    for (let b = 0; b < blockLength && j < n; b++, j++) {
      idx[j] = s;
      if (++s === n) s = 0;
    }
  }
  return idx;
}

/**
 * Circular moving-block bootstrap percentile interval of `statistic`, which receives the resampled date indices
 * (the identity `0 … n−1` for the estimate) and must return a finite number.
 *
 * @throws {RangeError} on bad `n`, `blockLength`, `resamples` (< 2) or `level`, or a non-finite statistic (naming
 *   the resample)
 * @example
 * ```ts
 * import { createPrng } from "../core/prng.ts";
 * import { blockBootstrapCi } from "./block_bootstrap.ts";
 * // paired: the difference of two series on the same dates
 * const a = [3, 1, 4, 1, 5, 9, 2, 6], b = [2, 1, 3, 1, 4, 8, 2, 5];
 * const diff = (idx: Int32Array) => idx.reduce((s, i) => s + a[i] - b[i], 0) / idx.length;
 * const ci = blockBootstrapCi(8, diff, { blockLength: 2, resamples: 100, prng: createPrng(5), level: 0.9 });
 * console.assert(ci.lo >= 0 && ci.estimate === 0.625);
 * ```
 */
export function blockBootstrapCi(
  n: number,
  statistic: (idx: Int32Array) => number,
  opts: BlockBootstrapOptions,
): BootstrapCi {
  const fn = "blockBootstrapCi";
  checkInt(fn, "n", n, 1);
  checkInt(fn, "blockLength", opts.blockLength, 1);
  if (opts.blockLength > n) throw new RangeError(`${fn}: blockLength must be <= n (${n}), got ${opts.blockLength}`);
  checkInt(fn, "resamples", opts.resamples, 2);
  const level = opts.level ?? 0.95;
  checkConfidence(fn, level, "level");
  const identity = Int32Array.from({ length: n }, (_, i) => i);
  const estimate = statistic(identity);
  if (typeof estimate !== "number" || !Number.isFinite(estimate)) {
    throw new RangeError(`${fn}: statistic on the original dates must be finite, got ${String(estimate)}`);
  }
  const stats = new Float64Array(opts.resamples);
  for (let r = 0; r < opts.resamples; r++) {
    const v = statistic(movingBlockIndices(n, opts.blockLength, opts.prng));
    if (typeof v !== "number" || !Number.isFinite(v)) {
      throw new RangeError(`${fn}: statistic on resample ${r} must be finite, got ${String(v)}`);
    }
    stats[r] = v;
  }
  stats.sort();
  const a = (1 - level) / 2;
  return { estimate, lo: quantileSorted(stats, a), hi: quantileSorted(stats, 1 - a), resamples: opts.resamples };
}
