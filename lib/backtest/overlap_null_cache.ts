/**
 * A memo of the simulated overlapping-window null ({@link simulateOverlappingCounts}) keyed by everything it depends
 * on — n, mpor, τ, the number of simulations and the seed of a fresh `createPrng(seed)` — so that a stage that runs
 * many overlap-aware Kupiec tests on windows of the same length simulates each null once. The p-values are the
 * same numbers as with a fresh `createPrng(seed)` per test (tested), only cheaper. The memo is an explicit object
 * the caller creates and passes in; nothing is global.
 *
 * @example
 * ```ts
 * import { createPrng } from "../core/prng.ts";
 * import { kupiecOverlapping } from "./kupiec_overlap.ts";
 * import { OverlapNullCache } from "./overlap_null_cache.ts";
 * const cache = new OverlapNullCache();
 * const a = cache.kupiec(6, 500, 0.99, 2, { simulations: 1000, seed: 1 });
 * const b = kupiecOverlapping(6, 500, 0.99, 2, { simulations: 1000, prng: createPrng(1) });
 * console.assert(a.pValue === b.pValue && cache.size === 1);
 * ```
 * @module
 */
import { createPrng } from "../core/prng.ts";
import { checkConfidence, checkInt } from "../core/check.ts";
import { kupiecOverlapping, type OverlappingLrTest } from "./kupiec_overlap.ts";
import { simulateOverlappingCounts } from "./traffic_light.ts";

/** Simulated null histograms memoised by (n, mpor, τ, simulations, seed). */
export class OverlapNullCache {
  readonly #hists = new Map<string, Float64Array>();

  /** Number of distinct nulls simulated so far. */
  get size(): number {
    return this.#hists.size;
  }

  /**
   * The histogram of exception counts (n + 1 bins) of `simulations` overlapping-window runs drawn from a fresh
   * `createPrng(seed)`; simulated on the first call for these arguments, then returned from the memo.
   *
   * @throws {RangeError} on bad n, mpor, tau, simulations or seed (naming the argument and value)
   * @example
   * ```ts
   * import { OverlapNullCache } from "./overlap_null_cache.ts";
   * const h = new OverlapNullCache().counts(250, 2, 0.99, 500, 7);
   * console.assert(h.length === 251 && h.reduce((s, x) => s + x, 0) === 500);
   * ```
   */
  counts(n: number, mpor: number, tau: number, simulations: number, seed: number): Float64Array {
    const fn = "OverlapNullCache.counts";
    checkInt(fn, "n", n, 1);
    checkInt(fn, "mpor", mpor, 1);
    checkConfidence(fn, tau, "tau");
    checkInt(fn, "simulations", simulations, 1);
    if (!Number.isInteger(seed)) throw new RangeError(`${fn}: seed must be an integer, got ${seed}`);
    const key = `${n}|${mpor}|${tau}|${simulations}|${seed}`;
    let h = this.#hists.get(key);
    if (h === undefined) {
      h = simulateOverlappingCounts(n, mpor, tau, createPrng(seed), simulations);
      this.#hists.set(key, h);
    }
    return h;
  }

  /**
   * {@link kupiecOverlapping} with the null from the memo: the same result as passing `prng: createPrng(seed)`.
   *
   * @throws {RangeError} as {@link kupiecOverlapping}
   * @example
   * ```ts
   * import { OverlapNullCache } from "./overlap_null_cache.ts";
   * const cache = new OverlapNullCache();
   * cache.kupiec(3, 300, 0.99, 2, { simulations: 500, seed: 1 });
   * cache.kupiec(9, 300, 0.99, 2, { simulations: 500, seed: 1 }); // same null: no new simulation
   * console.assert(cache.size === 1);
   * ```
   */
  kupiec(
    exceptions: number,
    n: number,
    tau: number,
    mpor: number,
    opts: { simulations: number; seed: number },
  ): OverlappingLrTest {
    const counts = this.counts(n, mpor, tau, opts.simulations, opts.seed);
    return kupiecOverlapping(exceptions, n, tau, mpor, { simulations: opts.simulations, counts });
  }
}
