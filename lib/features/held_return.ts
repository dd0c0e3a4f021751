/**
 * Returns of a *held* front-month futures position, rolled into the next
 * contract at the close of each last trading day — the same P&L the margin
 * target uses. The generic series `cl1` jumps from the expiring contract to the
 * next one the day after a last trading day; that jump is not P&L. So the
 * held position's daily change is
 * `d_t = cl1_t − p_{t−1}`, `p_{t−1} = cl2_{t−1}` if t−1 was a last trading day, else `cl1_{t−1}`,
 * and n-day quantities are sums of daily ones. Without roll flags (a
 * constant-maturity or already-adjusted series) `p_{t−1} = cl1_{t−1}`.
 *
 * @example
 * ```ts
 * import { heldDailyChange, rollingSum } from "./held_return.ts";
 * const cl1 = Float64Array.of(50, 51, 53), cl2 = Float64Array.of(50.5, 52.5, 53.6);
 * const { change } = heldDailyChange(cl1, cl2, Uint8Array.of(0, 1, 0)); // [NaN, 1, 0.5]
 * rollingSum(change, 2); // [NaN, NaN, 1.5]
 * ```
 * @module
 */
import { checkInt } from "../core/check.ts";

import { overlappingSum } from "../market/cl_roll.ts";

/** Daily change of the held position and the previous price it is measured from. */
export interface HeldChange {
  /** `d_t = cl1_t − p_{t−1}` (NaN at row 0 and where a price is missing). */
  change: Float64Array;
  /** `p_{t−1}`: the held contract's previous settlement. */
  prev: Float64Array;
}

/**
 * Daily change of a front position rolled at each flagged last trading day.
 *
 * @throws {RangeError} on mismatched lengths, or a roll whose next-contract price is missing (names the row)
 * @example
 * ```ts
 * heldDailyChange(Float64Array.of(50, 51), undefined, undefined).change; // [NaN, 1]
 * ```
 */
export function heldDailyChange(
  front: Float64Array,
  next?: Float64Array,
  lastTradingDay?: ArrayLike<number>,
): HeldChange {
  const n = front.length;
  if (lastTradingDay !== undefined) {
    if (next === undefined) throw new RangeError(`heldDailyChange: roll flags need the next contract's prices`);
    if (next.length !== n || lastTradingDay.length !== n) {
      throw new RangeError(
        `heldDailyChange: front (${n}), next (${next.length}) and lastTradingDay (${lastTradingDay.length}) lengths differ`,
      );
    }
  }
  const change = new Float64Array(n).fill(NaN), prev = new Float64Array(n).fill(NaN);
  for (let t = 1; t < n; t++) {
    const roll = lastTradingDay !== undefined && lastTradingDay[t - 1] === 1;
    const p = roll ? next![t - 1] : front[t - 1];
    if (roll && Number.isNaN(p) && !Number.isNaN(front[t - 1]) && !Number.isNaN(front[t])) {
      throw new RangeError(`heldDailyChange: roll after row ${t - 1} needs the next contract's price, got NaN`);
    }
    prev[t] = p;
    change[t] = front[t] - p;
  }
  return { change, prev };
}

/**
 * Trailing sum over `n` rows (NaN when incomplete or holding a NaN).
 *
 * @throws {RangeError} when n is not a positive integer
 * @example
 * ```ts
 * rollingSum(Float64Array.of(1, 2, 3), 2); // [NaN, 3, 5]
 * ```
 */
export function rollingSum(x: Float64Array, n: number): Float64Array {
  checkInt("rollingSum", "n", n, 1);
  return overlappingSum(x, n);
}

/**
 * `x_t / scale_{t−lag}` (a change divided by the robust level at its start).
 *
 * @example
 * ```ts
 * divideLagged(Float64Array.of(NaN, 2), Float64Array.of(40, 50), 1); // [NaN, 0.05]
 * ```
 */
export function divideLagged(x: Float64Array, scale: Float64Array, lag: number): Float64Array {
  checkInt("divideLagged", "lag", lag, 0);
  if (scale.length !== x.length) throw new RangeError(`divideLagged: scale has ${scale.length} values for ${x.length}`);
  const out = new Float64Array(x.length).fill(NaN);
  for (let t = lag; t < x.length; t++) out[t] = x[t] / scale[t - lag];
  return out;
}

/**
 * n-day log return of the held position: the sum of daily `ln(cl1_t / p_{t−1})`,
 * where a daily term with a price ≤ 0 falls back to `d_t / scale_{t−1}`.
 *
 * @example
 * ```ts
 * const h = heldDailyChange(Float64Array.of(50, 55, -1), undefined, undefined);
 * heldLogReturn(Float64Array.of(50, 55, -1), h, 1, Float64Array.of(50, 50, 50)); // [NaN, ln 1.1, -1.12]
 * ```
 */
export function heldLogReturn(front: Float64Array, held: HeldChange, n: number, scale: Float64Array): Float64Array {
  const len = front.length;
  if (held.change.length !== len || scale.length !== len) {
    throw new RangeError(`heldLogReturn: inputs have different lengths`);
  }
  const daily = new Float64Array(len).fill(NaN);
  for (let t = 1; t < len; t++) {
    const a = held.prev[t], b = front[t];
    daily[t] = a > 0 && b > 0 ? Math.log(b / a) : held.change[t] / scale[t - 1];
  }
  return rollingSum(daily, n);
}

/**
 * Causal cumulative P&L index of the held position: starts at the first finite
 * front price and adds each daily change (anchored at the start, not back-adjusted
 * from the end, so it never looks ahead).
 *
 * @example
 * ```ts
 * heldPriceIndex(Float64Array.of(NaN, 50, 51), Float64Array.of(NaN, NaN, 1.5)); // [NaN, 50, 51.5]
 * ```
 */
export function heldPriceIndex(front: Float64Array, change: Float64Array): Float64Array {
  const n = front.length;
  const out = new Float64Array(n).fill(NaN);
  let level = NaN;
  for (let t = 0; t < n; t++) {
    if (Number.isNaN(level)) level = front[t];
    else level += change[t];
    out[t] = level;
  }
  return out;
}
