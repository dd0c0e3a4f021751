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
import { normCdf, normPdf } from "../core/normal.ts";
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

function checkArgs(fn: string, position: number, tau: number): void {
  if (!Number.isFinite(position) || position === 0) {
    throw new RangeError(`${fn}: position must be a finite non-zero number of contracts, got ${position}`);
  }
  if (!(tau > 0 && tau < 1)) throw new RangeError(`${fn}: quantile level tau must be in (0, 1), got ${tau}`);
}

/**
 * The conditional distribution of the loss `L = −position·c·(F_T − F0)` when
 * `ln(F_T/F0)` follows a Gaussian mixture (equal weights): CDF, quantile,
 * expected shortfall and mean, all exact for the mixture.
 */
export interface LossDistribution {
  F0: number;
  position: number;
  contractSize: number;
  /** Mixture component means and standard deviations of ln(F_T/F0). */
  componentMean: Float64Array;
  componentSd: Float64Array;
  /** P(L ≤ x). */
  cdf(x: number): number;
  /** Smallest x with P(L ≤ x) ≥ tau. */
  quantile(tau: number): number;
  /** E[L | L ≥ quantile(tau)]. */
  expectedShortfall(tau: number): number;
  /** E[L] (0 up to Monte Carlo error: F is a martingale). */
  expectedLoss(): number;
}

/**
 * Loss distribution of `position` contracts from the mixture component set `k`
 * (horizon index) of `mix`, starting at price `F0`.
 *
 * @throws {RangeError} on a bad F0, k, position or contract size
 * @example
 * ```ts
 * import { createPrng } from "../core/prng.ts";
 * import { defaultSyntheticParams } from "./synthetic_params.ts";
 * import { conditionalMixture } from "./synthetic_dynamics.ts";
 * const p = defaultSyntheticParams();
 * const mix = conditionalMixture(p, 0, p.thetaV[0], [1], 2000, createPrng(1));
 * const d = mixtureLossDistribution(70, mix, 0, 1);
 * d.quantile(0.99); // ≈ 3,330 USD: fatter-tailed than the normal 1000·70·2.33·0.3/√252 ≈ 3,100
 * d.expectedShortfall(0.975);
 * ```
 */
export function mixtureLossDistribution(
  F0: number,
  mix: ConditionalMixture,
  k: number,
  position: number,
  contractSize = CONTRACT_SIZE,
): LossDistribution {
  if (!Number.isFinite(position) || position === 0) {
    throw new RangeError(
      `mixtureLossDistribution: position must be a finite non-zero number of contracts, got ${position}`,
    );
  }
  if (!(F0 > 0) || !Number.isFinite(F0)) throw new RangeError(`mixtureLossDistribution: F0 must be > 0, got ${F0}`);
  if (!(contractSize > 0)) {
    throw new RangeError(`mixtureLossDistribution: contractSize must be > 0, got ${contractSize}`);
  }
  if (!Number.isInteger(k) || k < 0 || k >= mix.horizons.length) {
    throw new RangeError(
      `mixtureLossDistribution: horizon index k must be in [0, ${mix.horizons.length - 1}], got ${k}`,
    );
  }
  const M = mix.nPaths;
  const mean = mix.mean.slice(k * M, (k + 1) * M);
  const sd = new Float64Array(M);
  for (let i = 0; i < M; i++) sd[i] = Math.sqrt(mix.variance[k * M + i]);
  const scale = Math.abs(position) * contractSize;
  const long = position > 0;
  /** P(ln(F_T/F0) ≤ u). */
  const G = (u: number): number => {
    let s = 0;
    for (let i = 0; i < M; i++) s += normCdf((u - mean[i]) / sd[i]);
    return s / M;
  };
  /** Solve G(u) = target by safeguarded Newton. */
  const solve = (target: number): number => {
    let lo = Infinity, hi = -Infinity, m0 = 0, v0 = 0;
    for (let i = 0; i < M; i++) {
      lo = Math.min(lo, mean[i] - 12 * sd[i]);
      hi = Math.max(hi, mean[i] + 12 * sd[i]);
      m0 += mean[i];
      v0 += sd[i] * sd[i] + mean[i] * mean[i];
    }
    m0 /= M;
    v0 = Math.max(v0 / M - m0 * m0, 1e-300);
    let u = Math.min(Math.max(m0 + Math.SQRT2 * erfInvApprox(2 * target - 1) * Math.sqrt(v0), lo), hi);
    for (let it = 0; it < 200; it++) {
      let g = 0, d = 0;
      for (let i = 0; i < M; i++) {
        const z = (u - mean[i]) / sd[i];
        g += normCdf(z);
        d += normPdf(z) / sd[i];
      }
      g = g / M - target;
      d /= M;
      if (g > 0) hi = u;
      else lo = u;
      let next = u - g / d;
      if (!(next > lo && next < hi) || !Number.isFinite(next)) next = 0.5 * (lo + hi);
      const done = Math.abs(next - u) < 1e-13 || hi - lo < 1e-13;
      u = next;
      if (done) break;
    }
    return u;
  };
  const checkTau = (fn: string, tau: number) => {
    if (!(tau > 0 && tau < 1)) {
      throw new RangeError(`LossDistribution.${fn}: quantile level tau must be in (0, 1), got ${tau}`);
    }
  };
  const dist: LossDistribution = {
    F0,
    position,
    contractSize,
    componentMean: mean,
    componentSd: sd,
    cdf(x: number): number {
      // Long: L ≤ x ⇔ F_T ≥ F0 − x/scale; short: L ≤ x ⇔ F_T ≤ F0 + x/scale.
      const b = long ? F0 - x / scale : F0 + x / scale;
      if (!(b > 0)) return long ? 1 : 0;
      const g = G(Math.log(b / F0));
      return long ? 1 - g : g;
    },
    quantile(tau: number): number {
      checkTau("quantile", tau);
      const u = solve(long ? 1 - tau : tau);
      return -Math.sign(position) * scale * (F0 * Math.exp(u) - F0);
    },
    expectedShortfall(tau: number): number {
      checkTau("expectedShortfall", tau);
      const u = solve(long ? 1 - tau : tau);
      // Partial expectation of F_T beyond the threshold, component by component.
      let pe = 0;
      for (let i = 0; i < M; i++) {
        const s = sd[i], m = mean[i];
        const z = long ? (u - m - s * s) / s : (m + s * s - u) / s;
        pe += Math.exp(m + 0.5 * s * s) * normCdf(z);
      }
      const tailMeanF = (F0 * pe) / M / (1 - tau);
      return long ? scale * (F0 - tailMeanF) : scale * (tailMeanF - F0);
    },
    expectedLoss(): number {
      let e = 0;
      for (let i = 0; i < M; i++) e += Math.exp(mean[i] + 0.5 * sd[i] * sd[i]);
      return -Math.sign(position) * scale * (F0 * e / M - F0);
    },
  };
  return dist;
}

/** Rough closed-form inverse error function (Winitzki), only used as a Newton starting point. */
function erfInvApprox(x: number): number {
  const a = 0.147;
  const l = Math.log(Math.max(1 - x * x, 1e-300));
  const t = 2 / (Math.PI * a) + l / 2;
  return Math.sign(x) * Math.sqrt(Math.sqrt(t * t - l / a) - t);
}

/**
 * τ-quantile of the loss of `position` contracts from the mixture component set
 * `k` of `mix` (see `mixtureLossDistribution`).
 *
 * @example
 * ```ts
 * import { createPrng } from "../core/prng.ts";
 * import { defaultSyntheticParams } from "./synthetic_params.ts";
 * import { conditionalMixture } from "./synthetic_dynamics.ts";
 * const p = defaultSyntheticParams();
 * const mix = conditionalMixture(p, 0, p.thetaV[0], [1], 2000, createPrng(1));
 * mixtureLossQuantile(70, mix, 0, 1, 0.99); // ≈ 3,330 USD
 * ```
 */
export function mixtureLossQuantile(
  F0: number,
  mix: ConditionalMixture,
  k: number,
  position: number,
  tau: number,
  contractSize = CONTRACT_SIZE,
): number {
  checkArgs("mixtureLossQuantile", position, tau);
  return mixtureLossDistribution(F0, mix, k, position, contractSize).quantile(tau);
}

/**
 * The model's true conditional distribution of the h-day loss of `position`
 * front-futures contracts held from day `t` (quantile, ES, CDF).
 *
 * @throws {RangeError} on a bad `t`, `mpor` or `position`
 * @example
 * ```ts
 * import { createPrng } from "../core/prng.ts";
 * import { generateSyntheticMarket } from "./synthetic_market.ts";
 * const m = generateSyntheticMarket(1, { days: 120, chains: false });
 * const d = oracleLossDistribution(m, 10, 5, 1, createPrng(3));
 * d.quantile(0.99);
 * d.expectedShortfall(0.975);
 * ```
 */
export function oracleLossDistribution(
  market: SyntheticMarket,
  t: number,
  mpor: number,
  position: number,
  prng: Prng,
  opts: OracleOptions = {},
): LossDistribution {
  const T = market.front.length;
  if (!Number.isInteger(t) || t < 0 || t >= T) {
    throw new RangeError(`oracleLossDistribution: t must be an index in [0, ${T - 1}], got ${t}`);
  }
  if (!Number.isInteger(mpor) || mpor < 1) {
    throw new RangeError(`oracleLossDistribution: mpor must be an integer >= 1, got ${mpor}`);
  }
  if (!Number.isFinite(position) || position === 0) {
    throw new RangeError(
      `oracleLossDistribution: position must be a finite non-zero number of contracts, got ${position}`,
    );
  }
  const paths = opts.paths ?? 4000;
  const mix = conditionalMixture(market.params, market.regime[t], market.logVar[t], [mpor], paths, prng);
  return mixtureLossDistribution(market.front[t], mix, 0, position, opts.contractSize ?? CONTRACT_SIZE);
}

/**
 * True conditional τ-quantile (USD) of the h-day loss of `position` front-futures
 * contracts held from day `t` of `market` — the oracle margin.
 *
 * @throws {RangeError} on a bad `t`, `mpor`, `position` or `tau`
 * @example
 * ```ts
 * import { createPrng } from "../core/prng.ts";
 * import { generateSyntheticMarket } from "./synthetic_market.ts";
 * const m = generateSyntheticMarket(1, { days: 120, chains: false });
 * oracleQuantile(m, 100, 10, -1, 0.99, createPrng(3), { paths: 2000 }); // short position, 10-day MPOR
 * ```
 */
export function oracleQuantile(
  market: SyntheticMarket,
  t: number,
  mpor: number,
  position: number,
  tau: number,
  prng: Prng,
  opts: OracleOptions = {},
): number {
  checkArgs("oracleQuantile", position, tau);
  const T = market.front.length;
  if (!Number.isInteger(t) || t < 0 || t >= T) {
    throw new RangeError(`oracleQuantile: t must be an index in [0, ${T - 1}], got ${t}`);
  }
  if (!Number.isInteger(mpor) || mpor < 1) {
    throw new RangeError(`oracleQuantile: mpor must be an integer >= 1, got ${mpor}`);
  }
  return oracleLossDistribution(market, t, mpor, position, prng, opts).quantile(tau);
}

/**
 * Oracle quantile for every day `t` (each day draws its own paths from `prng`,
 * in date order).
 *
 * @example
 * ```ts
 * import { createPrng } from "../core/prng.ts";
 * import { generateSyntheticMarket } from "./synthetic_market.ts";
 * const m = generateSyntheticMarket(1, { days: 120, chains: false });
 * const oracle = oracleQuantileSeries(m, 10, 1, 0.99, createPrng(3), { paths: 200 });
 * ```
 */
export function oracleQuantileSeries(
  market: SyntheticMarket,
  mpor: number,
  position: number,
  tau: number,
  prng: Prng,
  opts: OracleOptions = {},
): Float64Array {
  const T = market.front.length;
  const out = new Float64Array(T);
  for (let t = 0; t < T; t++) out[t] = oracleQuantile(market, t, mpor, position, tau, prng, opts);
  return out;
}
