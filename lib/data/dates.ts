/**
 * Date parsing for the formats the vendored sources use, always returning an
 * ISO `YYYY-MM-DD` string, plus business-day helpers. Dates are validated as
 * real calendar dates (2021-02-30 is an error).
 *
 * @example
 * ```ts
 * import { parseDate } from "./dates.ts";
 * parseDate("07/21/2026", "mdy", "SKEW_History.csv:3"); // "2026-07-21"
 * parseDate("20090112", "yyyymmdd", "NYMEX_CL.csv:2"); // "2009-01-12"
 * ```
 * @module
 */

/** Date formats found in the sources. */
export type DateFormat = "iso" | "mdy" | "yyyymmdd";

const RE: Record<DateFormat, RegExp> = {
  iso: /^(\d{4})-(\d{2})-(\d{2})$/,
  mdy: /^(\d{2})\/(\d{2})\/(\d{4})$/,
  yyyymmdd: /^(\d{4})(\d{2})(\d{2})$/,
};

/**
 * Parse `s` in format `fmt` to ISO. `where` (e.g. `file:line`) prefixes errors.
 * @throws {RangeError} naming `where` and the value when the text is not a valid date
 */
export function parseDate(s: string, fmt: DateFormat, where: string): string {
  const m = RE[fmt].exec(s.trim());
  if (!m) throw new RangeError(`${where}: date "${s}" does not match format ${fmt}`);
  let y: number, mo: number, d: number;
  if (fmt === "mdy") [mo, d, y] = [+m[1], +m[2], +m[3]];
  else [y, mo, d] = [+m[1], +m[2], +m[3]];
  const t = Date.UTC(y, mo - 1, d);
  const back = new Date(t);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) {
    throw new RangeError(`${where}: date "${s}" is not a real calendar date`);
  }
  return `${String(y).padStart(4, "0")}-${String(mo).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

/** Day of week of an ISO date, 0 = Sunday … 6 = Saturday. */
export function weekday(iso: string): number {
  return new Date(iso + "T00:00:00Z").getUTCDay();
}

/** Whole calendar days from ISO date `a` to `b` (b − a). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(b + "T00:00:00Z") - Date.parse(a + "T00:00:00Z")) / 86_400_000);
}

/**
 * ISO date `n` calendar days after `iso` (n may be negative).
 *
 * @example
 * ```ts
 * addDays("2020-02-28", 2); // "2020-03-01"
 * ```
 */
export function addDays(iso: string, n: number): string {
  return new Date(Date.parse(iso + "T00:00:00Z") + n * 86_400_000).toISOString().slice(0, 10);
}
