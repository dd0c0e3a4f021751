/**
 * Last trading day of the NYMEX WTI Light Sweet Crude Oil (CL) futures contract, by the exchange's rule
 * (NYMEX rulebook ch. 200; contract specifications): *trading terminates at the close of business on the
 * third business day prior to the 25th calendar day of the month preceding the delivery month. If the 25th
 * calendar day of the month is a non-business day, trading shall cease on the third business day prior to
 * the business day preceding the 25th calendar day* (i.e. 4 business days before the 25th).
 *
 * Business days are NYMEX's ({@link isNymexBusinessDay} in `nymex_calendar.ts`: weekdays that are not
 * holidays of the published schedule). The schedule is published in advance, so an expiry computed at any
 * earlier date is the same: no look-ahead. EIA's RCLC1 switches to the next contract the session after the
 * last trading day (checked against the data in `cl_expiry_test.ts`).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { clLastTradingDay, clContractCode } from "./cl_expiry.ts";
 * // CLZ18 (December 2018): Sun 25 Nov → preceding business day Fri 23 → 3 business days
 * // before it, skipping Thanksgiving (Thu 22): Mon 19 Nov.
 * assert.equal(clLastTradingDay(2018, 12), "2018-11-19");
 * assert.equal(clContractCode(2018, 12), "CLZ18");
 * ```
 * @module
 */

import { addDays } from "./dates.ts";
import { isNymexBusinessDay } from "./nymex_calendar.ts";

/** Business-day predicate on ISO dates. */
export type BusinessDayRule = (date: string) => boolean;

const MONTH_CODES = "FGHJKMNQUVXZ";

function checkMonth(fn: string, year: number, month: number): void {
  if (!Number.isInteger(year) || year < 1900 || year > 2200) {
    throw new RangeError(`cl_expiry.ts ${fn}: year must be an integer in [1900, 2200], got ${year}`);
  }
  if (!Number.isInteger(month) || month < 1 || month > 12) {
    throw new RangeError(`cl_expiry.ts ${fn}: month must be an integer in [1, 12], got ${month}`);
  }
}

/**
 * The CL contract code for a delivery month, e.g. `CLZ18`.
 *
 * @throws {RangeError} on a month outside 1..12 or a year outside [1900, 2200]
 * @example
 * ```ts
 * clContractCode(2020, 5); // "CLK20"
 * ```
 */
export function clContractCode(year: number, month: number): string {
  checkMonth("clContractCode", year, month);
  return `CL${MONTH_CODES[month - 1]}${String(year % 100).padStart(2, "0")}`;
}

/** The business day `n ≥ 1` business days before `date` (strictly earlier). */
function businessDaysBefore(date: string, n: number, isBusinessDay: BusinessDayRule): string {
  let d = date;
  for (let k = 0; k < n;) {
    d = addDays(d, -1);
    if (isBusinessDay(d)) k++;
  }
  return d;
}

/**
 * Last trading day (ISO) of the CL contract for delivery in `month` of `year`.
 *
 * @param isBusinessDay business-day rule (default: the NYMEX schedule)
 * @throws {RangeError} on a month outside 1..12 or a year outside [1900, 2200]
 * @example
 * ```ts
 * clLastTradingDay(2020, 5); // "2020-04-21" (the May-2020 contract; −37.63 on 04-20)
 * ```
 */
export function clLastTradingDay(
  year: number,
  month: number,
  isBusinessDay: BusinessDayRule = isNymexBusinessDay,
): string {
  checkMonth("clLastTradingDay", year, month);
  const py = month === 1 ? year - 1 : year, pm = month === 1 ? 12 : month - 1;
  const d25 = `${py}-${String(pm).padStart(2, "0")}-25`;
  const anchor = isBusinessDay(d25) ? d25 : businessDaysBefore(d25, 1, isBusinessDay);
  return businessDaysBefore(anchor, 3, isBusinessDay);
}

/** A CL contract month and its last trading day. */
export interface ClContract {
  year: number;
  month: number;
  code: string;
  lastTradingDay: string;
}

/**
 * The front CL contract on `date`: the earliest delivery month whose last trading day is on or after
 * `date` (on its last trading day a contract is still the front; it rolls at that day's close).
 *
 * @example
 * ```ts
 * clFrontContract("2018-11-19").code; // "CLZ18"
 * clFrontContract("2018-11-20").code; // "CLF19"
 * ```
 */
export function clFrontContract(date: string, isBusinessDay: BusinessDayRule = isNymexBusinessDay): ClContract {
  let year = Number(date.slice(0, 4)), month = Number(date.slice(5, 7)) + 1;
  if (month === 13) [year, month] = [year + 1, 1];
  for (;;) {
    const ltd = clLastTradingDay(year, month, isBusinessDay);
    if (ltd >= date) return { year, month, code: clContractCode(year, month), lastTradingDay: ltd };
    month++;
    if (month === 13) [year, month] = [year + 1, 1];
  }
}

/**
 * Every CL last trading day in [from, to] (ISO), in order.
 *
 * @example
 * ```ts
 * clExpiriesBetween("2018-10-01", "2018-12-31").map((c) => c.lastTradingDay);
 * // ["2018-10-22", "2018-11-19", "2018-12-19"]
 * ```
 */
export function clExpiriesBetween(
  from: string,
  to: string,
  isBusinessDay: BusinessDayRule = isNymexBusinessDay,
): ClContract[] {
  const out: ClContract[] = [];
  let c = clFrontContract(from, isBusinessDay);
  while (c.lastTradingDay <= to) {
    out.push(c);
    const [y, m] = c.month === 12 ? [c.year + 1, 1] : [c.year, c.month + 1];
    c = { year: y, month: m, code: clContractCode(y, m), lastTradingDay: clLastTradingDay(y, m, isBusinessDay) };
  }
  return out;
}
