/**
 * Daily option chains on the synthetic front future, priced from the model.
 *
 * **Pricer.** Conditional on today's state (regime, log-variance) the model's
 * terminal distribution of `ln F_T` is a mixture of Gaussians (see
 * `synthetic_dynamics.ts`): conditional on a path of regimes, variance shocks and
 * jump counts it is exactly normal. We simulate `pricerPaths` such paths with
 * **common random numbers** (one set of draws reused every day, so the surface is
 * a smooth deterministic function of the state) and price each option as the
 * path average of Black-76 prices with the path's conditional forward and
 * variance. A moment-matching step shifts every path's mean by the same constant
 * so that the mixture forward equals `F` exactly (put–call parity holds). Since
 * the front future carries no risk premium in this model, these are the
 * risk-neutral prices. The surface depends on the state only through
 * (regime, log-variance) and scales with `F`; the spot–vol correlation and the
 * jumps produce skew, the vol-of-vol and jumps produce smile.
 *
 * **Quotes.** Strikes `K = F·exp(z·σ_ref·√T)` rounded to the tick (`σ_ref` the
 * slice's model ATM-ish vol `√(E[s²]/T)`); each strike is missing with probability
 * `missingProb` (gaps); bid/ask = noisy mid ∓ half spread with
 * `half = max(tick, spreadRel·price)`, mid noise `midNoise·half·N(0,1)`, rounded to
 * the tick, bid floored at 0. `modelVol` is the exact (noise-free) model implied vol.
 *
 * @example
 * ```ts
 * import { buildSyntheticChain } from "./synthetic_chain.ts";
 * import { drawPaths } from "./synthetic_dynamics.ts";
 * import { defaultSyntheticParams } from "./synthetic_params.ts";
 * import { createPrng } from "../core/prng.ts";
 * const p = defaultSyntheticParams();
 * const draws = drawPaths(p.pricerPaths, 126, createPrng(1));
 * const chain = buildSyntheticChain(p, "2000-01-03", 70, 0, p.thetaV[0], draws, createPrng(2));
 * chain.slices[0].strikes.length; // ≈ 19 of 21 (gaps)
 * ```
 * @module
 */

import type { Prng } from "../core/prng.ts";
import { normPdf } from "../core/normal.ts";
import { black76PriceUnchecked } from "./black76.ts";
import { type ConditionalMixture, conditionalMixtureFromDraws, DT, type PathDraws } from "./synthetic_dynamics.ts";
import type { SyntheticParams } from "./synthetic_params.ts";

/** One expiry of a daily chain: strikes ascending, quotes aligned with strikes (NaN = no quote). */
export interface ChainSlice {
  /** Business days to expiry. */
  expiryDays: number;
  /** Time to expiry in years (`expiryDays / 252`). */
  T: number;
  /** Discount factor to expiry. */
  df: number;
  /** Underlying futures price (the front future). */
  forward: number;
  strikes: Float64Array;
  callBid: Float64Array;
  callAsk: Float64Array;
  putBid: Float64Array;
  putAsk: Float64Array;
  /** Ground truth: the model's implied Black-76 vol at each strike (no noise). */
  modelVol: Float64Array;
}

/** All slices quoted on one date. */
export interface DailyChain {
  date: string;
  forward: number;
  slices: ChainSlice[];
}

/**
 * Black-76 implied vol by safeguarded Newton (bisection fallback) from an
 * out-of-the-money price; NaN when the price is outside the no-arbitrage bounds.
 *
 * @example
 * ```ts
 * import { black76Price } from "./black76.ts";
 * const s = impliedVolOtm(black76Price(true, 100, 110, 1, 0.3, 1), true, 100, 110, 1, 1); // ≈ 0.3
 * ```
 */
export function impliedVolOtm(price: number, isCall: boolean, F: number, K: number, T: number, df: number): number {
  const intrinsic = df * Math.max(isCall ? F - K : K - F, 0);
  const upper = isCall ? df * F : df * K;
  if (!(price > intrinsic) || !(price < upper) || !(T > 0)) return NaN;
  let lo = 1e-8, hi = 10;
  let sigma = Math.min(Math.max(Math.sqrt(Math.abs(2 * Math.log(F / K)) / T), 0.05), 3);
  for (let it = 0; it < 100; it++) {
    const sqrtT = Math.sqrt(T);
    const pr = black76PriceUnchecked(isCall, F, K, T, sigma, df);
    const diff = pr - price;
    if (diff > 0) hi = sigma;
    else lo = sigma;
    const sd = sigma * sqrtT;
    const d1 = Math.log(F / K) / sd + 0.5 * sd;
    const vega = df * F * normPdf(d1) * sqrtT;
    let next = sigma - diff / vega;
    if (!(next > lo && next < hi) || !Number.isFinite(next)) next = 0.5 * (lo + hi);
    if (Math.abs(next - sigma) < 1e-13 * Math.max(1, sigma) || hi - lo < 1e-14) return next;
    sigma = next;
  }
  return sigma;
}

function roundTick(x: number, tick: number): number {
  const inv = 1 / tick;
  const invR = Math.round(inv);
  return Math.abs(inv - invR) < 1e-9 ? Math.round(x * invR) / invR : Math.round(x / tick) * tick;
}

/**
 * Model call and put prices (and implied vols) for strikes on each slice,
 * conditional on (regime, logVar), using the common path draws.
 *
 * @example
 * ```ts
 * import { createPrng } from "../core/prng.ts";
 * import { defaultSyntheticParams } from "./synthetic_params.ts";
 * import { drawPaths } from "./synthetic_dynamics.ts";
 * const p = defaultSyntheticParams();
 * const d = drawPaths(64, 126, createPrng(1));
 * const r = syntheticModelPrices(p, 70, 0, p.thetaV[0], [21], [[60, 70, 80]], d);
 * r[0].call[1]; // ATM call
 * ```
 */
export function syntheticModelPrices(
  p: SyntheticParams,
  F: number,
  regime: number,
  logVar: number,
  expiryDays: readonly number[],
  strikes: readonly (ArrayLike<number>)[],
  draws: PathDraws,
): { call: Float64Array; put: Float64Array; vol: Float64Array; refVol: number }[] {
  if (!(F > 0)) throw new RangeError(`syntheticModelPrices: forward F must be > 0, got ${F}`);
  const mix = conditionalMixtureFromDraws(p, regime, logVar, expiryDays, draws);
  return pricesFromMixture(p, F, mix, strikes);
}

function pricesFromMixture(
  p: SyntheticParams,
  F: number,
  mix: ConditionalMixture,
  strikes: readonly (ArrayLike<number>)[],
): { call: Float64Array; put: Float64Array; vol: Float64Array; refVol: number }[] {
  const expiryDays = mix.horizons;
  const M = mix.nPaths;
  const out = [];
  for (let k = 0; k < expiryDays.length; k++) {
    const T = expiryDays[k] * DT;
    const df = Math.exp(-p.rate * T);
    let acc = 0, vAcc = 0;
    for (let i = 0; i < M; i++) {
      acc += Math.exp(mix.mean[k * M + i] + 0.5 * mix.variance[k * M + i]);
      vAcc += mix.variance[k * M + i];
    }
    const shift = -Math.log(acc / M);
    const Ks = strikes[k];
    const n = Ks.length;
    const call = new Float64Array(n), put = new Float64Array(n), vol = new Float64Array(n);
    for (let j = 0; j < n; j++) {
      const K = Ks[j];
      if (!(K > 0)) throw new RangeError(`syntheticModelPrices: strike must be > 0, got ${K} (slice ${k}, index ${j})`);
      const otmCall = K >= F;
      let s = 0;
      for (let i = 0; i < M; i++) {
        const v = mix.variance[k * M + i];
        const Fi = F * Math.exp(mix.mean[k * M + i] + shift + 0.5 * v);
        s += black76PriceUnchecked(otmCall, Fi, K, T, Math.sqrt(v / T), df);
      }
      const otm = s / M;
      const parity = df * (F - K);
      if (otmCall) {
        call[j] = otm;
        put[j] = otm - parity;
      } else {
        put[j] = otm;
        call[j] = otm + parity;
      }
      vol[j] = impliedVolOtm(otm, otmCall, F, K, T, df);
    }
    out.push({ call, put, vol, refVol: Math.sqrt(vAcc / M / T) });
  }
  return out;
}

/**
 * Build one day's noisy chain for the state (F, regime, logVar). Random quote
 * noise and gaps come from `quoteRng`, in a fixed order.
 *
 * @example
 * ```ts
 * import { createPrng } from "../core/prng.ts";
 * import { defaultSyntheticParams } from "./synthetic_params.ts";
 * import { drawPaths } from "./synthetic_dynamics.ts";
 * const p = defaultSyntheticParams();
 * buildSyntheticChain(p, "2000-01-03", 70, 0, p.thetaV[0], drawPaths(64, 126, createPrng(1)), createPrng(2));
 * ```
 */
export function buildSyntheticChain(
  p: SyntheticParams,
  date: string,
  F: number,
  regime: number,
  logVar: number,
  draws: PathDraws,
  quoteRng: Prng,
): DailyChain {
  // First pass: reference vols per slice for the strike grid (cheap: no strikes).
  if (!(F > 0)) throw new RangeError(`buildSyntheticChain: forward F must be > 0, got ${F}`);
  const mix = conditionalMixtureFromDraws(p, regime, logVar, p.expiryDays, draws);
  const ref = pricesFromMixture(p, F, mix, p.expiryDays.map(() => []));
  const strikeSets: Float64Array[] = [];
  for (let k = 0; k < p.expiryDays.length; k++) {
    const T = p.expiryDays[k] * DT;
    const ks: number[] = [];
    for (const z of p.strikeZ) {
      const K = roundTick(F * Math.exp(z * ref[k].refVol * Math.sqrt(T)), p.tick);
      if (K > 0 && (ks.length === 0 || K > ks[ks.length - 1])) ks.push(K);
    }
    const kept: number[] = [];
    for (const K of ks) if (quoteRng.next() >= p.missingProb) kept.push(K);
    strikeSets.push(Float64Array.from(kept));
  }
  const priced = pricesFromMixture(p, F, mix, strikeSets);
  const slices: ChainSlice[] = [];
  for (let k = 0; k < p.expiryDays.length; k++) {
    const T = p.expiryDays[k] * DT;
    const strikes = strikeSets[k];
    const n = strikes.length;
    const callBid = new Float64Array(n), callAsk = new Float64Array(n);
    const putBid = new Float64Array(n), putAsk = new Float64Array(n);
    for (let j = 0; j < n; j++) {
      quote(priced[k].call[j], p, quoteRng, callBid, callAsk, j);
      quote(priced[k].put[j], p, quoteRng, putBid, putAsk, j);
    }
    slices.push({
      expiryDays: p.expiryDays[k],
      T,
      df: Math.exp(-p.rate * T),
      forward: F,
      strikes,
      callBid,
      callAsk,
      putBid,
      putAsk,
      modelVol: priced[k].vol,
    });
  }
  return { date, forward: F, slices };
}

function quote(price: number, p: SyntheticParams, rng: Prng, bid: Float64Array, ask: Float64Array, j: number): void {
  const z = rng.normal();
  const half = Math.max(p.tick, p.spreadRel * price);
  const mid = price + p.midNoise * half * z;
  bid[j] = Math.max(0, roundTick(mid - half, p.tick));
  ask[j] = Math.max(p.tick, roundTick(mid + half, p.tick));
}
