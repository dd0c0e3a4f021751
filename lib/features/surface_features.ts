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
 * **Cleaning rule** (`chainSliceSmile`): at each strike use the out-of-the-money
 * option (put below the forward, call at or above), keep it only with a positive
 * bid and `ask ≥ bid`, take the mid, and keep it when its Black-76 implied vol
 * exists (mid strictly inside the no-arbitrage bounds). A slice with too few
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
import { bkmMoments, fitSabr, fitSvi, impliedVolBlack76Result, smileDeltaQuotes, sviTotalVariance } from "./_vol_api.ts";
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
}

/** One slice/day whose features are NaN, and why. */
export interface SurfaceFailure {
  date: string;
  expiryDays: number;
  reason: string;
}

/**
 * Clean smile of one chain slice (OTM mids with positive bids, invertible).
 *
 * @example
 * ```ts
 * const s = chainSliceSmile(m.chains[0].slices[0]);
 * s.vol.length; // number of usable strikes
 * ```
 */
export function chainSliceSmile(slice: ChainSlice): SliceSmile {
  const F = slice.forward, T = slice.T;
  const Ks: number[] = [], vs: number[] = [];
  for (let j = 0; j < slice.strikes.length; j++) {
    const K = slice.strikes[j];
    const isCall = K >= F;
    const bid = isCall ? slice.callBid[j] : slice.putBid[j];
    const ask = isCall ? slice.callAsk[j] : slice.putAsk[j];
    if (!(bid > 0) || !(ask >= bid)) continue;
    const r = impliedVolBlack76Result(0.5 * (bid + ask), F, K, T, isCall, slice.df);
    if (r.status !== "ok" || !(r.vol > 0)) continue;
    Ks.push(K);
    vs.push(r.vol);
  }
  const strikes = Float64Array.from(Ks), vol = Float64Array.from(vs);
  return {
    forward: F,
    T,
    strikes,
    vol,
    k: strikes.map((K) => Math.log(K / F)),
    w: vol.map((v) => v * v * T),
  };
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
 * const { columns } = surfaceFeatureColumns(market.chains, { sabrBeta: 1, bkmIntervals: 400 });
 * ```
 */
export function surfaceFeatureColumns(
  chains: readonly DailyChain[],
  opts: Partial<SurfaceFeatureOptions> = {},
): { columns: FeatureColumn[]; failures: SurfaceFailure[] } {
  const { sabrBeta = 1, bkmIntervals = 400, ...unknown } = opts;
  for (const k of Object.keys(unknown)) throw new TypeError(`surfaceFeatureColumns: unknown option "${k}"`);
  if (!(sabrBeta >= 0 && sabrBeta <= 1)) throw new RangeError(`surfaceFeatureColumns: sabrBeta must be in [0, 1], got ${sabrBeta}`);
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
  const sm = chainSliceSmile(slice);
  if (sm.k.length < 5) return `only ${sm.k.length} usable quotes (need 5)`;
  try {
    const svi = fitSvi(sm.k, sm.w, undefined, { label }).params;
    const sabr = fitSabr(sm.forward, sm.T, sm.strikes, sm.vol, beta, 0, { label }).params;
    const smile = (k: number) => sviTotalVariance(svi, k);
    const dq = smileDeltaQuotes(smile, sm.T, 0.25);
    const bkm = bkmMoments(smile, sm.forward, sm.T, { n: bkmN }).logReturn;
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
