/**
 * Any baseline margin model as a time series: apply a margin function of a
 * P&L window to a rolling lookback, and find the stressed period of a history.
 * These are the hooks through which the EMIR anti-procyclicality wrappers
 * (`apc.ts`) act on any baseline (HS, FHS, SPAN-like, …).
 *
 * @example
 * ```ts
 * import { rollingMargin } from "./rolling_margin.ts";
 * import { hsMargin } from "./hs.ts";
 * const pnl = Float64Array.from({ length: 600 }, (_, i) => Math.sin(i) * 10);
 * const m = rollingMargin(pnl, (w) => hsMargin(w, { tau: 0.99 }), { lookback: 500 });
 * // m[t] uses pnl[t−499..t]; m[t] is NaN for t < 499
 * ```
 * @module
 */
import { checkFiniteArray, checkInt } from "../core/check.ts";

/** A margin model on a window of scenario P&L (profit positive) → margin ≥ 0. */
export type MarginFn = (pnl: Float64Array) => number;

/** Options of {@link rollingMargin}. */
export interface RollingOptions {
  /** Window length (observations) ending at t. */
  lookback: number;
  /** Fewest observations for a value (a shorter, growing window is used until `lookback` is reached). Default `lookback`. */
  minObs?: number;
}

/**
 * `m[t] = marginFn(pnl[max(0, t−lookback+1) .. t])` once at least `minObs`
 * observations exist, `NaN` before (not yet computable — never a silent 0).
 *
 * @throws {RangeError} on non-finite P&L, `lookback` < 1, `minObs` outside [1, lookback]
 * @throws {TypeError} when `marginFn` is not a function
 * @example
 * ```ts
 * rollingMargin([1, -2, -3], (w) => Math.max(0, -Math.min(...w)), { lookback: 2 }); // [NaN, 2, 3]
 * ```
 */
export function rollingMargin(pnl: ArrayLike<number>, marginFn: MarginFn, opts: RollingOptions): Float64Array {
  const fn = "rollingMargin";
  checkFiniteArray(fn, "pnl", pnl);
  if (typeof marginFn !== "function") throw new TypeError(`${fn}: marginFn must be a function, got ${typeof marginFn}`);
  checkInt(fn, "lookback", opts?.lookback, 1);
  const minObs = opts.minObs ?? opts.lookback;
  checkInt(fn, "minObs", minObs, 1);
  if (minObs > opts.lookback) {
    throw new RangeError(`${fn}: minObs must be <= lookback (${opts.lookback}), got ${minObs}`);
  }
  const x = Float64Array.from(pnl);
  const out = new Float64Array(x.length).fill(NaN);
  for (let t = minObs - 1; t < x.length; t++) {
    const start = Math.max(0, t - opts.lookback + 1);
    out[t] = marginFn(x.subarray(start, t + 1));
  }
  return out;
}

/** The stressed window found by {@link stressedPeriod}. */
export interface StressedPeriod {
  /** First index of the window. */
  start: number;
  /** Last index of the window (inclusive). */
  end: number;
  /** Margin over that window. */
  margin: number;
}

/**
 * The window of `length` consecutive observations (ending at or before
 * `upTo`, default the last) on which `marginFn` is largest — the EMIR
 * "stressed period" for a given portfolio and model.
 *
 * @throws {RangeError} when `length` < 1 or longer than the available history
 * @example
 * ```ts
 * stressedPeriod([0, -9, 1, 2, 3], (w) => -Math.min(...w), 2); // { start: 0, end: 1, margin: 9 }
 * ```
 */
export function stressedPeriod(
  pnl: ArrayLike<number>,
  marginFn: MarginFn,
  length: number,
  upTo = pnl.length - 1,
): StressedPeriod {
  const fn = "stressedPeriod";
  checkFiniteArray(fn, "pnl", pnl);
  checkInt(fn, "length", length, 1);
  checkInt(fn, "upTo", upTo, 0);
  if (upTo >= pnl.length) throw new RangeError(`${fn}: upTo must be < pnl.length (${pnl.length}), got ${upTo}`);
  if (length > upTo + 1) throw new RangeError(`${fn}: length ${length} exceeds the ${upTo + 1} observations available`);
  const x = Float64Array.from(pnl);
  let best: StressedPeriod = { start: 0, end: length - 1, margin: -Infinity };
  for (let end = length - 1; end <= upTo; end++) {
    const m = marginFn(x.subarray(end - length + 1, end + 1));
    if (m > best.margin) best = { start: end - length + 1, end, margin: m };
  }
  return best;
}
