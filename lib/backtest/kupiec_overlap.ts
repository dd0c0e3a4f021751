/**
 * Kupiec's proportion-of-failures test for overlapping h-day windows. With a margin period of risk `h > 1` the daily
 * exception flags of overlapping h-day losses are dependent: the count has the right mean but a larger variance than
 * the binomial (about 1.24× for 2-day windows at 99%), so the χ²(1) p-value of {@link kupiecPof} rejects too often.
 * Here the LR statistic is the same, and its null distribution is simulated under overlapping windows with the
 * traffic light's simulator ({@link simulateOverlappingCounts}): the p-value is the simulated probability of an LR at
 * least as large as the observed one (two-sided: too many and too few exceptions both give a large LR).
 *
 * @example
 * ```ts
 * import { createPrng } from "../core/prng.ts";
 * import { kupiecOverlapping } from "./kupiec_overlap.ts";
 * const r = kupiecOverlapping(6, 500, 0.99, 2, { simulations: 5000, prng: createPrng(1) });
 * console.assert(r.pValue > 0.05 && r.varianceRatio > 1);
 * ```
 * @module
 */
import type { Prng } from "../core/prng.ts";
import { checkConfidence, checkInt } from "../core/check.ts";
import { kupiecPof } from "./kupiec.ts";
import { simulateOverlappingCounts } from "./traffic_light.ts";

/** Result of {@link kupiecOverlapping}. */
export interface OverlappingLrTest {
  /** Kupiec's LR statistic (as {@link kupiecPof}). */
  lr: number;
  /** Simulated `P(LR ≥ lr)` under the overlapping-window null. */
  pValue: number;
  /** Simulated variance of the count over the binomial variance `n·p·(1−p)`. */
  varianceRatio: number;
}

/**
 * Kupiec POF with the null simulated under overlapping `mpor`-day windows.
 *
 * @param exceptions observed exception count (integer in [0, n])
 * @param n number of (overlapping) daily observations
 * @param tau quantile level τ in (0, 1)
 * @param mpor window length in days (1 = independent days)
 * @param opts `simulations` and either the `prng` to simulate the null with, or its simulated `counts` (a histogram
 *   of n + 1 bins from {@link simulateOverlappingCounts}, e.g. memoised by `OverlapNullCache`)
 * @throws {RangeError} on bad counts, tau, `mpor` < 1 or `simulations` < 100, or `counts` of the wrong shape
 * @example
 * ```ts
 * import { createPrng } from "../core/prng.ts";
 * import { kupiecOverlapping } from "./kupiec_overlap.ts";
 * import { kupiecPof } from "./kupiec.ts";
 * const o = kupiecOverlapping(12, 1000, 0.99, 10, { simulations: 2000, prng: createPrng(2) });
 * console.assert(o.lr === kupiecPof(12, 1000, 0.99).lr && o.pValue > kupiecPof(12, 1000, 0.99).pValue);
 * ```
 */
export function kupiecOverlapping(
  exceptions: number,
  n: number,
  tau: number,
  mpor: number,
  opts: { simulations: number; prng: Prng } | { simulations: number; counts: Float64Array },
): OverlappingLrTest {
  const fn = "kupiecOverlapping";
  checkInt(fn, "n", n, 1);
  checkConfidence(fn, tau, "tau");
  if (!Number.isInteger(exceptions) || exceptions < 0 || exceptions > n) {
    throw new RangeError(`${fn}: exceptions must be an integer in [0, ${n}], got ${exceptions}`);
  }
  checkInt(fn, "mpor", mpor, 1);
  checkInt(fn, "simulations", opts.simulations, 100);
  const lr = kupiecPof(exceptions, n, tau).lr;
  let hist: Float64Array;
  if ("counts" in opts) {
    hist = opts.counts;
    let total = 0;
    for (let c = 0; c < hist.length; c++) total += hist[c];
    if (hist.length !== n + 1 || total !== opts.simulations) {
      throw new RangeError(
        `${fn}: counts must hold ${n + 1} bins summing to simulations (${opts.simulations}), ` +
          `got ${hist.length} bins summing to ${total}`,
      );
    }
  } else hist = simulateOverlappingCounts(n, mpor, tau, opts.prng, opts.simulations);
  let tail = 0, s1 = 0;
  for (let c = 0; c <= n; c++) {
    if (hist[c] === 0) continue;
    s1 += c * hist[c];
    if (kupiecPof(c, n, tau).lr >= lr) tail += hist[c];
  }
  const mean = s1 / opts.simulations;
  let s2 = 0;
  for (let c = 0; c <= n; c++) if (hist[c] > 0) s2 += (c - mean) * (c - mean) * hist[c];
  const p = 1 - tau;
  return { lr, pValue: tail / opts.simulations, varianceRatio: s2 / opts.simulations / (n * p * (1 - p)) };
}
