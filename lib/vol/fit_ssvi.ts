/**
 * SSVI surface calibration: ATM total variances θ_i are read off each slice
 * (linear interpolation of w at k = 0), then (ρ, η, γ) of the power-law SSVI
 * are fitted jointly across slices by Nelder–Mead in unconstrained
 * coordinates. By default the search is restricted to Gatheral–Jacquier's
 * no-arbitrage region (γ ∈ (0, ½], η(1 + |ρ|) ≤ 2); with
 * `noArbitrage: false` it is not, and violations are flagged instead.
 *
 * @example
 * ```ts
 * import { fitSsvi } from "./fit_ssvi.ts";
 * import { ssviTotalVariance } from "./ssvi.ts";
 * const truth = { rho: -0.6, eta: 1.1, gamma: 0.35 };
 * const slices = [0.02, 0.05, 0.1].map((theta, i) => {
 *   const k = Float64Array.from({ length: 11 }, (_, j) => -0.5 + 0.1 * j);
 *   return { T: 0.25 * (i + 1), k, w: k.map((x) => ssviTotalVariance(truth, theta, x)) };
 * });
 * fitSsvi(slices).params.rho; // ≈ -0.6
 * ```
 * @module
 */

import { nelderMead } from "./nelder_mead.ts";
import { type SsviParams, ssviSliceToSvi, ssviTotalVariance } from "./ssvi.ts";
import { butterflyCheck, type ButterflyReport, calendarCheck, type CalendarReport } from "./arbitrage.ts";

/** One expiry slice of market total variances. */
export interface SsviSliceInput {
  T: number;
  k: Float64Array;
  w: Float64Array;
  weights?: Float64Array;
  label?: string;
}

/** Options for {@link fitSsvi}. */
export interface FitSsviOptions {
  /** Restrict the search to the Gatheral–Jacquier no-arbitrage region (default true). */
  noArbitrage?: boolean;
  /** Maximum Nelder–Mead evaluations (default 600). */
  maxEval?: number;
}

/** Result of {@link fitSsvi}. */
export interface SsviFit {
  params: SsviParams;
  /** ATM total variance per slice (input order). */
  thetas: Float64Array;
  /** Weighted RMS error in total variance, all slices. */
  rmse: number;
  /** RMS error per slice. */
  sliceRmse: Float64Array;
  arbitrage: {
    ok: boolean;
    /** η(1 + |ρ|) ≤ 2 and γ ≤ ½ (sufficient for no butterfly arbitrage). */
    gjCondition: { ok: boolean; value: number; gamma: number };
    /** θ strictly non-decreasing in T; the first offending slice otherwise. */
    thetaMonotone: { ok: boolean; violations: { label: string; T: number; theta: number; previousTheta: number }[] };
    butterfly: ButterflyReport[];
    calendar: CalendarReport;
  };
  evaluations: number;
}

function atmTotalVariance(s: SsviSliceInput, label: string): number {
  // nearest points on each side of k = 0
  let iL = -1, iR = -1;
  for (let i = 0; i < s.k.length; i++) {
    if (s.k[i] === 0) return s.w[i];
    if (s.k[i] < 0 && (iL < 0 || s.k[i] > s.k[iL])) iL = i;
    if (s.k[i] > 0 && (iR < 0 || s.k[i] < s.k[iR])) iR = i;
  }
  if (iL < 0 || iR < 0) {
    throw new RangeError(`fitSsvi: slice ${label} has no strikes on both sides of the forward (k = 0) to read θ`);
  }
  const t = -s.k[iL] / (s.k[iR] - s.k[iL]);
  return s.w[iL] + t * (s.w[iR] - s.w[iL]);
}

const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));

/**
 * Fit a power-law SSVI surface to several expiry slices (sorted or not; they
 * are checked in T order).
 *
 * @throws {RangeError} naming the slice for invalid T, k/w length mismatch, non-finite or negative w,
 *   no strikes on both sides of k = 0, duplicate expiries, or fewer than 3 points overall
 * @example
 * ```ts
 * const k = new Float64Array([-0.2, -0.1, 0, 0.1, 0.2]);
 * const fit = fitSsvi([{ T: 0.5, k, w: new Float64Array([0.03, 0.024, 0.02, 0.018, 0.019]) }]);
 * ```
 */
export function fitSsvi(slices: readonly SsviSliceInput[], opts: FitSsviOptions = {}): SsviFit {
  if (slices.length === 0) throw new RangeError("fitSsvi: need at least one slice");
  const noArb = opts.noArbitrage ?? true;
  const ns = slices.length;
  const labels = slices.map((s, i) => s.label ?? `#${i} (T=${s.T})`);
  const thetas = new Float64Array(ns);
  let total = 0, wsum = 0;
  for (let j = 0; j < ns; j++) {
    const s = slices[j], lb = labels[j];
    if (!(s.T > 0) || !Number.isFinite(s.T)) throw new RangeError(`fitSsvi: slice ${lb}: T must be > 0, got ${s.T}`);
    if (s.k.length !== s.w.length) {
      throw new RangeError(`fitSsvi: slice ${lb}: k (${s.k.length}) and w (${s.w.length}) lengths differ`);
    }
    if (s.weights && s.weights.length !== s.k.length) {
      throw new RangeError(`fitSsvi: slice ${lb}: weights (${s.weights.length}) must match k (${s.k.length})`);
    }
    for (let i = 0; i < s.k.length; i++) {
      if (!Number.isFinite(s.k[i])) throw new RangeError(`fitSsvi: slice ${lb}: k[${i}] must be finite, got ${s.k[i]}`);
      if (!(s.w[i] >= 0) || !Number.isFinite(s.w[i])) {
        throw new RangeError(`fitSsvi: slice ${lb}: w[${i}] (k=${s.k[i]}) must be finite and >= 0, got ${s.w[i]}`);
      }
      const o = s.weights ? s.weights[i] : 1;
      if (!(o >= 0) || !Number.isFinite(o)) throw new RangeError(`fitSsvi: slice ${lb}: weights[${i}] invalid: ${o}`);
      wsum += o;
    }
    total += s.k.length;
    thetas[j] = atmTotalVariance(s, lb);
    if (!(thetas[j] > 0)) {
      throw new RangeError(`fitSsvi: slice ${lb}: ATM total variance must be > 0, got ${thetas[j]}`);
    }
  }
  if (total < 3) throw new RangeError(`fitSsvi: SSVI has 3 shape parameters but only ${total} points were given`);
  const order = Array.from({ length: ns }, (_, i) => i).sort((a, b) => slices[a].T - slices[b].T);
  for (let i = 1; i < ns; i++) {
    if (slices[order[i]].T === slices[order[i - 1]].T) {
      throw new RangeError(
        `fitSsvi: slices ${labels[order[i - 1]]} and ${labels[order[i]]} share expiry T=${slices[order[i]].T}`,
      );
    }
  }
  const decode = (x: Float64Array): SsviParams => {
    const rho = 0.999 * Math.tanh(x[0]);
    if (noArb) {
      const gamma = 0.5 * sigmoid(x[2]);
      const eta = (2 / (1 + Math.abs(rho))) * sigmoid(x[1]);
      return { rho, eta, gamma };
    }
    return { rho, eta: Math.exp(x[1]), gamma: sigmoid(x[2]) };
  };
  const sse = (p: SsviParams, perSlice?: Float64Array): number => {
    let s = 0;
    for (let j = 0; j < ns; j++) {
      const sl = slices[j];
      let sj = 0, oj = 0;
      for (let i = 0; i < sl.k.length; i++) {
        const o = sl.weights ? sl.weights[i] : 1;
        const r = ssviTotalVariance(p, thetas[j], sl.k[i]) - sl.w[i];
        sj += o * r * r;
        oj += o;
      }
      s += sj;
      if (perSlice) perSlice[j] = oj > 0 ? Math.sqrt(sj / oj) : NaN;
    }
    return s;
  };
  const objective = (x: Float64Array): number => sse(decode(x)) / wsum;
  // coarse start grid
  let bestF = Infinity, evals = 0;
  const start = new Float64Array(3), x = new Float64Array(3);
  for (const r of [-0.8, -0.4, 0, 0.4]) {
    for (const e of [-1.5, 0, 1.5]) {
      for (const g of [-1, 1]) {
        x[0] = Math.atanh(r / 0.999);
        x[1] = e;
        x[2] = g;
        const f = objective(x);
        evals++;
        if (f < bestF) {
          bestF = f;
          start.set(x);
        }
      }
    }
  }
  let nm = nelderMead(objective, start, { step: 0.5, maxEval: opts.maxEval ?? 600, fTol: 1e-15, xTol: 1e-10 });
  evals += nm.evaluations;
  // one restart from the optimum to escape a collapsed simplex
  const nm2 = nelderMead(objective, nm.x, { step: 0.1, maxEval: opts.maxEval ?? 600, fTol: 1e-15, xTol: 1e-10 });
  evals += nm2.evaluations;
  if (nm2.f <= nm.f) nm = nm2;
  const params = decode(nm.x);
  const sliceRmse = new Float64Array(ns);
  const rmse = Math.sqrt(sse(params, sliceRmse) / wsum);
  const gjValue = params.eta * (1 + Math.abs(params.rho));
  const gjCondition = { ok: gjValue <= 2 + 1e-12 && params.gamma <= 0.5, value: gjValue, gamma: params.gamma };
  const thetaViolations: SsviFit["arbitrage"]["thetaMonotone"]["violations"] = [];
  for (let i = 1; i < ns; i++) {
    const a = order[i - 1], b = order[i];
    if (thetas[b] < thetas[a]) {
      thetaViolations.push({ label: labels[b], T: slices[b].T, theta: thetas[b], previousTheta: thetas[a] });
    }
  }
  let kMin = -1, kMax = 1;
  for (const s of slices) for (const k of s.k) (kMin = Math.min(kMin, k)), (kMax = Math.max(kMax, k));
  const butterfly = slices.map((_, j) => butterflyCheck(ssviSliceToSvi(params, thetas[j]), { kMin, kMax, n: 201 }));
  const calendar = calendarCheck(
    order.map((j) => ({ T: slices[j].T, label: labels[j], w: (k: number) => ssviTotalVariance(params, thetas[j], k) })),
    { kMin, kMax, n: 201 },
  );
  return {
    params,
    thetas,
    rmse,
    sliceRmse,
    arbitrage: {
      ok: gjCondition.ok && thetaViolations.length === 0 && butterfly.every((b) => b.ok) && calendar.ok,
      gjCondition,
      thetaMonotone: { ok: thetaViolations.length === 0, violations: thetaViolations },
      butterfly,
      calendar,
    },
    evaluations: evals,
  };
}
