/**
 * Option-surface features of the synthetic track, one row per day from that
 * day's chain only (no look-ahead by construction), via the surface engine in
 * `lib/vol`. Per slice (suffix `_{n}d`, n = business days to expiry):
 *
 * | name | meaning |
 * |---|---|
 * | `svi_a/b/rho/m/sigma_{n}d` | raw SVI parameters fitted to the slice's total variances |
 * | `sabr_alpha/rho/nu_{n}d` | SABR parameters (β fixed, default 1) fitted to the implied vols |
 * | `atm_vol_{n}d` | ATM (k = 0) vol of the SVI fit |
 * | `rr25_{n}d`, `bf25_{n}d` | 25Δ risk reversal and butterfly of the SVI smile |
 * | `bkm_skew_{n}d`, `bkm_kurt_{n}d` | risk-neutral skewness and kurtosis of ln(F_T/F) (BKM) from the SVI smile |
 *
 * plus `atm_term_slope` = ATM vol of the last slice − ATM vol of the first.
 *
 * **Cleaning rule** (`chainSliceSmile`): the engine's `cleanChain` with the day's
 * futures price and discount factor as known forward and discount: out-of-the-money
 * quotes only, zero-bid/crossed/too-wide/out-of-bounds quotes dropped, implied vols
 * of the mids. Fits weight each quote by `(vega / (ask − bid))²` (the inverse
 * variance of the vol read off the quote), so tick-size wings count little.
 * Raw SVI parameters are weakly identified on nearly flat smiles (a ↔ σ trade-off),
 * the derived ATM vol, RR, BF and BKM moments are much more stable. A slice with too few
 * points, or a fit that the engine rejects (`RangeError`), gives NaN for that
 * slice's features on that day; `surfaceFeatureColumns` lists every such case in
 * `failures` (nothing is dropped silently).
 *
 * @example
 * ```ts
 * import { surfaceFeatureColumns } from "./surface_features.ts";
 * import { generateSyntheticMarket } from "../market/synthetic_market.ts";
 * const m = generateSyntheticMarket(1, { days: 5 });
 * const { columns, failures } = surfaceFeatureColumns(m.chains);
 * ```
 * @module
 */

import type { ChainSlice, DailyChain } from "../market/synthetic_chain.ts";
import {
  bkmMoments,
  cleanChain,
  fitSabr,
  fitSvi,
  type OptionQuote,
  smileDeltaQuotes,
  sviTotalVariance,
} from "../vol/mod.ts";
import type { FeatureColumn } from "./feature_frame.ts";

/** Options of the surface features. */
export interface SurfaceFeatureOptions {
  /** SABR β (default 1: lognormal backbone, natural for a lognormal-like futures model). */
  sabrBeta: number;
  /** Simpson intervals of the BKM integrals (default 400). */
  bkmIntervals: number;
}

/** A slice reduced to its clean smile. */
export interface SliceSmile {
  forward: number;
  T: number;
  strikes: Float64Array;
  /** Log-moneyness ln(K/F). */
  k: Float64Array;
  /** Implied vols of the mids. */
  vol: Float64Array;
  /** Total variances vol²·T. */
  w: Float64Array;
  /** Fit weights `(vega / (ask − bid))²`: inverse variance of the vol read off a quote (normalized to mean 1). */
  weight: Float64Array;
}

/** One slice/day whose features are NaN, and why. */
export interface SurfaceFailure {
  date: string;
  expiryDays: number;
  reason: string;
}

/**
 * Clean smile of one chain slice via the surface engine's `cleanChain`, with
 * the day's futures price and discount factor as the known forward and discount
 * (OTM quotes only; zero-bid, crossed, too-wide and out-of-bounds quotes dropped;
 * Black-76 implied vols of the mids).
 *
 * @throws {RangeError} when the engine rejects the slice (e.g. no quotes at all)
 * @example
 * ```ts
 * import { generateSyntheticMarket } from "../market/synthetic_market.ts";
 * const m = generateSyntheticMarket(2, { days: 2 });
 * const s = chainSliceSmile(m.chains[0].slices[0]);
 * s.vol.length; // number of usable strikes
 * ```
 */
export function chainSliceSmile(slice: ChainSlice, label = `${slice.expiryDays}d`): SliceSmile {
  const F = slice.forward, T = slice.T;
  const quotes: OptionQuote[] = [];
  for (let j = 0; j < slice.strikes.length; j++) {
    const K = slice.strikes[j];
    quotes.push(
      {
        id: `${label} ${K} C`,
        expiry: label,
        T,
        strike: K,
        isCall: true,
        bid: slice.callBid[j],
        ask: slice.callAsk[j],
      },
      { id: `${label} ${K} P`, expiry: label, T, strike: K, isCall: false, bid: slice.putBid[j], ask: slice.putAsk[j] },
    );
  }
  const kept = quotes.length > 0 ? cleanChain(quotes, { forward: F, discount: slice.df }).quotes : [];
  const n = kept.length;
  const strikes = new Float64Array(n), k = new Float64Array(n), vol = new Float64Array(n), w = new Float64Array(n);
  const weight = new Float64Array(n);
  let wMean = 0;
  for (let i = 0; i < n; i++) {
    const q = kept[i];
    strikes[i] = q.strike;
    k[i] = q.k;
    vol[i] = q.iv;
    w[i] = q.totalVariance;
    weight[i] = (q.vega / Math.max(q.ask - q.bid, 1e-12)) ** 2;
    wMean += weight[i] / n;
  }
  for (let i = 0; i < n; i++) weight[i] /= wMean;
  return { forward: F, T, strikes, k, vol, w, weight };
}

const PER_SLICE = [
  ["svi_a", "raw SVI a (total-variance level)"],
  ["svi_b", "raw SVI b (wing slope)"],
  ["svi_rho", "raw SVI ρ (skew)"],
  ["svi_m", "raw SVI m (smile shift)"],
  ["svi_sigma", "raw SVI σ (ATM curvature)"],
  ["sabr_alpha", "SABR α"],
  ["sabr_rho", "SABR ρ"],
  ["sabr_nu", "SABR ν (vol of vol)"],
  ["atm_vol", "ATM implied vol of the SVI fit"],
  ["rr25", "25Δ risk reversal σ(25Δ call) − σ(25Δ put) of the SVI smile"],
  ["bf25", "25Δ butterfly ½(σ25c + σ25p) − σ_ATM of the SVI smile"],
  ["bkm_skew", "risk-neutral skewness of ln(F_T/F) (BKM) from the SVI smile"],
  ["bkm_kurt", "risk-neutral kurtosis (raw) of ln(F_T/F) (BKM) from the SVI smile"],
] as const;

/**
 * Surface feature columns for a sequence of daily chains (all days must quote
 * the same expiries, in the same order).
 *
 * @throws {RangeError} when the days' slice structure differs or an option is out of range
 * @example
 * ```ts
 * import { generateSyntheticMarket } from "../market/synthetic_market.ts";
 * const market = generateSyntheticMarket(2, { days: 3 });
 * const { columns } = surfaceFeatureColumns(market.chains, { sabrBeta: 1, bkmIntervals: 400 });
 * ```
 */
export function surfaceFeatureColumns(
  chains: readonly DailyChain[],
  opts: Partial<SurfaceFeatureOptions> = {},
): { columns: FeatureColumn[]; failures: SurfaceFailure[] } {
  const { sabrBeta = 1, bkmIntervals = 400, ...unknown } = opts;
  for (const k of Object.keys(unknown)) throw new TypeError(`surfaceFeatureColumns: unknown option "${k}"`);
  if (!(sabrBeta >= 0 && sabrBeta <= 1)) {
    throw new RangeError(`surfaceFeatureColumns: sabrBeta must be in [0, 1], got ${sabrBeta}`);
  }
  if (!Number.isInteger(bkmIntervals) || bkmIntervals < 2 || bkmIntervals % 2 !== 0) {
    throw new RangeError(`surfaceFeatureColumns: bkmIntervals must be an even integer >= 2, got ${bkmIntervals}`);
  }
  const T = chains.length;
  const expiries = T > 0 ? chains[0].slices.map((s) => s.expiryDays) : [];
  const S = expiries.length, P = PER_SLICE.length;
  const vals: Float64Array[] = [];
  for (let i = 0; i < S * P + 1; i++) vals.push(new Float64Array(T).fill(NaN));
  const failures: SurfaceFailure[] = [];
  for (let t = 0; t < T; t++) {
    const day = chains[t];
    if (day.slices.length !== S || day.slices.some((s, i) => s.expiryDays !== expiries[i])) {
      throw new RangeError(
        `surfaceFeatureColumns: chain on ${day.date} has expiries [${day.slices.map((s) => s.expiryDays)}], ` +
          `expected [${expiries}]`,
      );
    }
    for (let s = 0; s < S; s++) {
      const slice = day.slices[s];
      const out = sliceFeatures(slice, sabrBeta, bkmIntervals, `${day.date} ${slice.expiryDays}d`);
      if (typeof out === "string") {
        failures.push({ date: day.date, expiryDays: slice.expiryDays, reason: out });
        continue;
      }
      for (let p = 0; p < P; p++) vals[s * P + p][t] = out[p];
    }
    vals[S * P][t] = vals[(S - 1) * P + 8][t] - vals[8][t];
  }
  const columns: FeatureColumn[] = [];
  for (let s = 0; s < S; s++) {
    for (let p = 0; p < P; p++) {
      columns.push({
        name: `${PER_SLICE[p][0]}_${expiries[s]}d`,
        values: vals[s * P + p],
        unit: "1",
        group: "forward",
        lookback: 1,
        description: `${PER_SLICE[p][1]}, ${expiries[s]}-business-day slice (day-t chain only)`,
      });
    }
  }
  if (S > 0) {
    columns.push({
      name: "atm_term_slope",
      values: vals[S * P],
      unit: "1",
      group: "forward",
      lookback: 1,
      description: `ATM vol term structure: atm_vol_${expiries[S - 1]}d − atm_vol_${expiries[0]}d`,
    });
  }
  return { columns, failures };
}

/** Features of one slice, or the reason they are not available. */
function sliceFeatures(slice: ChainSlice, beta: number, bkmN: number, label: string): number[] | string {
  try {
    const sm = chainSliceSmile(slice, label);
    if (sm.k.length < 5) return `only ${sm.k.length} usable quotes (need 5)`;
    const svi = fitSvi(sm.k, sm.w, sm.weight, { label }).params;
    const sabr = fitSabr(sm.forward, sm.T, sm.strikes, sm.vol, beta, 0, { label, weights: sm.weight }).params;
    const smile = (k: number) => sviTotalVariance(svi, k);
    const dq = smileDeltaQuotes(smile, sm.T, 0.25);
    const bkm = bkmMoments(smile, sm.forward, sm.T, { n: bkmN, kMin: sm.k[0], kMax: sm.k[sm.k.length - 1] }).logReturn;
    return [
      svi.a,
      svi.b,
      svi.rho,
      svi.m,
      svi.sigma,
      sabr.alpha,
      sabr.rho,
      sabr.nu,
      dq.atmVol,
      dq.riskReversal,
      dq.butterfly,
      bkm.skewness,
      bkm.kurtosis,
    ];
  } catch (e) {
    if (e instanceof RangeError) return e.message;
    throw e;
  }
}
