/**
 * One smile fitted two ways — raw SVI on total variance and SABR (fixed β) on implied vol — with the equal-weight
 * vol RMSE and max error of both over the quotes, their weighted RMSEs, and the arbitrage flags of each fit
 * (SVI butterfly on the default and on the quoted k range, Lee wings; SABR butterfly; SABR convergence).
 * @module
 */
import { butterflyCheck } from "./arbitrage.ts";
import { fitSabr } from "./fit_sabr.ts";
import { fitSvi } from "./fit_svi.ts";
import { type SabrParams, sabrVol } from "./sabr.ts";
import { type SviParams, sviTotalVariance } from "./svi.ts";

/** The quotes of one smile: log-moneyness, total variance, strikes and implied vols (same length), forward and T. */
export interface SmileQuotes {
  /** ln(K/F), ascending. */
  k: Float64Array;
  /** Total implied variance σ²T. */
  w: Float64Array;
  strikes: Float64Array;
  vol: Float64Array;
  forward: number;
  /** Years to expiry. */
  T: number;
}

/** Options of {@link fitSmile}. */
export interface SmileFitOptions {
  /** Fit weights of both fits (undefined: equal weights). */
  weights?: Float64Array;
  /** SABR β (fixed). */
  sabrBeta: number;
  /** Names the smile in errors. */
  label: string;
  /** Points of the k grid of the quoted-range SVI butterfly check. */
  gridN: number;
}

/** {@link fitSmile}'s result; RMSEs and errors are in vol (0.01 = one vol point). */
export interface SmileFit {
  svi: SviParams;
  sabr: SabrParams;
  sviRmse: number;
  sviMax: number;
  sabrRmse: number;
  sabrMax: number;
  sviWeightedRmse: number;
  sabrWeightedRmse: number;
  sviButterflyOk: boolean;
  /** SVI butterfly check on the quoted k range only. */
  sviButterflyOkQuoted: boolean;
  sviLeeOk: boolean;
  sviArbOk: boolean;
  sabrButterflyOk: boolean;
  sabrConverged: boolean;
}

/**
 * SVI and SABR fits of one smile with the equal-weight vol RMSE of both.
 *
 * @throws {RangeError} from the fits on a malformed smile (fewer than 5 quotes, bad values), naming `label`
 * @example
 * ```ts
 * import { fitSmile } from "./smile_fit.ts";
 * import { sviTotalVariance } from "./svi.ts";
 * const svi = { a: 0.02, b: 0.1, rho: -0.4, m: 0, sigma: 0.2 }, T = 0.5, F = 100;
 * const k = Float64Array.from({ length: 9 }, (_, i) => -0.4 + 0.1 * i);
 * const w = k.map((x) => sviTotalVariance(svi, x)), vol = w.map((x) => Math.sqrt(x / T));
 * const f = fitSmile({ k, w, strikes: k.map((x) => F * Math.exp(x)), vol, forward: F, T }, { sabrBeta: 1, label: "demo", gridN: 50 });
 * console.assert(f.sviRmse < 1e-3); // an SVI smile is fitted by SVI
 * ```
 */
export function fitSmile(q: SmileQuotes, opts: SmileFitOptions): SmileFit {
  const { k, w, strikes: K, vol, forward: F, T } = q;
  const { weights, label } = opts;
  const s = fitSvi(k, w, weights, { T, label });
  const b = fitSabr(F, T, K, vol, opts.sabrBeta, 0, { label, weights });
  let se1 = 0, se2 = 0, m1 = 0, m2 = 0;
  for (let i = 0; i < k.length; i++) {
    const e1 = Math.sqrt(Math.max(sviTotalVariance(s.params, k[i]), 0) / T) - vol[i];
    const e2 = sabrVol(K[i], F, T, b.params) - vol[i];
    se1 += e1 * e1;
    se2 += e2 * e2;
    m1 = Math.max(m1, Math.abs(e1));
    m2 = Math.max(m2, Math.abs(e2));
  }
  const n = k.length;
  let kLo = Infinity, kHi = -Infinity;
  for (const x of k) {
    kLo = Math.min(kLo, x);
    kHi = Math.max(kHi, x);
  }
  return {
    svi: s.params,
    sabr: b.params,
    sviRmse: Math.sqrt(se1 / n),
    sviMax: m1,
    sabrRmse: Math.sqrt(se2 / n),
    sabrMax: m2,
    sviWeightedRmse: s.rmseVol ?? NaN,
    sabrWeightedRmse: b.rmse,
    sviButterflyOk: s.arbitrage.butterfly.ok,
    sviButterflyOkQuoted: butterflyCheck(s.params, { kMin: kLo, kMax: kHi > kLo ? kHi : kLo + 1e-3, n: opts.gridN }).ok,
    sviLeeOk: s.arbitrage.lee.ok,
    sviArbOk: s.arbitrage.ok,
    sabrButterflyOk: b.arbitrage.ok,
    sabrConverged: b.converged,
  };
}

/**
 * Fit weights `(vega / (ask − bid))²` of quotes, normalized to mean 1: the inverse variance of the vol read off a
 * quote (the surface-feature rule; spreads below 1e-12 count as 1e-12).
 *
 * @example
 * ```ts
 * import { vegaSpreadWeights } from "./smile_fit.ts";
 * const wt = vegaSpreadWeights([{ vega: 1, bid: 1, ask: 2 }, { vega: 3, bid: 1, ask: 2 }]);
 * console.assert(wt[0] === 0.2 && wt[1] === 1.8);
 * ```
 */
export function vegaSpreadWeights(q: readonly { vega: number; bid: number; ask: number }[]): Float64Array {
  const wt = Float64Array.from(q, (x) => (x.vega / Math.max(x.ask - x.bid, 1e-12)) ** 2);
  let m = 0;
  for (const v of wt) m += v / wt.length;
  return wt.map((v) => v / m);
}
