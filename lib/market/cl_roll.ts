/**
 * NYMEX WTI (CL) front-month roll handling. The EIA series RCLC1 is the
 * nearest contract and jumps to the next contract the day after the front
 * contract's last trading day. A position "long one front-month contract"
 * is rolled at the close of the last trading day into contract 2, so its
 * daily P&L is `cl1[t] − cl1[t−1]` on ordinary days and `cl1[t] − cl2[t−1]`
 * the day after a last trading day. P&L is in price units (USD per contract =
 * 1,000 bbl × USD/bbl), never log returns, because WTI settled at −37.63 on
 * 2020-04-20.
 *
 * Last trading day (CME rulebook ch. 200): trading terminates 3 business days
 * before the 25th calendar day of the month before delivery; if the 25th is
 * not a business day, 3 business days before the last business day preceding
 * the 25th. Business days are those of the published NYMEX holiday schedule
 * (`lib/data/roll_flags.ts`), so the flag on a date never depends on later rows.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { clLastTradingDays, rolledDailyPnl } from "./cl_roll.ts";
 * import { businessDays } from "./synthetic_market.ts";
 * const ltd = clLastTradingDays(businessDays("2024-01-19", 10)); // Fri 19 Jan … Thu 1 Feb 2024
 * assert.deepEqual([...ltd], [0, 1, 0, 0, 0, 0, 0, 0, 0, 0]); // Mon 22 Jan: 3 business days before Thu 25 Jan
 * // rolled into contract 2 at the close of day 1, so day 2's P&L is cl1[2] − cl2[1]
 * const pnl = rolledDailyPnl([74, 75, 76.5], [74.5, 75.75, 77], [0, 1, 0], 1000);
 * assert.deepEqual([...pnl], [NaN, 1000, 750]);
 * ```
 * @module
 */

import { clRollFlags } from "../data/roll_flags.ts";

/** Barrels per NYMEX CL contract. */
export const CL_CONTRACT_BBL = 1000;

/**
 * Flags (1) on the dates that are a CL contract's last trading day, per the
 * rule above on the NYMEX schedule (`calendar`: sorted ISO trading days).
 * @throws {RangeError} when dates are not strictly increasing
 */
export function clLastTradingDays(calendar: readonly string[]): Uint8Array {
  for (let i = 1; i < calendar.length; i++) {
    if (!(calendar[i] > calendar[i - 1])) {
      throw new RangeError(`clLastTradingDays: calendar must increase, ${calendar[i]} follows ${calendar[i - 1]}`);
    }
  }
  return clRollFlags(calendar).lastTradingDay;
}

/**
 * Daily P&L (price units × `multiplier`) of a long position rolled at each
 * last trading day. Entry 0 is NaN (no previous day); entries are NaN where an
 * input price is missing.
 *
 * @throws {RangeError} on mismatched lengths
 */
export function rolledDailyPnl(
  cl1: ArrayLike<number>,
  cl2: ArrayLike<number>,
  lastTradingDay: ArrayLike<number>,
  multiplier = CL_CONTRACT_BBL,
): Float64Array {
  if (cl1.length !== cl2.length || cl1.length !== lastTradingDay.length) {
    throw new RangeError(
      `rolledDailyPnl: cl1 (${cl1.length}), cl2 (${cl2.length}) and lastTradingDay (${lastTradingDay.length}) lengths differ`,
    );
  }
  const out = new Float64Array(cl1.length).fill(NaN);
  for (let t = 1; t < cl1.length; t++) {
    const prev = lastTradingDay[t - 1] ? cl2[t - 1] : cl1[t - 1];
    out[t] = multiplier * (cl1[t] - prev);
  }
  return out;
}

/**
 * Overlapping h-day sums: `out[t] = Σ_{s=t−h+1..t} x[s]` (NaN until h values exist
 * or where any term is NaN). With daily P&L this is the h-day P&L ending at t.
 *
 * @example
 * ```ts
 * overlappingSum(new Float64Array([NaN, 1, 2, 3]), 2); // [NaN, NaN, 3, 5]
 * ```
 */
export function overlappingSum(x: ArrayLike<number>, h: number): Float64Array {
  if (!Number.isInteger(h) || h < 1) throw new RangeError(`overlappingSum: h must be an integer >= 1, got ${h}`);
  const out = new Float64Array(x.length).fill(NaN);
  for (let t = h - 1; t < x.length; t++) {
    let s = 0;
    for (let k = t - h + 1; k <= t; k++) s += x[k];
    out[t] = s;
  }
  return out;
}
