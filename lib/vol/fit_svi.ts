/**
 * Raw SVI calibration by the Zeliade quasi-explicit method (De Marco &
 * Martini, "Quasi-explicit calibration of Gatheral's SVI model", Zeliade
 * white paper 2009): for fixed (m, σ), with `y = (k − m)/σ`, the smile is
 * linear, `w = a + d·y + c·√(y² + 1)` with `c = bσ`, `d = ρbσ`, so (a, d, c)
 * solve a small constrained linear least-squares problem exactly; an outer
 * Nelder–Mead searches (m, ln σ) from the best point of a coarse grid.
 *
 * Constraints on the inner problem: `|d| ≤ c` (|ρ| ≤ 1), `c + |d| ≤ Lσ`
 * (Lee's bound b(1 + |ρ|) ≤ L, default L = 2), `a ≤ max w`. A negative
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
import { butterflyCheck, type ButterflyReport, type KGrid, leeWingCheck, type LeeReport } from "./arbitrage.ts";
import { type SviParams, sviMinVariance } from "./svi.ts";

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
 * Solve the inner constrained weighted least squares; returns the best
 * feasible (a, d, c) and its SSE. Exact: the problem is a 3-variable convex
 * QP with 5 linear constraints; all KKT points of active sets up to size 3
 * are enumerated when the unconstrained optimum is infeasible.
 */
function solveInner(
  k: Float64Array,
  w: Float64Array,
  wt: Float64Array,
  m: number,
  sigma: number,
  L: number,
  wMax: number,
  out: Inner,
): void {
  // Q = XᵀWX (3×3 sym), q = XᵀWw with X rows [1, y, z]
  let s1 = 0, sy = 0, sz = 0, syy = 0, syz = 0, szz = 0, sw = 0, syw = 0, szw = 0, sww = 0;
  const n = k.length;
  for (let i = 0; i < n; i++) {
    const y = (k[i] - m) / sigma, z = Math.sqrt(y * y + 1), o = wt[i], v = w[i];
    s1 += o;
    sy += o * y;
    sz += o * z;
    syy += o * y * y;
    syz += o * y * z;
    szz += o * z * z;
    sw += o * v;
    syw += o * y * v;
    szw += o * z * v;
    sww += o * v * v;
  }
  const Q = [s1, sy, sz, sy, syy, syz, sz, syz, szz];
  const q = [sw, syw, szw];
  // constraints G p ≥ h, p = (a, d, c)
  const G = [
    [0, -1, 1],
    [0, 1, 1],
    [0, -1, -1],
    [0, 1, -1],
    [-1, 0, 0],
  ];
  const h = [0, 0, -L * sigma, -L * sigma, -wMax];
  const sse = (p: number[]): number => {
    let quad = 0;
    for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) quad += p[i] * Q[i * 3 + j] * p[j];
    return sww - 2 * (q[0] * p[0] + q[1] * p[1] + q[2] * p[2]) + quad;
  };
  const feasible = (p: number[]): boolean => {
    for (let r = 0; r < 5; r++) {
      const lhs = G[r][0] * p[0] + G[r][1] * p[1] + G[r][2] * p[2];
      if (lhs < h[r] - 1e-12 * (1 + Math.abs(h[r]))) return false;
    }
    return true;
  };
  let best: number[] | null = null, bestSse = Infinity;
  const tryActive = (act: number[]): void => {
    const na = act.length, N = 3 + na;
    const A = new Float64Array(N * N), b = new Float64Array(N);
    for (let i = 0; i < 3; i++) {
      for (let j = 0; j < 3; j++) A[i * N + j] = Q[i * 3 + j];
      b[i] = q[i];
    }
    for (let r = 0; r < na; r++) {
      for (let j = 0; j < 3; j++) {
        A[(3 + r) * N + j] = G[act[r]][j];
        A[j * N + 3 + r] = -G[act[r]][j];
      }
      b[3 + r] = h[act[r]];
    }
    const x = gaussSolve(A, b, N);
    if (!x) return;
    // multipliers of active inequality constraints must be ≥ 0 at the optimum; we instead
    // keep every feasible KKT point and take the lowest SSE (equivalent for a convex QP).
    const p = [x[0], x[1], x[2]];
    if (!feasible(p)) return;
    const v = sse(p);
    if (v < bestSse) {
      bestSse = v;
      best = p;
    }
  };
  tryActive([]);
  if (!best) {
    for (let i = 0; i < 5; i++) {
      tryActive([i]);
      for (let j = i + 1; j < 5; j++) {
        tryActive([i, j]);
        for (let l = j + 1; l < 5; l++) tryActive([i, j, l]);
      }
    }
  }
  if (!best) {
    // degenerate design (e.g. all weight on one point): fall back to a flat smile at the weighted mean
    out.a = sw / s1;
    out.d = 0;
    out.c = 0;
    out.sse = sse([out.a, 0, 0]);
    return;
  }
  const bp = best as number[];
  out.a = bp[0];
  out.d = bp[1];
  out.c = bp[2];
  out.sse = Math.max(bestSse, 0);
}

/** Gaussian elimination with partial pivoting; null when singular. */
function gaussSolve(A: Float64Array, b: Float64Array, n: number): Float64Array | null {
  let scale = 0;
  for (let i = 0; i < n * n; i++) scale = Math.max(scale, Math.abs(A[i]));
  for (let col = 0; col < n; col++) {
    let piv = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(A[r * n + col]) > Math.abs(A[piv * n + col])) piv = r;
    if (!(Math.abs(A[piv * n + col]) > 1e-13 * scale)) return null;
    if (piv !== col) {
      for (let j = 0; j < n; j++) {
        const t = A[col * n + j];
        A[col * n + j] = A[piv * n + j];
        A[piv * n + j] = t;
      }
      const t = b[col];
      b[col] = b[piv];
      b[piv] = t;
    }
    for (let r = col + 1; r < n; r++) {
      const f = A[r * n + col] / A[col * n + col];
      if (f === 0) continue;
      for (let j = col; j < n; j++) A[r * n + j] -= f * A[col * n + j];
      b[r] -= f * b[col];
    }
  }
  const x = new Float64Array(n);
  for (let i = n - 1; i >= 0; i--) {
    let s = b[i];
    for (let j = i + 1; j < n; j++) s -= A[i * n + j] * x[j];
    x[i] = s / A[i * n + i];
  }
  return x;
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
  let npos = 0, wsum = 0, kMin = Infinity, kMax = -Infinity, wMax = 0;
  for (let i = 0; i < n; i++) {
    if (wt[i] > 0) {
      npos++;
      wsum += wt[i];
      kMin = Math.min(kMin, k[i]);
      kMax = Math.max(kMax, k[i]);
      wMax = Math.max(wMax, w[i]);
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
    solveInner(k, w, wt, m, sigma, L, wMax, inner);
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
  solveInner(k, w, wt, m, sigma, L, wMax, inner);
  const b = inner.c / sigma;
  const rho = inner.c > 0 ? Math.max(-1 + 1e-12, Math.min(1 - 1e-12, inner.d / inner.c)) : 0;
  const params: SviParams = { a: inner.a, b, rho, m, sigma };
  let sse = 0, maxAbs = 0;
  for (let i = 0; i < n; i++) {
    const xx = k[i] - m;
    const r = params.a + b * (rho * xx + Math.sqrt(xx * xx + sigma * sigma)) - w[i];
    sse += wt[i] * r * r;
    if (wt[i] > 0) maxAbs = Math.max(maxAbs, Math.abs(r));
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
    arbitrage: { ok: butterfly.ok && lee.ok && minVariance.w >= 0, butterfly, lee, minVariance },
    evaluations: evals,
  };
}
