/**
 * Basel traffic-light zones for exception counts.
 *
 * Daily (non-overlapping) windows: from the binomial law `X ~ Bin(n, 1 − tau)`,
 * a count `k` is green while `P(X ≤ k) < 95%`, yellow while `P(X ≤ k) < 99.99%`,
 * red beyond (Basel Committee, 1996). For 250 observations at 99%: green 0–4,
 * yellow 5–9, red ≥ 10.
 *
 * Overlapping h-day windows: consecutive exceptions are dependent, so the
 * binomial law is too narrow. {@link overlappingZoneLimits} simulates the
 * null: i.i.d. daily N(0,1) changes, h-day sums, exception when a sum exceeds
 * the exact h-day quantile `z_τ·√h`, the count over `n` overlapping
 * windows; the zone limits are the same cumulative-probability cut-offs applied
 * to the simulated distribution (seeded, so reproducible).
 *
 * @example
 * ```ts
 * import { trafficLight, trafficLightZones } from "./traffic_light.ts";
 * trafficLightZones(250, 0.99); // { greenMax: 4, yellowMax: 9 }
 * trafficLight(7, trafficLightZones(250, 0.99)); // "yellow"
 * ```
 * @module
 */
import type { Prng } from "../core/prng.ts";
import { checkConfidence, checkInt } from "../core/check.ts";
import { binomialCdf } from "../core/distributions.ts";
import { normInv } from "../core/normal.ts";

/** Zone limits: green for counts ≤ `greenMax`, yellow for ≤ `yellowMax`, red above. */
export interface ZoneLimits {
  greenMax: number;
  yellowMax: number;
}

/** A traffic-light zone. */
export type Zone = "green" | "yellow" | "red";

/** Cumulative-probability cut-offs of the Basel zones. */
export const ZONE_CUTOFFS: { readonly green: number; readonly yellow: number } = { green: 0.95, yellow: 0.9999 };

/**
 * Binomial zone limits for `n` independent observations at `tau`.
 *
 * @throws {RangeError} on `n` < 1 or tau outside (0, 1)
 * @example
 * ```ts
 * trafficLightZones(500, 0.99); // wider limits for a longer sample
 * ```
 */
export function trafficLightZones(n: number, tau: number): ZoneLimits {
  const fn = "trafficLightZones";
  checkInt(fn, "n", n, 1);
  checkConfidence(fn, tau, "tau");
  const p = 1 - tau;
  let k = 0;
  while (k < n && binomialCdf(k, n, p) < ZONE_CUTOFFS.green) k++;
  const greenMax = k - 1;
  while (k < n && binomialCdf(k, n, p) < ZONE_CUTOFFS.yellow) k++;
  return { greenMax, yellowMax: k - 1 };
}

/**
 * Zone of an exception count.
 *
 * @throws {RangeError} when `exceptions` is not an integer ≥ 0
 * @example
 * ```ts
 * trafficLight(10, { greenMax: 4, yellowMax: 9 }); // "red"
 * ```
 */
export function trafficLight(exceptions: number, limits: ZoneLimits): Zone {
  checkInt("trafficLight", "exceptions", exceptions, 0);
  return exceptions <= limits.greenMax ? "green" : exceptions <= limits.yellowMax ? "yellow" : "red";
}

/** Options of {@link overlappingZoneLimits}. */
export interface OverlappingOptions {
  /** Number of simulated samples. Default 100,000 (the 99.99% cut-off needs many). */
  nSims?: number;
}

/**
 * Zone limits for `n` overlapping h-day windows, by seeded simulation under the null.
 * For `mpor = 1` it reproduces the binomial limits up to simulation noise.
 *
 * @throws {RangeError} on `n` < 1, `mpor` < 1, tau outside (0, 1), `nSims` < 100
 * @example
 * ```ts
 * import { createPrng } from "../core/prng.ts";
 * overlappingZoneLimits(250, 10, 0.99, createPrng(1), { nSims: 20000 });
 * ```
 */
export function overlappingZoneLimits(
  n: number,
  mpor: number,
  tau: number,
  prng: Prng,
  opts: OverlappingOptions = {},
): ZoneLimits & { distribution: Float64Array } {
  const fn = "overlappingZoneLimits";
  checkInt(fn, "n", n, 1);
  checkInt(fn, "mpor", mpor, 1);
  checkConfidence(fn, tau, "tau");
  const nSims = opts.nSims ?? 100_000;
  checkInt(fn, "nSims", nSims, 100);
  const hist = simulateOverlappingCounts(n, mpor, tau, prng, nSims);
  // cumulative distribution of the count
  const cdf = new Float64Array(n + 1);
  let acc = 0;
  for (let k = 0; k <= n; k++) {
    acc += hist[k];
    cdf[k] = acc / nSims;
  }
  let k = 0;
  while (k < n && cdf[k] < ZONE_CUTOFFS.green) k++;
  const greenMax = k - 1;
  while (k < n && cdf[k] < ZONE_CUTOFFS.yellow) k++;
  return { greenMax, yellowMax: k - 1, distribution: cdf };
}

/**
 * The simulated null distribution of the exception count over `n` overlapping h-day windows, as a histogram
 * (`hist[c]` = number of the `nSims` samples with `c` exceptions): i.i.d. daily N(0,1) changes, h-day sums, an
 * exception when a sum exceeds the exact h-day quantile `z_τ·√h`. The simulator of
 * {@link overlappingZoneLimits} and of `kupiecOverlapping`; PRNG use: `n + mpor − 1` normal draws per sample.
 *
 * @throws {RangeError} on `n` < 1, `mpor` < 1, tau outside (0, 1), `nSims` < 1
 * @example
 * ```ts
 * import { createPrng } from "../core/prng.ts";
 * import { simulateOverlappingCounts } from "./traffic_light.ts";
 * const hist = simulateOverlappingCounts(250, 2, 0.99, createPrng(1), 1000);
 * console.assert(hist.length === 251 && hist.reduce((a, b) => a + b, 0) === 1000);
 * ```
 */
export function simulateOverlappingCounts(
  n: number,
  mpor: number,
  tau: number,
  prng: Prng,
  nSims: number,
): Float64Array {
  const fn = "simulateOverlappingCounts";
  checkInt(fn, "n", n, 1);
  checkInt(fn, "mpor", mpor, 1);
  checkConfidence(fn, tau, "tau");
  checkInt(fn, "nSims", nSims, 1);
  const thr = normInv(tau) * Math.sqrt(mpor);
  const z = new Float64Array(n + mpor - 1);
  const hist = new Float64Array(n + 1);
  for (let sim = 0; sim < nSims; sim++) {
    for (let i = 0; i < z.length; i++) z[i] = prng.normal();
    let s = 0;
    for (let i = 0; i < mpor - 1; i++) s += z[i];
    let count = 0;
    for (let t = 0; t < n; t++) {
      s += z[t + mpor - 1];
      if (s > thr) count++;
      s -= z[t];
    }
    hist[count]++;
  }
  return hist;
}
