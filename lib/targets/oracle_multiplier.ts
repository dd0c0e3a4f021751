/**
 * **Target-side, uses the model's truth — never a feature.** The synthetic market's oracle multiplier: the model's
 * true conditional quantile `q*_t` of the h-day loss of a futures position over the baseline HS VaR `IM_t` of the
 * trailing `lookback` h-day P&Ls (`q*_t / IM_t`, the multiplier a perfect forecaster would output), and the
 * scale-free oracle `q*_t / (contractSize · F_t)`.
 * @module
 */
import type { Prng } from "../core/prng.ts";
import { hsMargin } from "../margin/hs.ts";
import { rollingMargin } from "../margin/rolling_margin.ts";
import type { SyntheticMarket } from "../market/synthetic_market.ts";
import { oracleQuantileSeries } from "../market/synthetic_oracle.ts";

/** Options of {@link oracleMultiplier}. */
export interface OracleMultiplierOptions {
  /** MPOR h (days). */
  mpor: number;
  /** Position in contracts: 1 long, −1 short. */
  position: 1 | -1;
  /** Quantile level τ of the HS VaR and of the oracle quantile. */
  tau: number;
  /** HS window (h-day P&Ls). */
  lookback: number;
  /** Units per contract (bbl). */
  contractSize: number;
  /** Simulated paths per day of the oracle. */
  paths: number;
}

/** {@link oracleMultiplier}'s result, one value per market day (NaN where undefined). */
export interface OracleMultiplier {
  /** HS VaR of the position (NaN until `mpor + lookback − 1`). */
  im: Float64Array;
  /** True conditional quantile of the h-day loss. */
  quantile: Float64Array;
  /** `quantile / im` where im > 0. */
  multiplier: Float64Array;
  /** `quantile / (contractSize · front)`. */
  relative: Float64Array;
}

/**
 * Oracle multiplier series of a synthetic market (each day draws its oracle paths from `prng`, in date order).
 *
 * @throws {RangeError} from the oracle on a bad horizon, position or level
 * @example
 * ```ts
 * import { oracleMultiplier } from "./oracle_multiplier.ts";
 * import { generateSyntheticMarket } from "../market/synthetic_market.ts";
 * import { createPrng } from "../core/prng.ts";
 * const market = generateSyntheticMarket(1, { days: 80, chains: false });
 * const o = oracleMultiplier(market, createPrng(2), { mpor: 2, position: 1, tau: 0.99, lookback: 50, contractSize: 1000, paths: 50 });
 * console.assert(Number.isNaN(o.multiplier[50]) && o.multiplier[51] > 0);
 * ```
 */
export function oracleMultiplier(market: SyntheticMarket, prng: Prng, opts: OracleMultiplierOptions): OracleMultiplier {
  const T = market.front.length, mpor = opts.mpor, c = opts.contractSize;
  const pnl = new Float64Array(Math.max(T - mpor, 0));
  for (let t = mpor; t < T; t++) pnl[t - mpor] = opts.position * c * (market.front[t] - market.front[t - mpor]);
  const im = new Float64Array(T).fill(NaN);
  im.set(
    rollingMargin(pnl, (w) => hsMargin(w, { tau: opts.tau, measure: "var" }), {
      lookback: opts.lookback,
    }),
    mpor,
  );
  const quantile = oracleQuantileSeries(market, mpor, opts.position, opts.tau, prng, {
    paths: opts.paths,
    contractSize: c,
  });
  return {
    im,
    quantile,
    multiplier: Float64Array.from(quantile, (q, t) => im[t] > 0 ? q / im[t] : NaN),
    relative: Float64Array.from(quantile, (q, t) => q / (c * market.front[t])),
  };
}
