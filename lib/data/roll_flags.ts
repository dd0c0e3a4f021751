/**
 * CL roll flags by the exchange's rule only: for each trading day t, the front contract, the NYMEX business
 * days left to its last trading day and a flag on that last trading day (the held front position rolls into
 * contract 2 at its close). Nothing here reads rows after t, nor even the rows themselves: the flag on a date
 * depends on that date and the published holiday schedule only, so cutting the data at t + k never changes
 * the flags at or before t (tested). `lib/market/cl_roll.ts` `clLastTradingDays` applies it; it replaced a
 * month scan there that flagged a month only when rows after the month existed.
 *
 * A last trading day that is a NYMEX business day but has no row in the data (a publication gap) cannot be
 * flagged; {@link unflaggedExpiries} lists those so that a caller can decide (none in 1986–2022).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { clRollFlags } from "./roll_flags.ts";
 * const r = clRollFlags(["2018-11-16", "2018-11-19", "2018-11-20"]);
 * assert.deepEqual([...r.lastTradingDay], [0, 1, 0]);
 * assert.deepEqual([...r.daysToExpiry], [1, 0, 20]);
 * assert.deepEqual(r.contract, ["CLZ18", "CLZ18", "CLF19"]);
 * ```
 * @module
 */

import { type BusinessDayRule, clExpiriesBetween, clFrontContract } from "./cl_expiry.ts";
import { isNymexBusinessDay, nextIsoDay } from "./nymex_calendar.ts";

/** Roll information per trading day. */
export interface RollFlags {
  /** 1 on the front contract's last trading day (roll at the close), else 0. */
  lastTradingDay: Uint8Array;
  /** NYMEX business days after t up to and including the last trading day (0 on it). */
  daysToExpiry: Int32Array;
  /** The front contract's code, e.g. "CLZ18". */
  contract: string[];
  /** The front contract's last trading day (ISO). */
  expiry: string[];
}

/** NYMEX business days in (a, b] (a ≤ b). */
function businessDaysAfter(a: string, b: string, isBusinessDay: BusinessDayRule): number {
  let n = 0;
  for (let d = nextIsoDay(a); d <= b; d = nextIsoDay(d)) if (isBusinessDay(d)) n++;
  return n;
}

/**
 * Roll flags of `dates` (ISO, strictly increasing trading days).
 *
 * @param isBusinessDay business-day rule (default: the NYMEX schedule)
 * @throws {RangeError} when dates do not increase
 * @example
 * ```ts
 * clRollFlags(["2020-04-20", "2020-04-21", "2020-04-22"]).lastTradingDay; // Uint8Array [0, 1, 0]
 * ```
 */
export function clRollFlags(dates: readonly string[], isBusinessDay: BusinessDayRule = isNymexBusinessDay): RollFlags {
  const n = dates.length;
  const lastTradingDay = new Uint8Array(n), daysToExpiry = new Int32Array(n);
  const contract: string[] = new Array(n), expiry: string[] = new Array(n);
  let front: ReturnType<typeof clFrontContract> | undefined;
  for (let t = 0; t < n; t++) {
    const d = dates[t];
    if (t > 0 && !(d > dates[t - 1])) {
      throw new RangeError(`roll_flags.ts clRollFlags: dates must increase, ${d} follows ${dates[t - 1]}`);
    }
    if (front === undefined || front.lastTradingDay < d) {
      front = clFrontContract(d, isBusinessDay);
      daysToExpiry[t] = businessDaysAfter(d, front.lastTradingDay, isBusinessDay);
    } else {
      // same contract as row t − 1: count down by the business days in (dates[t − 1], d]
      daysToExpiry[t] = daysToExpiry[t - 1] - businessDaysAfter(dates[t - 1], d, isBusinessDay);
    }
    contract[t] = front.code;
    expiry[t] = front.lastTradingDay;
    lastTradingDay[t] = d === front.lastTradingDay ? 1 : 0;
  }
  return { lastTradingDay, daysToExpiry, contract, expiry };
}

/**
 * Last trading days inside [dates[0], dates[last]] that have no row in `dates` (so no flag).
 *
 * @example
 * ```ts
 * unflaggedExpiries(["2018-11-16", "2018-11-20"]); // ["2018-11-19"]
 * ```
 */
export function unflaggedExpiries(
  dates: readonly string[],
  isBusinessDay: BusinessDayRule = isNymexBusinessDay,
): string[] {
  if (dates.length === 0) return [];
  const have = new Set(dates);
  return clExpiriesBetween(dates[0], dates[dates.length - 1], isBusinessDay)
    .map((c) => c.lastTradingDay)
    .filter((d) => !have.has(d));
}
