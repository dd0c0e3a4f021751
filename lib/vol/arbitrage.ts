/**
 * Static no-arbitrage diagnostics for implied-variance smiles and surfaces.
 * Violations are returned with where they occur; nothing here throws on an
 * arbitrageable smile (it throws only on malformed input).
 *
 * - Butterfly: Durrleman's condition
 *   `g(k) = (1 − k w'/(2w))² − (w'²/4)(1/w + 1/4) + w''/2 ≥ 0`
 *   (Gatheral & Jacquier 2014, "Arbitrage-free SVI volatility surfaces", eq. 2.1),
 *   i.e. a non-negative risk-neutral density, on a k grid.
 * - Lee's moment formula: wing slopes of total variance at most 2, for SVI
 *   `b(1 + |ρ|) ≤ 2`.
 * - Calendar: total variance non-decreasing in T at fixed k.
 *
 * @example
 * ```ts
 * import { butterflyCheck } from "./arbitrage.ts";
 * const r = butterflyCheck({ a: -0.041, b: 0.1331, rho: 0.306, m: 0.3586, sigma: 0.4153 });
 * r.ok; // false: the Axel Vogt counter-example
 * ```
 * @module
 */

import { sviDerivatives, type SviParams, validateSviParams } from "./svi.ts";

/** A k-grid specification. */
export interface KGrid {
  /** Lowest log-moneyness (default −2). */
  kMin?: number;
  /** Highest log-moneyness (default 2). */
  kMax?: number;
  /** Number of grid points (default 401). */
  n?: number;
}

/** An interval of the k grid where a condition fails. */
export interface ViolationInterval {
  kFrom: number;
  kTo: number;
  /** Most negative value of the failing quantity in the interval. */
  worst: number;
  /** Where it occurs. */
  kAtWorst: number;
}

/** Butterfly (density) diagnostic. */
export interface ButterflyReport {
  ok: boolean;
  /** Minimum of g over the grid (−Infinity if the variance is ≤ 0 somewhere). */
  minG: number;
  kAtMinG: number;
  /** Intervals of the grid where g < −tol or w ≤ 0. */
  violations: ViolationInterval[];
  /** True when w ≤ 0 at some grid point (g is undefined there). */
  negativeVariance: boolean;
  grid: { kMin: number; kMax: number; n: number };
}

/** Lee wing-slope diagnostic. */
export interface LeeReport {
  ok: boolean;
  /** Right wing slope b(1+ρ). */
  rightSlope: number;
  /** Left wing slope b(1−ρ). */
  leftSlope: number;
  /** b(1 + |ρ|), compared with the bound. */
  value: number;
  bound: number;
}

/**
 * Durrleman's g(k) from total variance and its first two k-derivatives;
 * NaN when w ≤ 0 (no density is defined).
 *
 * @example
 * ```ts
 * durrlemanG(0, 0.04, 0, 0); // flat smile: 1 − 0 ... = 1
 * ```
 */
export function durrlemanG(k: number, w: number, w1: number, w2: number): number {
  if (!(w > 0)) return NaN;
  const u = 1 - k * w1 / (2 * w);
  return u * u - 0.25 * w1 * w1 * (1 / w + 0.25) + 0.5 * w2;
}

function gridOf(grid: KGrid, fn: string): { kMin: number; kMax: number; n: number } {
  const kMin = grid.kMin ?? -2, kMax = grid.kMax ?? 2, n = grid.n ?? 401;
  if (!Number.isFinite(kMin) || !Number.isFinite(kMax) || !(kMax > kMin)) {
    throw new RangeError(`${fn}: grid needs finite kMin < kMax, got kMin=${kMin} kMax=${kMax}`);
  }
  if (!Number.isInteger(n) || n < 3) throw new RangeError(`${fn}: grid n must be an integer >= 3, got ${n}`);
  return { kMin, kMax, n };
}

/**
 * One grid point of a violation scan: a value below `−tol` starts a run (made by `start`) or extends the current one
 * (tracking its most negative value); any other value closes the current run into `out`. Returns the current run.
 */
function extendRun<R extends ViolationInterval>(
  cur: R | null,
  k: number,
  val: number,
  tol: number,
  out: R[],
  start: () => R,
): R | null {
  if (val < -tol) {
    const r = cur ?? start();
    r.kTo = k;
    if (val < r.worst) {
      r.worst = val;
      r.kAtWorst = k;
    }
    return r;
  }
  if (cur) out.push(cur);
  return null;
}

function scanButterfly(
  derivs: (k: number) => [number, number, number],
  grid: KGrid,
  tol: number,
  fn: string,
): ButterflyReport {
  const g = gridOf(grid, fn);
  let minG = Infinity, kAtMinG = NaN, negativeVariance = false;
  const violations: ViolationInterval[] = [];
  let cur: ViolationInterval | null = null;
  for (let i = 0; i < g.n; i++) {
    const k = g.kMin + (g.kMax - g.kMin) * i / (g.n - 1);
    const [w, w1, w2] = derivs(k);
    let val = durrlemanG(k, w, w1, w2);
    if (Number.isNaN(val)) {
      negativeVariance = true;
      val = -Infinity;
    }
    if (val < minG) {
      minG = val;
      kAtMinG = k;
    }
    cur = extendRun(cur, k, val, tol, violations, () => ({ kFrom: k, kTo: k, worst: val, kAtWorst: k }));
  }
  if (cur) violations.push(cur);
  return { ok: violations.length === 0, minG, kAtMinG, violations, negativeVariance, grid: g };
}

/**
 * Butterfly-arbitrage check of a raw SVI slice on a k grid (analytic derivatives).
 *
 * @param tol g values above −tol count as non-negative (default 0)
 * @throws {RangeError} for invalid parameters or grid
 * @example
 * ```ts
 * butterflyCheck({ a: 0.04, b: 0.4, rho: -0.4, m: 0.1, sigma: 0.2 }).ok; // true
 * ```
 */
export function butterflyCheck(p: SviParams, grid: KGrid = {}, tol = 0): ButterflyReport {
  validateSviParams(p, "butterflyCheck");
  return scanButterfly((k) => sviDerivatives(p, k), grid, tol, "butterflyCheck");
}

/**
 * Butterfly-arbitrage check of any total-variance smile `w(k)` (SABR, SSVI,
 * interpolated smiles) with central finite differences of step `h`.
 *
 * @example
 * ```ts
 * butterflyCheckFn((k) => 0.04 + 0.01 * k * k).ok; // true
 * ```
 */
export function butterflyCheckFn(
  w: (k: number) => number,
  grid: KGrid = {},
  tol = 0,
  h = 1e-4,
): ButterflyReport {
  return scanButterfly(
    (k) => {
      const w0 = w(k), wp = w(k + h), wm = w(k - h);
      return [w0, (wp - wm) / (2 * h), (wp - 2 * w0 + wm) / (h * h)];
    },
    grid,
    tol,
    "butterflyCheckFn",
  );
}

/**
 * Lee's wing bound for SVI: `b(1 + |ρ|) ≤ bound` (default 2, Lee 2004).
 *
 * @example
 * ```ts
 * leeWingCheck({ a: 0, b: 1.8, rho: 0.2, m: 0, sigma: 0.1 }).ok; // false (2.16 > 2)
 * ```
 */
export function leeWingCheck(p: SviParams, bound = 2): LeeReport {
  validateSviParams(p, "leeWingCheck");
  const value = p.b * (1 + Math.abs(p.rho));
  return { ok: value <= bound, rightSlope: p.b * (1 + p.rho), leftSlope: p.b * (1 - p.rho), value, bound };
}

/** One slice for {@link calendarCheck}. */
export interface CalendarSlice {
  T: number;
  /** Total variance as a function of log-moneyness. */
  w: (k: number) => number;
  label?: string;
}

/** Calendar-spread violation between two adjacent expiries. */
export interface CalendarViolation extends ViolationInterval {
  /** Earlier and later expiry. */
  T1: number;
  T2: number;
  label1?: string;
  label2?: string;
}

/** Calendar diagnostic. */
export interface CalendarReport {
  ok: boolean;
  /** Intervals where `w(k, T2) − w(k, T1) < −tol`; `worst` is that (negative) difference. */
  violations: CalendarViolation[];
}

/**
 * Calendar-spread check: total variance must not decrease in T at fixed k.
 *
 * @throws {RangeError} when the expiries are not strictly increasing and positive
 * @example
 * ```ts
 * const r = calendarCheck([
 *   { T: 0.25, w: (k) => 0.01 + 0.01 * k * k },
 *   { T: 0.5, w: (k) => 0.02 + 0.005 * k * k },
 * ], { kMin: -3, kMax: 3 });
 * r.ok; // false: the curves cross at |k| = √2
 * ```
 */
export function calendarCheck(slices: readonly CalendarSlice[], grid: KGrid = {}, tol = 0): CalendarReport {
  const g = gridOf(grid, "calendarCheck");
  for (let i = 0; i < slices.length; i++) {
    const T = slices[i].T;
    if (!(T > 0) || !Number.isFinite(T)) {
      throw new RangeError(`calendarCheck: slice ${slices[i].label ?? i} has invalid expiry T=${T}`);
    }
    if (i > 0 && !(T > slices[i - 1].T)) {
      throw new RangeError(
        `calendarCheck: expiries must be strictly increasing; slice ${slices[i].label ?? i} T=${T} follows T=${
          slices[i - 1].T
        }`,
      );
    }
  }
  const violations: CalendarViolation[] = [];
  for (let s = 1; s < slices.length; s++) {
    const a = slices[s - 1], b = slices[s];
    let cur: CalendarViolation | null = null;
    for (let i = 0; i < g.n; i++) {
      const k = g.kMin + (g.kMax - g.kMin) * i / (g.n - 1);
      let d = b.w(k) - a.w(k);
      if (Number.isNaN(d)) d = -Infinity;
      const start = (): CalendarViolation => ({
        T1: a.T,
        T2: b.T,
        label1: a.label,
        label2: b.label,
        kFrom: k,
        kTo: k,
        worst: d,
        kAtWorst: k,
      });
      cur = extendRun(cur, k, d, tol, violations, start);
    }
    if (cur) violations.push(cur);
  }
  return { ok: violations.length === 0, violations };
}
