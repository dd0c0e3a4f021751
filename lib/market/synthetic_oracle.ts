/**
 * The oracle margin: the model's true conditional quantile of the h-day loss of
 * a futures position, given the state of the synthetic market at `t`.
 *
 * Loss convention (positive = loss, USD): `L_{t,t+h} = −position · 1000 · (F_{t+h} − F_t)`
 * for `position` contracts of 1,000 bbl (`+1` long, `−1` short).
 *
 * Method: seeded conditional Monte Carlo of `paths` paths of regimes, variance
 * shocks and jump counts from the state at `t`; conditional on each path the
 * log-price change is exactly Gaussian, so the loss CDF is a mixture of lognormal
 * CDFs (Rao–Blackwellized: much smaller error in the tail than an empirical
 * quantile of the same number of paths). The quantile solves the mixture CDF by
 * safeguarded Newton. The only error is the Monte Carlo error over paths.
 *
 * @example
 * ```ts
 * import { generateSyntheticMarket } from "./synthetic_market.ts";
 * import { oracleQuantile } from "./synthetic_oracle.ts";
 * import { createPrng } from "../core/prng.ts";
 * const m = generateSyntheticMarket(1, { days: 50, chains: false });
 * const im = oracleQuantile(m, 10, 2, 1, 0.99, createPrng(5)); // USD, 99% 2-day loss of 1 long contract
 * ```
 * @module
 */

import type { Prng } from "../core/prng.ts";
import { normCdf, normPdf } from "./black76.ts";
import { type ConditionalMixture, conditionalMixture } from "./synthetic_dynamics.ts";
import type { SyntheticMarket } from "./synthetic_market.ts";

/** Barrels per contract: P&L of one contract = 1,000 × price change. */
export const CONTRACT_SIZE = 1000;

/** Options of the oracle. */
export interface OracleOptions {
  /** Conditional Monte Carlo paths (default 4000). */
  paths?: number;
  /** Units per contract (default 1000 bbl). */
  contractSize?: number;
}

function checkArgs(fn: string, position: number, q: number): void {
  if (!Number.isFinite(position) || position === 0) {
    throw new RangeError(`${fn}: position must be a finite non-zero number of contracts, got ${position}`);
  }
  if (!(q > 0 && q < 1)) throw new RangeError(`${fn}: quantile level q must be in (0, 1), got ${q}`);
}

/**
 * q-quantile of the loss `−position·c·(F0·e^{Δ} − F0)` when `Δ` follows the mixture
 * component set `k` (horizon index) of `mix`.
 *
 * @example
 * ```ts
 * const p = defaultSyntheticParams();
 * const mix = conditionalMixture(p, 0, p.thetaV[0], [1], 2000, createPrng(1));
 * mixtureLossQuantile(70, mix, 0, 1, 0.99); // ≈ 1000·70·2.33·0.3/√252 ≈ 3,100 USD
 * ```
 */
export function mixtureLossQuantile(
  F0: number,
  mix: ConditionalMixture,
  k: number,
  position: number,
  q: number,
  contractSize = CONTRACT_SIZE,
): number {
  checkArgs("mixtureLossQuantile", position, q);
  if (!(F0 > 0)) throw new RangeError(`mixtureLossQuantile: F0 must be > 0, got ${F0}`);
  if (!Number.isInteger(k) || k < 0 || k >= mix.horizons.length) {
    throw new RangeError(`mixtureLossQuantile: horizon index k must be in [0, ${mix.horizons.length - 1}], got ${k}`);
  }
  const M = mix.nPaths;
  const mean = mix.mean.subarray(k * M, (k + 1) * M);
  const sd = new Float64Array(M);
  let lo = Infinity, hi = -Infinity, m0 = 0, v0 = 0;
  for (let i = 0; i < M; i++) {
    sd[i] = Math.sqrt(mix.variance[k * M + i]);
    lo = Math.min(lo, mean[i] - 12 * sd[i]);
    hi = Math.max(hi, mean[i] + 12 * sd[i]);
    m0 += mean[i];
    v0 += mix.variance[k * M + i] + mean[i] * mean[i];
  }
  m0 /= M;
  v0 = Math.max(v0 / M - m0 * m0, 1e-300);
  // Long loses when Δ is low: solve P(Δ ≤ u) = 1 − q; short: P(Δ ≤ u) = q.
  const target = position > 0 ? 1 - q : q;
  const zGuess = position > 0 ? -2.326 : 2.326;
  let u = Math.min(Math.max(m0 + zGuess * Math.sqrt(v0), lo), hi);
  for (let it = 0; it < 200; it++) {
    let G = 0, g = 0;
    for (let i = 0; i < M; i++) {
      const z = (u - mean[i]) / sd[i];
      G += normCdf(z);
      g += normPdf(z) / sd[i];
    }
    G = G / M - target;
    g /= M;
    if (G > 0) hi = u;
    else lo = u;
    let next = u - G / g;
    if (!(next > lo && next < hi) || !Number.isFinite(next)) next = 0.5 * (lo + hi);
    const done = Math.abs(next - u) < 1e-13 || hi - lo < 1e-13;
    u = next;
    if (done) break;
  }
  const FT = F0 * Math.exp(u);
  return -position * contractSize * (FT - F0);
}

/**
 * True conditional q-quantile (USD) of the h-day loss of `position` front-futures
 * contracts held from day `t` of `market` — the oracle margin.
 *
 * @throws {RangeError} on a bad `t`, `h`, `position` or `q`
 * @example
 * ```ts
 * oracleQuantile(m, 100, 10, -1, 0.99, createPrng(3), { paths: 2000 }); // short position, 10-day MPOR
 * ```
 */
export function oracleQuantile(
  market: SyntheticMarket,
  t: number,
  h: number,
  position: number,
  q: number,
  prng: Prng,
  opts: OracleOptions = {},
): number {
  checkArgs("oracleQuantile", position, q);
  const T = market.front.length;
  if (!Number.isInteger(t) || t < 0 || t >= T) {
    throw new RangeError(`oracleQuantile: t must be an index in [0, ${T - 1}], got ${t}`);
  }
  if (!Number.isInteger(h) || h < 1) throw new RangeError(`oracleQuantile: h must be an integer >= 1, got ${h}`);
  const paths = opts.paths ?? 4000;
  const mix = conditionalMixture(market.params, market.regime[t], market.logVar[t], [h], paths, prng);
  return mixtureLossQuantile(market.front[t], mix, 0, position, q, opts.contractSize ?? CONTRACT_SIZE);
}

/**
 * Oracle quantile for every day `t` (each day draws its own paths from `prng`,
 * in date order).
 *
 * @example
 * ```ts
 * const oracle = oracleQuantileSeries(m, 10, 1, 0.99, createPrng(3), { paths: 1000 });
 * ```
 */
export function oracleQuantileSeries(
  market: SyntheticMarket,
  h: number,
  position: number,
  q: number,
  prng: Prng,
  opts: OracleOptions = {},
): Float64Array {
  const T = market.front.length;
  const out = new Float64Array(T);
  for (let t = 0; t < T; t++) out[t] = oracleQuantile(market, t, h, position, q, prng, opts);
  return out;
}
