/**
 * SABR calibration per expiry slice: β fixed, (α, ρ, ν) by Levenberg–Marquardt
 * on implied-vol residuals in unconstrained coordinates
 * (α = e^u, ρ = tanh v, ν = e^w). The start uses the ATM vol for α and a
 * small grid over (ρ, ν). Every fit carries a butterfly diagnostic on its
 * total-variance smile.
 *
 * @example
 * ```ts
 * import { fitSabr } from "./fit_sabr.ts";
 * import { sabrVolArray } from "./sabr.ts";
 * const K = new Float64Array([0.02, 0.03, 0.035, 0.039, 0.045, 0.06, 0.09]);
 * const vols = sabrVolArray(K, 0.039, 1, { alpha: 0.3, beta: 0.6, nu: 0.02, rho: 0.01 });
 * fitSabr(0.039, 1, K, vols, 0.6).params.alpha; // ≈ 0.3
 * ```
 * @module
 */

import { levenbergMarquardt } from "./levenberg_marquardt.ts";
import { type SabrParams, sabrVolUnchecked } from "./sabr.ts";
import { butterflyCheckFn, type ButterflyReport } from "./arbitrage.ts";

/** |ρ| is kept below this so that Hagan's x(z) stays finite. */
const RHO_MAX = 1 - 1e-7;

/** Options for {@link fitSabr}. */
export interface FitSabrOptions {
  /** Slice name for errors and reports. */
  label?: string;
  /** Optional non-negative weights per strike. */
  weights?: Float64Array;
  /** LM iteration cap (default 100). */
  maxIter?: number;
}

/** Result of {@link fitSabr}. */
export interface SabrFit {
  params: SabrParams;
  shift: number;
  /** Weighted RMS error in implied vol. */
  rmse: number;
  maxAbsError: number;
  arbitrage: { ok: boolean; butterfly: ButterflyReport };
  iterations: number;
  converged: boolean;
}

/**
 * Calibrate SABR (α, ρ, ν) for fixed β (and optional shift) to one slice of
 * Black implied vols.
 *
 * @throws {RangeError} naming the slice and value for mismatched lengths, non-finite or non-positive vols,
 *   F + shift ≤ 0, K + shift ≤ 0, T ≤ 0, β ∉ [0, 1], or fewer than 3 strikes
 * @example
 * ```ts
 * const fit = fitSabr(100, 0.5, new Float64Array([80, 90, 100, 110, 120]),
 *   new Float64Array([0.28, 0.24, 0.21, 0.2, 0.205]), 1);
 * fit.params.rho; // negative skew
 * ```
 */
export function fitSabr(
  F: number,
  T: number,
  K: Float64Array,
  vols: Float64Array,
  beta: number,
  shift = 0,
  opts: FitSabrOptions = {},
): SabrFit {
  const label = opts.label ?? "slice";
  const n = K.length;
  const f = F + shift;
  if (!(f > 0) || !Number.isFinite(f)) throw new RangeError(`fitSabr: ${label}: F+shift must be > 0, got ${f}`);
  if (!(T > 0) || !Number.isFinite(T)) throw new RangeError(`fitSabr: ${label}: T must be finite and > 0, got ${T}`);
  if (!(beta >= 0 && beta <= 1)) throw new RangeError(`fitSabr: ${label}: beta must be in [0, 1], got ${beta}`);
  if (!Number.isFinite(shift)) throw new RangeError(`fitSabr: ${label}: shift must be finite, got ${shift}`);
  if (vols.length !== n) throw new RangeError(`fitSabr: ${label}: K (${n}) and vols (${vols.length}) lengths differ`);
  const wt = opts.weights ?? new Float64Array(n).fill(1);
  if (wt.length !== n) throw new RangeError(`fitSabr: ${label}: weights (${wt.length}) must match K (${n})`);
  let npos = 0, wsum = 0;
  const Ks = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    Ks[i] = K[i] + shift;
    if (!(Ks[i] > 0) || !Number.isFinite(Ks[i])) {
      throw new RangeError(`fitSabr: ${label}: strike K[${i}]+shift must be finite and > 0, got ${Ks[i]} (K=${K[i]})`);
    }
    if (!(vols[i] > 0) || !Number.isFinite(vols[i])) {
      throw new RangeError(`fitSabr: ${label}: vol at K[${i}]=${K[i]} must be finite and > 0, got ${vols[i]}`);
    }
    if (!(wt[i] >= 0) || !Number.isFinite(wt[i])) {
      throw new RangeError(`fitSabr: ${label}: weights[${i}] must be finite and >= 0, got ${wt[i]}`);
    }
    if (wt[i] > 0) {
      npos++;
      wsum += wt[i];
    }
  }
  if (npos < 3) throw new RangeError(`fitSabr: ${label}: SABR has 3 free parameters but only ${npos} weighted strikes`);
  const sw = new Float64Array(n);
  for (let i = 0; i < n; i++) sw[i] = Math.sqrt(wt[i] / wsum);
  // ATM vol by linear interpolation in strike (nearest when F is outside)
  let atm = vols[0], best = Infinity;
  for (let i = 0; i < n; i++) {
    const d = Math.abs(Ks[i] - f);
    if (d < best) {
      best = d;
      atm = vols[i];
    }
  }
  const resid = (p: Float64Array, out: Float64Array): void => {
    const alpha = Math.exp(p[0]), rho = RHO_MAX * Math.tanh(p[1]), nu = Math.exp(p[2]);
    for (let i = 0; i < n; i++) out[i] = sw[i] * (sabrVolUnchecked(Ks[i], f, T, alpha, beta, nu, rho) - vols[i]);
  };
  // start: α from ATM vol, small grid over (ρ, ν)
  const alpha0 = atm * Math.pow(f, 1 - beta);
  const tmp = new Float64Array(n);
  const x0 = new Float64Array(3);
  let bestCost = Infinity;
  const p = new Float64Array(3);
  for (const rho of [-0.6, -0.2, 0, 0.2, 0.6]) {
    for (const nu of [0.05, 0.3, 1, 2.5]) {
      p[0] = Math.log(alpha0);
      p[1] = Math.atanh(rho / RHO_MAX);
      p[2] = Math.log(nu);
      resid(p, tmp);
      let c = 0;
      for (let i = 0; i < n; i++) c += tmp[i] * tmp[i];
      if (c < bestCost) {
        bestCost = c;
        x0.set(p);
      }
    }
  }
  const lm = levenbergMarquardt(resid, x0, n, { maxIter: opts.maxIter ?? 100, fTol: 1e-16, xTol: 1e-13 });
  const alpha = Math.exp(lm.x[0]);
  const rho = RHO_MAX * Math.tanh(lm.x[1]);
  const nu = Math.exp(lm.x[2]);
  const params: SabrParams = { alpha, beta, nu, rho };
  let sse = 0, maxAbs = 0;
  for (let i = 0; i < n; i++) {
    const r = sabrVolUnchecked(Ks[i], f, T, alpha, beta, nu, rho) - vols[i];
    sse += wt[i] * r * r;
    if (wt[i] > 0) maxAbs = Math.max(maxAbs, Math.abs(r));
  }
  let kMin = Infinity, kMax = -Infinity;
  for (let i = 0; i < n; i++) {
    const k = Math.log(Ks[i] / f);
    kMin = Math.min(kMin, k);
    kMax = Math.max(kMax, k);
  }
  const butterfly = butterflyCheckFn(
    (k) => {
      const v = sabrVolUnchecked(f * Math.exp(k), f, T, alpha, beta, nu, rho);
      return v * v * T;
    },
    { kMin, kMax: kMax > kMin ? kMax : kMin + 1e-3, n: 201 },
  );
  return {
    params,
    shift,
    rmse: Math.sqrt(sse / wsum),
    maxAbsError: maxAbs,
    arbitrage: { ok: butterfly.ok, butterfly },
    iterations: lm.iterations,
    converged: lm.converged,
  };
}
