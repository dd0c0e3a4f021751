/**
 * Risk-neutral moments from out-of-the-money option prices by static
 * replication (Bakshi, Kapadia & Madan 2003, "Stock return characteristics,
 * skew laws, and the differential pricing of individual equity options",
 * RFS 16(1); Carr–Madan spanning), integrating over strikes of a fitted
 * smile. Prices are undiscounted (forward measure), so the base is the
 * forward F and no e^{rT} factors appear.
 *
 * With `k = ln(K/F)` and `o(k)` the OTM option price divided by F, the BKM
 * contracts on `R = ln(S_T/F)` are
 * `V = ∫ 2(1 − k) o e^{−k} dk`, `W = ∫ (6k − 3k²) o e^{−k} dk`,
 * `X = ∫ (12k² − 4k³) o e^{−k} dk`, and the mean is exact,
 * `E[R] = −∫ o e^{−k} dk` (BKM's truncated series is not needed). Moments
 * of the simple return `S_T/F − 1` use the spanning weights `n(n−1)(K−F)^{n−2}`.
 *
 * @example
 * ```ts
 * import { bkmMoments } from "./bkm.ts";
 * const m = bkmMoments(() => 0.04, 100, 1); // flat 20% smile
 * m.logReturn.skewness; // ≈ 0
 * m.simpleReturn.skewness; // ≈ (e^{0.04} + 2)·√(e^{0.04} − 1) ≈ 0.6143
 * ```
 * @module
 */

import { normCdf } from "../core/normal.ts";
import type { TotalVarianceSmile } from "./features.ts";

/** Mean, variance, skewness and (raw, non-excess) kurtosis of a return. */
export interface Moments {
  mean: number;
  variance: number;
  skewness: number;
  kurtosis: number;
}

/** Result of {@link bkmMoments}. */
export interface BkmResult {
  /** Moments of ln(S_T/F). */
  logReturn: Moments;
  /** Moments of S_T/F − 1 (mean 0 by construction under the forward measure). */
  simpleReturn: Moments;
  /** BKM contract values E[R²], E[R³], E[R⁴]. */
  contracts: { V: number; W: number; X: number };
  /** Integration range and resolution used. */
  grid: { kMin: number; kMax: number; n: number };
}

/** Options for {@link bkmMoments}. */
export interface BkmOptions {
  /** Lower log-moneyness limit (default −(12s + 2s²), s = ATM total std dev). */
  kMin?: number;
  /** Upper limit (default 12s + 5s²). */
  kMax?: number;
  /** Simpson intervals, even (default 4000). */
  n?: number;
}

/**
 * Risk-neutral moments of the log and simple return to expiry implied by a
 * total-variance smile `w(k)` with forward `F` and expiry `T`.
 *
 * @throws {RangeError} for F ≤ 0, T ≤ 0, a bad grid, or a smile value that is not finite and > 0 (names k and value)
 * @example
 * ```ts
 * bkmMoments((k) => 0.04 * (1 - 0.3 * k + 0.5 * k * k), 100, 1).logReturn.skewness; // negative skew
 * ```
 */
export function bkmMoments(w: TotalVarianceSmile, F: number, T: number, opts: BkmOptions = {}): BkmResult {
  if (!(F > 0) || !Number.isFinite(F)) throw new RangeError(`bkmMoments: forward F must be finite and > 0, got ${F}`);
  if (!(T > 0) || !Number.isFinite(T)) throw new RangeError(`bkmMoments: expiry T must be finite and > 0, got ${T}`);
  const w0 = w(0);
  if (!(w0 > 0) || !Number.isFinite(w0)) {
    throw new RangeError(`bkmMoments: smile total variance at k=0 must be finite and > 0, got ${w0}`);
  }
  const s = Math.sqrt(w0);
  const kMin = opts.kMin ?? -(12 * s + 2 * s * s);
  const kMax = opts.kMax ?? 12 * s + 5 * s * s;
  const n = opts.n ?? 4000;
  if (!(kMax > kMin) || !Number.isFinite(kMin) || !Number.isFinite(kMax)) {
    throw new RangeError(`bkmMoments: need finite kMin < kMax, got ${kMin}, ${kMax}`);
  }
  if (!Number.isInteger(n) || n < 2 || n % 2 !== 0) {
    throw new RangeError(`bkmMoments: n must be an even integer >= 2, got ${n}`);
  }
  let mu = 0, V = 0, W = 0, X = 0, m2 = 0, m3 = 0, m4 = 0;
  // The OTM price has a kink at k = 0 (put → call): integrate each side
  // separately with composite Simpson so the kink sits on a node.
  const panels: [number, number][] = kMin < 0 && kMax > 0 ? [[kMin, 0], [0, kMax]] : [[kMin, kMax]];
  for (const [lo, hi] of panels) {
    const np = panels.length === 1 ? n : 2 * Math.max(1, Math.round((n * (hi - lo)) / (kMax - kMin) / 2));
    const h = (hi - lo) / np;
    for (let i = 0; i <= np; i++) {
      const k = i === np ? hi : lo + i * h;
      const v = w(k);
      if (!(v > 0) || !Number.isFinite(v)) {
        throw new RangeError(`bkmMoments: smile total variance at k=${k} must be finite and > 0, got ${v}`);
      }
      const sd = Math.sqrt(v);
      const d1 = -k / sd + 0.5 * sd, d2 = d1 - sd;
      const ek = Math.exp(k);
      // OTM price / F: put for k < 0, call for k ≥ 0 (at k = 0 both are equal)
      const o = k < 0 || (k === 0 && hi === 0) ? ek * normCdf(-d2) - normCdf(-d1) : normCdf(d1) - ek * normCdf(d2);
      const c = (i === 0 || i === np ? 1 : i % 2 === 1 ? 4 : 2) * h / 3;
      const a = c * o / ek; // o e^{−k} dk
      mu -= a;
      V += a * 2 * (1 - k);
      W += a * (6 * k - 3 * k * k);
      X += a * (12 * k * k - 4 * k * k * k);
      const b = c * o * ek; // o e^{k} dk = OTM·K/F² dk
      const x = ek - 1;
      m2 += 2 * b;
      m3 += 6 * x * b;
      m4 += 12 * x * x * b;
    }
  }
  const varL = V - mu * mu;
  const logReturn: Moments = {
    mean: mu,
    variance: varL,
    skewness: (W - 3 * mu * V + 2 * mu * mu * mu) / Math.pow(varL, 1.5),
    kurtosis: (X - 4 * mu * W + 6 * mu * mu * V - 3 * mu ** 4) / (varL * varL),
  };
  const simpleReturn: Moments = {
    mean: 0,
    variance: m2,
    skewness: m3 / Math.pow(m2, 1.5),
    kurtosis: m4 / (m2 * m2),
  };
  return { logReturn, simpleReturn, contracts: { V, W, X }, grid: { kMin, kMax, n } };
}
