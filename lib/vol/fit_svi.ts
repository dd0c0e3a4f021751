/**
 * Raw SVI calibration by the Zeliade quasi-explicit method (De Marco &
 * Martini, "Quasi-explicit calibration of Gatheral's SVI model", Zeliade
 * white paper 2009): for fixed (m, σ), with `y = (k − m)/σ`, the smile is
 * linear, `w = a + d·y + c·√(y² + 1)` with `c = bσ`, `d = ρbσ`, so (a, d, c)
 * solve a small constrained linear least-squares problem exactly; an outer
 * Nelder–Mead searches (m, ln σ) from the best point of a coarse grid.
 *
 * Constraints on the inner problem: `|d| ≤ c` (|ρ| ≤ 1) and `c + |d| ≤ Lσ`
 * (Lee's bound b(1 + |ρ|) ≤ L, default L = 2); `a` is free. A negative
 * minimum variance is penalised in the outer search. The fitted smile's
 * butterfly and Lee diagnostics are always returned.
 *
 * @example
 * ```ts
 * import { fitSvi } from "./fit_svi.ts";
 * import { sviTotalVarianceArray } from "./svi.ts";
 * const k = Float64Array.from({ length: 21 }, (_, i) => -0.5 + i * 0.05);
 * const w = sviTotalVarianceArray({ a: 0.02, b: 0.1, rho: -0.5, m: 0.05, sigma: 0.15 }, k);
 * const fit = fitSvi(k, w);
 * fit.params.rho; // ≈ -0.5
 * ```
 * @module
 */

import { nelderMead } from "./nelder_mead.ts";
import { butterflyCheck, type ButterflyReport, type KGrid, type LeeReport, leeWingCheck } from "./arbitrage.ts";
import { sviMinVariance, type SviParams } from "./svi.ts";

/** Options for {@link fitSvi}. */
export interface FitSviOptions {
  /** Name used in error messages and reports (e.g. "VIX 2016-07-20"). */
  label?: string;
  /** Lee slope bound L for the inner constraints (default 2). */
  leeBound?: number;
  /** Grid for the butterfly diagnostic (default: data range widened by half its span each side, at least [−1, 1]). */
  grid?: KGrid;
  /** Maximum outer Nelder–Mead evaluations (default 300). */
  maxEval?: number;
  /** Expiry in years; when given, the fit also reports its RMS error in implied vol. */
  T?: number;
}

/** Arbitrage diagnostics attached to every fit. */
export interface SviArbitrage {
  ok: boolean;
  butterfly: ButterflyReport;
  lee: LeeReport;
  /** Minimum total variance of the fitted smile and where. */
  minVariance: { w: number; k: number };
}

/** Result of {@link fitSvi}. */
export interface SviFit {
  params: SviParams;
  /** Weighted root-mean-square error in total variance. */
  rmse: number;
  /** Largest absolute residual in total variance. */
  maxAbsError: number;
  /** Weighted RMS error in implied vol, when `opts.T` was given. */
  rmseVol?: number;
  arbitrage: SviArbitrage;
  evaluations: number;
}

/** Sufficient statistics for the inner problem at fixed (m, σ). */
interface Inner {
  a: number;
  d: number;
  c: number;
  sse: number;
}

/**
 * Solve the inner constrained weighted least squares exactly. `a` is free and
 * eliminated analytically (its optimum is linear in (d, c)); the remaining
 * 2-D convex quadratic in (d, c) is minimised over the diamond
 * `|d| ≤ c ≤ Lσ − |d|`: the unconstrained optimum if it is inside, else the
 * best of the four edge minima (each a clipped 1-D quadratic). No allocation.
 */
function solveInner(
  k: Float64Array,
  w: Float64Array,
  wt: Float64Array,
  m: number,
  sigma: number,
  L: number,
  out: Inner,
): void {
  let s1 = 0, sy = 0, sz = 0, syy = 0, syz = 0, szz = 0, sw = 0, syw = 0, szw = 0, sww = 0;
  const n = k.length, inv = 1 / sigma;
  for (let i = 0; i < n; i++) {
    const y = (k[i] - m) * inv, z = Math.sqrt(y * y + 1), o = wt[i], v = w[i];
    const oy = o * y, oz = o * z;
    s1 += o;
    sy += oy;
    sz += oz;
    syy += oy * y;
    syz += oy * z;
    szz += oz * z;
    sw += o * v;
    syw += oy * v;
    szw += oz * v;
    sww += o * v * v;
  }
  // Schur complement on (d, c) after eliminating a: S = Qxx − Qxa·Qax/Qaa, r = qx − qa·Qxa/Qaa
  const Sdd = syy - sy * sy / s1, Sdc = syz - sy * sz / s1, Scc = szz - sz * sz / s1;
  const rd = syw - sw * sy / s1, rc = szw - sw * sz / s1;
  const base = sww - sw * sw / s1;
  const f = (d: number, c: number): number => Sdd * d * d + 2 * Sdc * d * c + Scc * c * c - 2 * (rd * d + rc * c);
  const top = L * sigma, half = 0.5 * top;
  let bd = 0, bc = 0, bf = Infinity;
  const det = Sdd * Scc - Sdc * Sdc;
  if (det > 1e-14 * (Sdd * Scc + 1e-300)) {
    const d = (Scc * rd - Sdc * rc) / det, c = (Sdd * rc - Sdc * rd) / det;
    if (Math.abs(d) <= c && c + Math.abs(d) <= top) {
      bd = d;
      bc = c;
      bf = f(d, c);
    }
  }
  if (bf === Infinity) {
    // edges of the diamond: from p0 along e for t ∈ [0, 1]
    const edges = [
      [0, 0, half, half], // c = d, d ≥ 0
      [0, 0, -half, half], // c = −d, d ≤ 0
      [half, half, -half, half], // c + d = top, d ∈ [0, half]
      [-half, half, half, half], // c − d = top, d ∈ [−half, 0]
    ];
    for (const [d0, c0, ed, ec] of edges) {
      const a2 = Sdd * ed * ed + 2 * Sdc * ed * ec + Scc * ec * ec;
      const a1 = Sdd * d0 * ed + Sdc * (d0 * ec + c0 * ed) + Scc * c0 * ec - (rd * ed + rc * ec);
      let t = a2 > 0 ? -a1 / a2 : a1 > 0 ? 0 : 1;
      t = t < 0 ? 0 : t > 1 ? 1 : t;
      const d = d0 + t * ed, c = c0 + t * ec, v = f(d, c);
      if (v < bf) {
        bf = v;
        bd = d;
        bc = c;
      }
    }
  }
  out.d = bd;
  out.c = bc;
  out.a = (sw - sy * bd - sz * bc) / s1;
  out.sse = Math.max(base + bf, 0);
}

function validateSmile(fn: string, label: string, k: Float64Array, w: Float64Array, weights?: Float64Array): void {
  if (k.length !== w.length) {
    throw new RangeError(`${fn}: ${label}: k (${k.length}) and w (${w.length}) must have equal lengths`);
  }
  if (weights && weights.length !== k.length) {
    throw new RangeError(`${fn}: ${label}: weights (${weights.length}) must match k (${k.length})`);
  }
  for (let i = 0; i < k.length; i++) {
    if (!Number.isFinite(k[i])) throw new RangeError(`${fn}: ${label}: k[${i}] must be finite, got ${k[i]}`);
    if (!(w[i] >= 0) || !Number.isFinite(w[i])) {
      throw new RangeError(`${fn}: ${label}: total variance w[${i}] (k=${k[i]}) must be finite and >= 0, got ${w[i]}`);
    }
    if (weights && (!(weights[i] >= 0) || !Number.isFinite(weights[i]))) {
      throw new RangeError(`${fn}: ${label}: weights[${i}] must be finite and >= 0, got ${weights[i]}`);
    }
  }
}

/**
 * Calibrate raw SVI to one smile of total variances `w` at log-moneyness `k`.
 *
 * @param weights optional non-negative weights (e.g. vega or 1/spread²); default equal
 * @throws {RangeError} naming the slice when lengths differ, values are not finite, w < 0, or
 *   fewer than 5 points (with positive weight) are given for the 5 parameters
 * @example
 * ```ts
 * const k = new Float64Array([-0.4, -0.2, -0.1, 0, 0.1, 0.2, 0.4]);
 * const w = new Float64Array([0.070, 0.052, 0.045, 0.040, 0.037, 0.036, 0.039]);
 * const { params, rmse, arbitrage } = fitSvi(k, w, undefined, { label: "1M" });
 * ```
 */
export function fitSvi(k: Float64Array, w: Float64Array, weights?: Float64Array, opts: FitSviOptions = {}): SviFit {
  const label = opts.label ?? "slice";
  validateSmile("fitSvi", label, k, w, weights);
  const n = k.length;
  const wt = weights ? weights : new Float64Array(n).fill(1);
  let npos = 0, wsum = 0, kMin = Infinity, kMax = -Infinity;
  for (let i = 0; i < n; i++) {
    if (wt[i] > 0) {
      npos++;
      wsum += wt[i];
      kMin = Math.min(kMin, k[i]);
      kMax = Math.max(kMax, k[i]);
    }
  }
  if (npos < 5) {
    throw new RangeError(`fitSvi: ${label}: SVI has 5 parameters but only ${npos} points with positive weight`);
  }
  const span = Math.max(kMax - kMin, 1e-6);
  const L = opts.leeBound ?? 2;
  const inner: Inner = { a: 0, d: 0, c: 0, sse: 0 };
  const mLo = kMin - span, mHi = kMax + span, lsLo = Math.log(1e-4 * Math.max(span, 0.01)), lsHi = Math.log(10);
  const objective = (p: Float64Array): number => {
    const m = p[0], ls = p[1];
    if (!(m >= mLo && m <= mHi && ls >= lsLo && ls <= lsHi)) return Infinity;
    const sigma = Math.exp(ls);
    solveInner(k, w, wt, m, sigma, L, inner);
    // penalise a negative minimum variance a + √(c² − d²) < 0
    const minW = inner.a + Math.sqrt(Math.max(inner.c * inner.c - inner.d * inner.d, 0));
    const pen = minW < 0 ? minW * minW * 1e4 * wsum : 0;
    return inner.sse / wsum + pen;
  };
  // coarse grid for a robust start
  let bestM = 0, bestLs = 0, bestF = Infinity, evals = 0;
  const sigmas = [0.01, 0.03, 0.08, 0.2, 0.5, 1.2].map((s) => s * Math.max(span, 0.05));
  const x = new Float64Array(2);
  for (let i = 0; i < 7; i++) {
    for (const s of sigmas) {
      x[0] = kMin + span * i / 6;
      x[1] = Math.log(s);
      const f = objective(x);
      evals++;
      if (f < bestF) {
        bestF = f;
        bestM = x[0];
        bestLs = x[1];
      }
    }
  }
  const nm = nelderMead(objective, new Float64Array([bestM, bestLs]), {
    step: new Float64Array([0.1 * span, 0.5]),
    maxEval: opts.maxEval ?? 300,
    fTol: 1e-12,
    xTol: 1e-9,
  });
  evals += nm.evaluations;
  const m = nm.x[0], sigma = Math.exp(nm.x[1]);
  solveInner(k, w, wt, m, sigma, L, inner);
  const b = inner.c / sigma;
  const rho = inner.c > 0 ? Math.max(-1 + 1e-12, Math.min(1 - 1e-12, inner.d / inner.c)) : 0;
  const params: SviParams = { a: inner.a, b, rho, m, sigma };
  const T = opts.T;
  if (T !== undefined && (!(T > 0) || !Number.isFinite(T))) {
    throw new RangeError(`fitSvi: ${label}: T must be finite and > 0, got ${T}`);
  }
  let sse = 0, maxAbs = 0, sseVol = 0;
  for (let i = 0; i < n; i++) {
    const xx = k[i] - m;
    const wf = params.a + b * (rho * xx + Math.sqrt(xx * xx + sigma * sigma));
    const r = wf - w[i];
    sse += wt[i] * r * r;
    if (wt[i] > 0) maxAbs = Math.max(maxAbs, Math.abs(r));
    if (T !== undefined) sseVol += wt[i] * (Math.sqrt(Math.max(wf, 0) / T) - Math.sqrt(w[i] / T)) ** 2;
  }
  const grid = opts.grid ?? {
    kMin: Math.min(-1, kMin - 0.5 * span),
    kMax: Math.max(1, kMax + 0.5 * span),
    n: 401,
  };
  const butterfly = butterflyCheck(params, grid);
  const lee = leeWingCheck(params);
  const minVariance = sviMinVariance(params);
  return {
    params,
    rmse: Math.sqrt(sse / wsum),
    maxAbsError: maxAbs,
    ...(T !== undefined ? { rmseVol: Math.sqrt(sseVol / wsum) } : {}),
    arbitrage: { ok: butterfly.ok && lee.ok && minVariance.w >= 0, butterfly, lee, minVariance },
    evaluations: evals,
  };
}
