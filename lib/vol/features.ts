/**
 * Surface-derived features: ATM volatility term structure (interpolated in
 * total variance), delta-space smile quotes — 25Δ risk reversal and
 * butterfly — from any total-variance smile `w(k)`.
 *
 * Conventions: `k = ln(K/F)`, forward (undiscounted) Black deltas
 * `Δ_call = N(d1)`, `Δ_put = N(d1) − 1`, `d1 = (−k + w/2)/√w`; ATM is the
 * forward (k = 0). Risk reversal `RR = σ(25Δ call) − σ(25Δ put)`; butterfly
 * `BF = ½(σ(25Δ call) + σ(25Δ put)) − σ_ATM` (the "smile strangle" convention).
 *
 * @example
 * ```ts
 * import { riskReversal25d } from "./features.ts";
 * riskReversal25d((k) => 0.04 * (1 - 0.5 * k), 1); // < 0 for a put skew
 * ```
 * @module
 */

import { normCdf } from "../core/normal.ts";

/** A smile: total implied variance as a function of log-moneyness. */
export type TotalVarianceSmile = (k: number) => number;

function smileVol(w: TotalVarianceSmile, k: number, T: number, fn: string): number {
  const v = w(k);
  if (!(v > 0) || !Number.isFinite(v)) {
    throw new RangeError(`${fn}: smile total variance at k=${k} must be finite and > 0, got ${v}`);
  }
  return Math.sqrt(v / T);
}

/**
 * Log-moneyness of the strike with forward delta `delta` (call: ∈ (0, 1); put: ∈ (−1, 0)).
 *
 * @throws {RangeError} for invalid T or delta, a smile returning non-positive variance, or a delta not attained
 * @example
 * ```ts
 * deltaStrike(() => 0.04, 1, 0.25, true); // k of the 25Δ call under a flat 20% smile
 * ```
 */
export function deltaStrike(w: TotalVarianceSmile, T: number, delta: number, isCall: boolean): number {
  if (!(T > 0) || !Number.isFinite(T)) throw new RangeError(`deltaStrike: T must be finite and > 0, got ${T}`);
  const target = isCall ? delta : delta + 1; // N(d1) target
  if (!(target > 0 && target < 1)) {
    throw new RangeError(
      `deltaStrike: ${isCall ? "call" : "put"} delta must be in ${isCall ? "(0, 1)" : "(−1, 0)"}, got ${delta}`,
    );
  }
  const f = (k: number): number => {
    const v = w(k);
    if (!(v > 0) || !Number.isFinite(v)) {
      throw new RangeError(`deltaStrike: smile total variance at k=${k} must be finite and > 0, got ${v}`);
    }
    const s = Math.sqrt(v);
    return normCdf((-k + 0.5 * v) / s) - target;
  };
  f(0); // validates w(0) with a named error
  const s0 = Math.sqrt(w(0));
  let lo = -s0, hi = s0, flo = f(lo), fhi = f(hi);
  for (let i = 0; i < 60 && !(flo > 0 && fhi < 0); i++) {
    if (!(flo > 0)) {
      lo -= hi - lo;
      flo = f(lo);
    }
    if (!(fhi < 0)) {
      hi += hi - lo;
      fhi = f(hi);
    }
  }
  if (!(flo > 0 && fhi < 0)) {
    throw new RangeError(`deltaStrike: delta ${delta} not attained by the smile (N(d1) not monotone or out of range)`);
  }
  // bisection to full precision (robust for any smile for which N(d1) crosses once)
  for (let i = 0; i < 200 && hi - lo > 1e-14 * Math.max(1, Math.abs(lo)); i++) {
    const mid = 0.5 * (lo + hi), fm = f(mid);
    if (fm > 0) lo = mid;
    else hi = mid;
  }
  return 0.5 * (lo + hi);
}

/** Delta-space quotes of one smile. */
export interface DeltaQuotes {
  atmVol: number;
  callVol: number;
  putVol: number;
  kCall: number;
  kPut: number;
  riskReversal: number;
  butterfly: number;
}

/**
 * ATM, call and put vols at |Δ| = `delta` and the derived RR and BF.
 *
 * @example
 * ```ts
 * smileDeltaQuotes((k) => 0.04 + 0.02 * k * k, 1).butterfly; // > 0 for a convex smile
 * ```
 */
export function smileDeltaQuotes(w: TotalVarianceSmile, T: number, delta = 0.25): DeltaQuotes {
  if (!(delta > 0 && delta < 0.5)) throw new RangeError(`smileDeltaQuotes: delta must be in (0, 0.5), got ${delta}`);
  const kCall = deltaStrike(w, T, delta, true);
  const kPut = deltaStrike(w, T, -delta, false);
  const atmVol = smileVol(w, 0, T, "smileDeltaQuotes");
  const callVol = smileVol(w, kCall, T, "smileDeltaQuotes");
  const putVol = smileVol(w, kPut, T, "smileDeltaQuotes");
  return {
    atmVol,
    callVol,
    putVol,
    kCall,
    kPut,
    riskReversal: callVol - putVol,
    butterfly: 0.5 * (callVol + putVol) - atmVol,
  };
}

/**
 * 25Δ risk reversal σ(25Δ call) − σ(25Δ put).
 *
 * @example
 * ```ts
 * riskReversal25d(() => 0.04, 1); // 0 for a flat smile
 * ```
 */
export function riskReversal25d(w: TotalVarianceSmile, T: number): number {
  return smileDeltaQuotes(w, T, 0.25).riskReversal;
}

/**
 * 25Δ butterfly ½(σ(25Δ call) + σ(25Δ put)) − σ_ATM.
 *
 * @example
 * ```ts
 * butterfly25d(() => 0.04, 1); // 0 for a flat smile
 * ```
 */
export function butterfly25d(w: TotalVarianceSmile, T: number): number {
  return smileDeltaQuotes(w, T, 0.25).butterfly;
}

/**
 * ATM implied vol at the query expiries, interpolating ATM total variance
 * linearly in T (flat vol before the first and after the last pillar).
 *
 * @param T pillar expiries, strictly increasing, > 0
 * @param atmTotalVariance ATM total variance per pillar, non-decreasing (no calendar arbitrage)
 * @throws {RangeError} naming the pillar and value for non-increasing T, negative or decreasing total variance,
 *   or a query expiry ≤ 0
 * @example
 * ```ts
 * atmVolTermStructure(new Float64Array([0.25, 1]), new Float64Array([0.01, 0.0625]), new Float64Array([0.5]));
 * ```
 */
export function atmVolTermStructure(
  T: Float64Array,
  atmTotalVariance: Float64Array,
  query: Float64Array,
): Float64Array {
  const n = T.length;
  if (n === 0 || atmTotalVariance.length !== n) {
    throw new RangeError(
      `atmVolTermStructure: need equal, non-zero lengths, got T ${n} and w ${atmTotalVariance.length}`,
    );
  }
  for (let i = 0; i < n; i++) {
    if (!(T[i] > 0) || !Number.isFinite(T[i])) {
      throw new RangeError(`atmVolTermStructure: T[${i}] must be > 0, got ${T[i]}`);
    }
    if (!(atmTotalVariance[i] >= 0) || !Number.isFinite(atmTotalVariance[i])) {
      throw new RangeError(
        `atmVolTermStructure: w[${i}] (T=${T[i]}) must be finite and >= 0, got ${atmTotalVariance[i]}`,
      );
    }
    if (i > 0 && !(T[i] > T[i - 1])) {
      throw new RangeError(`atmVolTermStructure: T must be strictly increasing; T[${i}]=${T[i]} after ${T[i - 1]}`);
    }
    if (i > 0 && atmTotalVariance[i] < atmTotalVariance[i - 1]) {
      throw new RangeError(
        `atmVolTermStructure: total variance decreases from ${atmTotalVariance[i - 1]} at T=${T[i - 1]} to ${
          atmTotalVariance[i]
        } at T=${T[i]} (calendar arbitrage)`,
      );
    }
  }
  const out = new Float64Array(query.length);
  for (let q = 0; q < query.length; q++) {
    const t = query[q];
    if (!(t > 0) || !Number.isFinite(t)) throw new RangeError(`atmVolTermStructure: query[${q}] must be > 0, got ${t}`);
    let w: number;
    if (t <= T[0]) w = atmTotalVariance[0] * t / T[0];
    else if (t >= T[n - 1]) w = atmTotalVariance[n - 1] * t / T[n - 1];
    else {
      let i = 1;
      while (T[i] < t) i++;
      const a = (t - T[i - 1]) / (T[i] - T[i - 1]);
      w = atmTotalVariance[i - 1] + a * (atmTotalVariance[i] - atmTotalVariance[i - 1]);
    }
    out[q] = Math.sqrt(w / t);
  }
  return out;
}
