/**
 * Diebold–Mariano (1995) test of equal predictive accuracy on a loss
 * differential `d_t = lossA_t − lossB_t` (e.g. pinball losses of two margin
 * models), with a HAC (Newey–West) long-run variance for h-step forecasts.
 *
 * `DM = d̄ / √(V̂/T)`, `V̂ = γ̂₀ + 2·Σ_{k=1}^{L} w_k·γ̂_k`, with autocovariances
 * `γ̂_k = (1/T)·Σ_{t>k} (d_t − d̄)(d_{t−k} − d̄)`, lag `L = h − 1` by default and
 * Bartlett weights `w_k = 1 − k/(L+1)` (Newey–West, always ≥ 0) or uniform
 * weights `w_k = 1` (the original DM truncated kernel; if it gives a
 * non-positive variance the Bartlett estimate is used and reported).
 * Optional Harvey–Leybourne–Newbold (1997) small-sample factor
 * `√((T + 1 − 2h + h(h−1)/T)/T)`. The two-sided p-value uses the standard
 * normal. A positive statistic means model A has the larger loss (B is better).
 *
 * @example
 * ```ts
 * import { dieboldMariano } from "./diebold_mariano.ts";
 * const r = dieboldMariano([1, 2, 3, 2, 1, 3], [1, 1, 2, 1, 1, 2], { mpor: 1 });
 * r.stat; // > 0: model B has lower loss
 * ```
 * @module
 */
import { normCdf } from "../core/normal.ts";
import { checkFinitePair, checkInt } from "../core/check.ts";

/** Options of {@link dieboldMariano}. */
export interface DmOptions {
  /** Forecast horizon h ≥ 1 in days: the MPOR for h-day margin losses (sets the default lag h − 1). Default 1. */
  mpor?: number;
  /** HAC truncation lag L ≥ 0. Default h − 1. */
  lag?: number;
  /** `"bartlett"` (Newey–West, default) or `"uniform"` (original DM). */
  kernel?: "bartlett" | "uniform";
  /** Apply the Harvey–Leybourne–Newbold correction. Default false. */
  hln?: boolean;
}

/** Result of {@link dieboldMariano}. */
export interface DmResult {
  /** DM statistic (asymptotically N(0,1)). */
  stat: number;
  /** Two-sided p-value. */
  pValue: number;
  /** Mean loss differential d̄. */
  meanDiff: number;
  /** HAC long-run variance V̂ of d. */
  longRunVariance: number;
  /** Kernel actually used. */
  kernel: "bartlett" | "uniform";
  /** Number of observations T. */
  n: number;
}

/**
 * Diebold–Mariano test on two loss series.
 *
 * @throws {RangeError} on non-finite values, mismatched lengths, fewer than 2 observations,
 *   `mpor` < 1, `lag` < 0 or ≥ T, unknown kernel, a zero long-run variance (identical losses)
 * @example
 * ```ts
 * const lossA = [3, 1, 4, 1, 5, 9, 2, 6], lossB = [2, 1, 3, 1, 4, 8, 2, 5];
 * dieboldMariano(lossA, lossB, { mpor: 2 }).pValue;
 * ```
 */
export function dieboldMariano(lossA: ArrayLike<number>, lossB: ArrayLike<number>, opts: DmOptions = {}): DmResult {
  const fn = "dieboldMariano";
  checkFinitePair(fn, "lossA", lossA, "lossB", lossB);
  const T = lossA.length;
  if (T < 2) throw new RangeError(`${fn}: needs at least 2 observations, got ${T}`);
  const h = opts.mpor ?? 1;
  checkInt(fn, "mpor", h, 1);
  const L = opts.lag ?? h - 1;
  if (!Number.isInteger(L) || L < 0 || L >= T) {
    throw new RangeError(`${fn}: lag must be an integer in [0, ${T - 1}], got ${L}`);
  }
  let kernel = opts.kernel ?? "bartlett";
  if (kernel !== "bartlett" && kernel !== "uniform") {
    throw new RangeError(`${fn}: kernel must be "bartlett" or "uniform", got ${String(kernel)}`);
  }
  const d = new Float64Array(T);
  let mean = 0;
  for (let t = 0; t < T; t++) {
    d[t] = lossA[t] - lossB[t];
    mean += d[t];
  }
  mean /= T;
  for (let t = 0; t < T; t++) d[t] -= mean;
  const gamma = new Float64Array(L + 1);
  for (let k = 0; k <= L; k++) {
    let s = 0;
    for (let t = k; t < T; t++) s += d[t] * d[t - k];
    gamma[k] = s / T;
  }
  const lrv = (kern: "bartlett" | "uniform"): number => {
    let v = gamma[0];
    for (let k = 1; k <= L; k++) v += 2 * (kern === "bartlett" ? 1 - k / (L + 1) : 1) * gamma[k];
    return v;
  };
  let V = lrv(kernel);
  if (!(V > 0) && kernel === "uniform") {
    kernel = "bartlett";
    V = lrv(kernel);
  }
  if (!(V > 0)) throw new RangeError(`${fn}: loss differential has zero variance (identical losses?), V = ${V}`);
  let stat = mean / Math.sqrt(V / T);
  if (opts.hln) stat *= Math.sqrt((T + 1 - 2 * h + (h * (h - 1)) / T) / T);
  const pValue = 2 * normCdf(-Math.abs(stat));
  return { stat, pValue, meanDiff: mean, longRunVariance: V, kernel, n: T };
}
