/**
 * Calendar lookups on a panel's trading dates: the row of the last trading day on or before a date, and the rows of
 * the last trading day of every month in a window.
 * @module
 */
import { lowerBound } from "./panel.ts";

/**
 * Index of the last date of `dates` (ISO, increasing) on or before `iso`; `what` names the date in errors.
 *
 * @throws {RangeError} when `iso` precedes the first date or follows the last one
 * @example
 * ```ts
 * import { rowOnOrBefore } from "./month_end_rows.ts";
 * console.assert(rowOnOrBefore(["2020-01-02", "2020-01-06"], "2020-01-04", "asOf") === 0);
 * ```
 */
export function rowOnOrBefore(dates: readonly string[], iso: string, what: string): number {
  const i = lowerBound(dates, iso);
  const t = dates[i] === iso ? i : i - 1;
  if (t < 0) throw new RangeError(`${what} ${iso} precedes the panel (${dates[0]})`);
  if (iso > dates[dates.length - 1]) {
    throw new RangeError(`${what} ${iso} is after the end of the futures history (${dates[dates.length - 1]})`);
  }
  return t;
}

/**
 * Rows of the last trading date of each month within [from, to] (ISO, inclusive): a row whose successor is in
 * another month, after `to`, or absent.
 *
 * @example
 * ```ts
 * import { monthEndRows } from "./month_end_rows.ts";
 * const d = ["2020-01-30", "2020-01-31", "2020-02-03", "2020-02-28", "2020-03-02"];
 * console.assert(monthEndRows(d, "2020-01-01", "2020-02-28").join() === "1,3");
 * ```
 */
export function monthEndRows(dates: readonly string[], from: string, to: string): number[] {
  const rows: number[] = [];
  for (let t = 0; t < dates.length; t++) {
    const d = dates[t];
    if (d < from || d > to) continue;
    if (t + 1 === dates.length || dates[t + 1].slice(0, 7) !== d.slice(0, 7) || dates[t + 1] > to) rows.push(t);
  }
  return rows;
}
