/**
 * The NYMEX trading calendar, derived from the EIA copy of the NYMEX WTI
 * futures settlements (`data/raw/eia-nymex-crude-futures/…c1-c4-daily.csv`)
 * and checked against the exchange's holiday schedule.
 *
 * - **Sessions** (trading days): dates on which the file has at least one
 *   settlement, except rows dated on a NYMEX holiday. EIA's file repeats the
 *   previous settlement on some holidays (all of 2018's, e.g. 2018-01-01,
 *   2018-11-22, 2018-12-25); those rows are listed in `holidayRows` and kept out.
 * - **Holidays**: weekdays inside the file's span without a settlement. Each is
 *   classified by the schedule ({@link nymexHoliday}): a NYMEX holiday (New
 *   Year, MLK, Presidents' Day, Good Friday, Memorial Day, July 4th, Labor Day,
 *   Thanksgiving, Christmas; before 2007 the floor's extra days: day after
 *   Thanksgiving, Christmas/New Year's Eve, July 4th bridge days; and the
 *   documented closures, {@link NYMEX_CLOSURES}) or a *publication gap*
 *   ({@link NYMEX_PUBLICATION_GAPS}): a NYMEX session with no row in EIA's file
 *   (Columbus and Veterans Day 2015–2019, days after Thanksgiving from 2016,
 *   2001-11-23, 2016-06-02). On the real file the two lists are exact: every
 *   holiday row is a stale repeat, and the gaps are the 13 documented ones.
 * - **Business days** (for contract expiries, `cl_expiry.ts`) are the weekdays
 *   that are not NYMEX holidays: the calendar above with its publication gaps
 *   counted as the sessions they were, extended past the file's end by the
 *   same rules. Exchange holiday schedules are published in advance, so using
 *   them at date t is not look-ahead, and nothing here reads the file's rows
 *   after t. The unscheduled closures (9/11, state funerals, the 1996 blizzard,
 *   1993-03-01) were announced at most days ahead; none falls between a CL last
 *   trading day and the 25th of its month (tested), so they never move an expiry.
 *   The floor holidays before 2007 are those the file shows; the RCLC1 roll
 *   confirms the ones that move an expiry (see {@link NYMEX_CLOSURES}).
 *
 * Rows of other series on non-session dates are dropped with a report
 * ({@link alignToSessions}); sessions where a series has no value are flagged
 * (NaN plus a `missing` flag), never dropped.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { nymexCalendar, nymexHoliday } from "./nymex_calendar.ts";
 * assert.equal(nymexHoliday("2018-11-22"), "Thanksgiving Day");
 * assert.equal(nymexHoliday("2018-12-24"), undefined); // a session (early close)
 * const cal = nymexCalendar(
 *   ["2018-12-21", "2018-12-24", "2018-12-25", "2018-12-26"],
 *   [Float64Array.of(45.59, 42.53, 42.53, 46.22)],
 * );
 * assert.deepEqual(cal.sessions, ["2018-12-21", "2018-12-24", "2018-12-26"]);
 * assert.deepEqual(cal.holidayRows, [{ date: "2018-12-25", name: "Christmas Day", stale: true }]);
 * ```
 * @module
 */

import type { CsvTable } from "./csv.ts";
import { addDays, parseDate, weekday } from "./dates.ts";

/** The vendored NYMEX WTI futures settlement file (relative to the project root). */
export const NYMEX_FUTURES_FILE = "data/raw/eia-nymex-crude-futures/eia-nymex-wti-futures-c1-c4-daily.csv";

/** A NYMEX closure outside the rule-based holidays. */
export interface NymexClosure {
  date: string;
  name: string;
  /** "floor holiday": on the exchange's published schedule; "unscheduled": announced at most days ahead. */
  kind: "floor holiday" | "unscheduled";
}

/**
 * Documented NYMEX closures outside the rule-based schedule, inside the file's span: unscheduled closures
 * (announced at most days ahead) and the floor exchange's extra holidays before 2007 (day after
 * Thanksgiving, Christmas and New Year's Eves, Independence Day bridge days). The latter are the weekdays
 * without a settlement in EIA's file up to 2006; the roll of RCLC1 confirms the ones that move an expiry
 * (CLZ88, CLZ95, CLZ00, CLZ05, CLZ06 expired as if the day after Thanksgiving were closed). One such gap is a
 * session, not a closure: 2001-11-23 (CLZ01 expired 2001-11-19, which counts it as a business day), so it is
 * not listed. From 2007 (CME Globex) the file's extra gaps are publication gaps: see `NYMEX_PUBLICATION_GAPS`.
 */
export const NYMEX_CLOSURES: readonly NymexClosure[] = [
  { date: "1983-11-25", name: "Day after Thanksgiving (NYMEX floor holiday)", kind: "floor holiday" },
  { date: "1984-11-23", name: "Day after Thanksgiving (NYMEX floor holiday)", kind: "floor holiday" },
  { date: "1984-12-24", name: "Christmas Eve (NYMEX floor holiday)", kind: "floor holiday" },
  { date: "1984-12-31", name: "New Year's Eve (NYMEX floor holiday)", kind: "floor holiday" },
  { date: "1985-07-05", name: "Independence Day bridge (NYMEX floor holiday)", kind: "floor holiday" },
  { date: "1985-11-29", name: "Day after Thanksgiving (NYMEX floor holiday)", kind: "floor holiday" },
  { date: "1985-12-24", name: "Christmas Eve (NYMEX floor holiday)", kind: "floor holiday" },
  { date: "1986-07-03", name: "Independence Day bridge (NYMEX floor holiday)", kind: "floor holiday" },
  { date: "1986-11-28", name: "Day after Thanksgiving (NYMEX floor holiday)", kind: "floor holiday" },
  { date: "1986-12-26", name: "Day after Christmas (NYMEX floor holiday)", kind: "floor holiday" },
  { date: "1987-11-27", name: "Day after Thanksgiving (NYMEX floor holiday)", kind: "floor holiday" },
  { date: "1988-11-25", name: "Day after Thanksgiving (NYMEX floor holiday)", kind: "floor holiday" },
  { date: "1989-07-03", name: "Independence Day bridge (NYMEX floor holiday)", kind: "floor holiday" },
  { date: "1990-12-24", name: "Christmas Eve (NYMEX floor holiday)", kind: "floor holiday" },
  { date: "1993-11-26", name: "Day after Thanksgiving (NYMEX floor holiday)", kind: "floor holiday" },
  { date: "1994-11-25", name: "Day after Thanksgiving (NYMEX floor holiday)", kind: "floor holiday" },
  { date: "1995-07-03", name: "Independence Day bridge (NYMEX floor holiday)", kind: "floor holiday" },
  { date: "1995-11-24", name: "Day after Thanksgiving (NYMEX floor holiday)", kind: "floor holiday" },
  { date: "1996-07-05", name: "Independence Day bridge (NYMEX floor holiday)", kind: "floor holiday" },
  { date: "1996-11-29", name: "Day after Thanksgiving (NYMEX floor holiday)", kind: "floor holiday" },
  { date: "1997-11-28", name: "Day after Thanksgiving (NYMEX floor holiday)", kind: "floor holiday" },
  { date: "1998-11-27", name: "Day after Thanksgiving (NYMEX floor holiday)", kind: "floor holiday" },
  { date: "1999-11-26", name: "Day after Thanksgiving (NYMEX floor holiday)", kind: "floor holiday" },
  { date: "2000-01-03", name: "Day after New Year's Day (NYMEX floor holiday)", kind: "floor holiday" },
  { date: "2000-07-03", name: "Independence Day bridge (NYMEX floor holiday)", kind: "floor holiday" },
  { date: "2000-11-24", name: "Day after Thanksgiving (NYMEX floor holiday)", kind: "floor holiday" },
  { date: "2001-12-24", name: "Christmas Eve (NYMEX floor holiday)", kind: "floor holiday" },
  { date: "2002-07-05", name: "Independence Day bridge (NYMEX floor holiday)", kind: "floor holiday" },
  { date: "2002-11-29", name: "Day after Thanksgiving (NYMEX floor holiday)", kind: "floor holiday" },
  { date: "2003-11-28", name: "Day after Thanksgiving (NYMEX floor holiday)", kind: "floor holiday" },
  { date: "2003-12-26", name: "Day after Christmas (NYMEX floor holiday)", kind: "floor holiday" },
  { date: "2004-01-02", name: "Day after New Year's Day (NYMEX floor holiday)", kind: "floor holiday" },
  { date: "2004-11-26", name: "Day after Thanksgiving (NYMEX floor holiday)", kind: "floor holiday" },
  { date: "2005-11-25", name: "Day after Thanksgiving (NYMEX floor holiday)", kind: "floor holiday" },
  { date: "2006-07-03", name: "Independence Day bridge (NYMEX floor holiday)", kind: "floor holiday" },
  { date: "2006-11-24", name: "Day after Thanksgiving (NYMEX floor holiday)", kind: "floor holiday" },
  { date: "1993-03-01", name: "Closure after the World Trade Center bombing (NYMEX at 4 WTC)", kind: "unscheduled" },
  { date: "1994-04-27", name: "National Day of Mourning (President Nixon)", kind: "unscheduled" },
  { date: "1996-01-08", name: "Closure: blizzard of 1996", kind: "unscheduled" },
  { date: "2001-09-11", name: "Closure: September 11 attacks", kind: "unscheduled" },
  { date: "2001-09-12", name: "Closure: September 11 attacks", kind: "unscheduled" },
  { date: "2001-09-13", name: "Closure: September 11 attacks", kind: "unscheduled" },
  { date: "2004-06-11", name: "National Day of Mourning (President Reagan)", kind: "unscheduled" },
  { date: "2007-01-02", name: "National Day of Mourning (President Ford)", kind: "unscheduled" },
];

/**
 * Weekdays without a row in EIA's file that were NYMEX sessions: federal holidays on which EIA did not publish
 * while CME Globex traded (Columbus Day, Veterans Day 2015–2019), days after Thanksgiving from 2016, one
 * unexplained day (2016-06-02), and 2001-11-23 (a session by the CLZ01 roll). No panel row can exist there;
 * they count as business days for expiries.
 */
export const NYMEX_PUBLICATION_GAPS: readonly string[] = [
  "2001-11-23",
  "2015-10-12",
  "2015-11-11",
  "2016-06-02",
  "2016-10-10",
  "2016-11-11",
  "2016-11-25",
  "2017-10-09",
  "2017-11-10",
  "2017-11-24",
  "2019-11-11",
  "2020-11-27",
  "2021-11-26",
];

const CLOSURE_BY_DATE = new Map(NYMEX_CLOSURES.map((c) => [c.date, c.name]));

/**
 * Easter Sunday of year `y` (Gregorian, anonymous algorithm), ISO date.
 *
 * @example
 * ```ts
 * easterSunday(2019); // "2019-04-21"
 * ```
 */
export function easterSunday(y: number): string {
  const a = y % 19, b = Math.floor(y / 100), c = y % 100;
  const d = Math.floor(b / 4), e = b % 4, f = Math.floor((b + 8) / 25), g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4), k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31), day = ((h + l - 7 * m + 114) % 31) + 1;
  return iso(y, month, day);
}

function iso(y: number, m: number, d: number): string {
  return `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

/**
 * The ISO date after `date` (string arithmetic, about 10× faster than `addDays(iso, 1)`; calendar loops over
 * decades of days use it).
 *
 * @example
 * ```ts
 * nextIsoDay("2020-02-28"); // "2020-02-29"
 * nextIsoDay("2021-12-31"); // "2022-01-01"
 * ```
 */
export function nextIsoDay(date: string): string {
  let y = +date.slice(0, 4), m = +date.slice(5, 7), d = +date.slice(8, 10) + 1;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const len = m === 2 ? (leap ? 29 : 28) : m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
  if (d > len) {
    d = 1;
    if (++m > 12) [m, y] = [1, y + 1];
  }
  return iso(y, m, d);
}

/** The n-th (1-based) weekday `wd` (0 = Sunday) of month m, or the last one when n = -1. */
function nthWeekday(y: number, m: number, wd: number, n: number): string {
  if (n > 0) {
    const first = iso(y, m, 1);
    return addDays(first, ((wd - weekday(first) + 7) % 7) + 7 * (n - 1));
  }
  const last = addDays(m === 12 ? iso(y + 1, 1, 1) : iso(y, m + 1, 1), -1);
  return addDays(last, -((weekday(last) - wd + 7) % 7));
}

/** A fixed-date holiday moved to Friday when on Saturday and to Monday when on Sunday. */
function observed(date: string): string {
  const w = weekday(date);
  return w === 6 ? addDays(date, -1) : w === 0 ? addDays(date, 1) : date;
}

const scheduleCache = new Map<number, Map<string, string>>();

/**
 * The NYMEX (CME Group energy) holidays of year `y` without a settlement, by rule: New Year's Day
 * (Sunday → Monday; Saturday → Friday Dec 31 of the year before, observed through the 2005 holiday but
 * not in 2011 or 2022, when CL settled on Dec 31), Martin Luther King Jr. Day (third Monday of January,
 * from 1998), Presidents' Day (third Monday of February), Good Friday, Memorial Day (last Monday of May),
 * Independence Day, Labor Day (first Monday of September), Thanksgiving (fourth Thursday of November) and
 * Christmas (Saturday → Friday, Sunday → Monday), Juneteenth from 2022 (no settlement; EIA's spot file has no row on
 * 2022-06-20, 2023-06-19, 2024-06-19), plus the documented closures of {@link NYMEX_CLOSURES}.
 * Returns a map date → name, dates inside year `y` only.
 *
 * @example
 * ```ts
 * nymexHolidays(2018).get("2018-03-30"); // "Good Friday"
 * ```
 */
export function nymexHolidays(y: number): ReadonlyMap<string, string> {
  if (!Number.isInteger(y) || y < 1900 || y > 2200) {
    throw new RangeError(`nymex_calendar.ts nymexHolidays: year must be an integer in [1900, 2200], got ${y}`);
  }
  const hit = scheduleCache.get(y);
  if (hit) return hit;
  const out = new Map<string, string>();
  const put = (d: string, name: string) => {
    if (d.startsWith(`${String(y).padStart(4, "0")}-`)) out.set(d, name);
  };
  const ny = iso(y, 1, 1);
  if (weekday(ny) !== 6) put(observed(ny), "New Year's Day");
  const nextNy = iso(y + 1, 1, 1);
  if (weekday(nextNy) === 6 && y + 1 <= 2005) put(addDays(nextNy, -1), "New Year's Day (observed)");
  if (y >= 1998) put(nthWeekday(y, 1, 1, 3), "Martin Luther King Jr. Day");
  put(nthWeekday(y, 2, 1, 3), "Presidents' Day");
  put(addDays(easterSunday(y), -2), "Good Friday");
  put(nthWeekday(y, 5, 1, -1), "Memorial Day");
  put(observed(iso(y, 7, 4)), "Independence Day");
  if (y >= 2022) put(observed(iso(y, 6, 19)), "Juneteenth National Independence Day");
  put(nthWeekday(y, 9, 1, 1), "Labor Day");
  put(nthWeekday(y, 11, 4, 4), "Thanksgiving Day");
  put(observed(iso(y, 12, 25)), "Christmas Day");
  for (const c of NYMEX_CLOSURES) put(c.date, c.name);
  scheduleCache.set(y, out);
  return out;
}

/**
 * The name of the NYMEX holiday on `date` (ISO), or `undefined` on a weekday session or a weekend.
 *
 * @example
 * ```ts
 * nymexHoliday("2019-04-19"); // "Good Friday"
 * ```
 */
export function nymexHoliday(date: string): string | undefined {
  return nymexHolidays(Number(date.slice(0, 4))).get(date) ?? CLOSURE_BY_DATE.get(date);
}

/**
 * Whether `date` is a NYMEX business day by the schedule: a weekday that is not a NYMEX holiday.
 *
 * @example
 * ```ts
 * isNymexBusinessDay("2018-11-23"); // true (the day after Thanksgiving trades)
 * ```
 */
export function isNymexBusinessDay(date: string): boolean {
  let b = businessDayCache.get(date);
  if (b === undefined) {
    const w = weekday(date);
    b = w !== 0 && w !== 6 && nymexHoliday(date) === undefined;
    businessDayCache.set(date, b);
  }
  return b;
}

const businessDayCache = new Map<string, boolean>();

/** A weekday without a session inside the file's span. */
export interface CalendarHoliday {
  date: string;
  /** The schedule's name; `undefined` for a publication gap (a NYMEX session missing from the file). */
  name?: string;
}

/** The trading calendar and everything found while deriving it. */
export interface NymexCalendar {
  /** Trading days: file rows with at least one settlement, not dated on a NYMEX holiday. */
  sessions: string[];
  /** First and last date of the file. */
  first: string;
  last: string;
  /** Weekdays in [first, last] that the schedule names as NYMEX holidays (no session). */
  holidays: CalendarHoliday[];
  /** Weekdays in [first, last] without a row that are NYMEX business days by the schedule (publication gaps). */
  gaps: string[];
  /** File rows dated on a NYMEX holiday, dropped; `stale` when every value repeats the previous row. */
  holidayRows: { date: string; name: string; stale: boolean }[];
  /** File rows without any settlement, dropped (e.g. before the first contract trades). */
  emptyRows: string[];
  /** Sessions whose values all repeat the previous row's (kept; listed for review). */
  staleSessions: string[];
  /** The rule, for a load report. */
  rule: string;
}

/** The calendar rule, recorded in reports. */
export const NYMEX_CALENDAR_RULE = "NYMEX sessions: dates of the EIA NYMEX WTI futures file with at least one " +
  "settlement, except rows on NYMEX holidays (EIA repeats the previous settlement there); holidays and publication " +
  "gaps reported; business days for expiries from the published NYMEX holiday schedule";

/**
 * Derive the calendar from the settlement file's dates and value columns (NaN = empty cell).
 *
 * @throws {RangeError} when dates are not strictly increasing, a date falls on a weekend, or lengths differ
 * @example
 * ```ts
 * const cal = nymexCalendar(["2018-11-21", "2018-11-22", "2018-11-23"], [Float64Array.of(54.63, 54.63, 50.42)]);
 * cal.sessions; // ["2018-11-21", "2018-11-23"]
 * ```
 */
export function nymexCalendar(dates: readonly string[], columns: readonly Float64Array[]): NymexCalendar {
  if (dates.length === 0) throw new RangeError("nymex_calendar.ts nymexCalendar: no dates");
  for (const [j, c] of columns.entries()) {
    if (c.length !== dates.length) {
      throw new RangeError(
        `nymex_calendar.ts nymexCalendar: column ${j} has ${c.length} values for ${dates.length} dates`,
      );
    }
  }
  const sessions: string[] = [], holidayRows: NymexCalendar["holidayRows"] = [];
  const emptyRows: string[] = [], staleSessions: string[] = [];
  for (let i = 0; i < dates.length; i++) {
    const d = dates[i];
    if (i > 0 && !(d > dates[i - 1])) {
      throw new RangeError(`nymex_calendar.ts nymexCalendar: dates must increase, ${d} follows ${dates[i - 1]}`);
    }
    const w = weekday(d);
    if (w === 0 || w === 6) throw new RangeError(`nymex_calendar.ts nymexCalendar: settlement row on a weekend, ${d}`);
    let any = false, stale = i > 0;
    for (const c of columns) {
      if (!Number.isNaN(c[i])) any = true;
      if (i > 0 && !Object.is(c[i], c[i - 1])) stale = false;
    }
    const name = nymexHoliday(d);
    if (name !== undefined) holidayRows.push({ date: d, name, stale: stale && any });
    else if (!any) emptyRows.push(d);
    else {
      sessions.push(d);
      if (stale) staleSessions.push(d);
    }
  }
  const first = dates[0], last = dates[dates.length - 1];
  const holidays: CalendarHoliday[] = [], gaps: string[] = [];
  const noSession = (d: string) => {
    const name = nymexHoliday(d);
    if (name !== undefined) holidays.push({ date: d, name });
    else gaps.push(d);
  };
  // Weekdays of [first, last] without a session: those between rows, and the rows that are not sessions.
  for (let i = 0, k = 0; i < dates.length; i++) {
    if (i > 0) {
      for (let d = nextIsoDay(dates[i - 1]); d < dates[i]; d = nextIsoDay(d)) {
        const w = weekday(d);
        if (w !== 0 && w !== 6) noSession(d);
      }
    }
    if (sessions[k] === dates[i]) k++;
    else noSession(dates[i]);
  }
  return { sessions, first, last, holidays, gaps, holidayRows, emptyRows, staleSessions, rule: NYMEX_CALENDAR_RULE };
}

/**
 * Derive the calendar from the parsed settlement file (first column the ISO date, then one column per contract;
 * an empty cell is no settlement). Used by `loadCrudePanel` (`load.ts`), which reads and verifies the file.
 *
 * @param file the file's path, for error messages
 * @throws {RangeError} naming the file and line of a malformed date or value
 * @example
 * ```ts
 * import { parseCsv } from "./csv.ts";
 * import { nymexCalendarFromTable } from "./nymex_calendar.ts";
 * const t = parseCsv("Date,RCLC1\n2018-11-21,54.63\n2018-11-22,54.63\n2018-11-23,50.42\n", "f.csv");
 * nymexCalendarFromTable(t, "f.csv").sessions; // ["2018-11-21", "2018-11-23"]
 * ```
 */
export function nymexCalendarFromTable(t: CsvTable, file: string): NymexCalendar {
  const cols = t.header.slice(1);
  const dates: string[] = [];
  const values = cols.map(() => new Float64Array(t.rows.length));
  t.rows.forEach((r, i) => {
    dates.push(parseDate(r.fields[0], "iso", `${file}:${r.line}`));
    cols.forEach((c, j) => {
      const s = r.fields[j + 1].trim();
      const v = s === "" ? NaN : Number(s);
      if (s !== "" && !Number.isFinite(v)) {
        throw new RangeError(`${file}:${r.line}: column ${c}: "${s}" is not a number`);
      }
      values[j][i] = v;
    });
  });
  return nymexCalendar(dates, values);
}

/** Why a series' row was left out of the session calendar. */
export interface DroppedRow {
  date: string;
  /** "weekend", "NYMEX holiday: <name>" or "no NYMEX settlement in the file (publication gap)". */
  reason: string;
  value: number;
}

/** A series on the session calendar: exact dates only, no fill. */
export interface SessionAligned {
  /** One value per session; NaN where the series has no observation that day. */
  values: Float64Array;
  /** 1 on sessions inside the series' life [first, last observation] without an observation. */
  missing: Uint8Array;
  /** Dates flagged in `missing`. */
  missingDates: string[];
  /** Rows inside the calendar's span dated on a non-session day, with the reason. */
  dropped: DroppedRow[];
  /** Rows before the first or after the last session (outside the calendar, not counted as dropped). */
  outside: number;
}

/**
 * Put a dated series on the sessions: a value dated on a session is kept, one dated on any other day
 * inside the calendar's span is dropped and reported with its reason, and a session without a value inside
 * the series' life is flagged in `missing` (NaN), never dropped or filled.
 *
 * @throws {RangeError} when the series' dates do not increase or lengths differ
 * @example
 * ```ts
 * const sessions = ["2018-12-21", "2018-12-24", "2018-12-26"];
 * const r = alignToSessions(sessions, ["2018-12-21", "2018-12-25", "2018-12-26"], Float64Array.of(1, 2, 3));
 * r.values; // Float64Array [1, NaN, 3]
 * r.missingDates; // ["2018-12-24"]
 * r.dropped; // [{ date: "2018-12-25", reason: "NYMEX holiday: Christmas Day", value: 2 }]
 * ```
 */
export function alignToSessions(
  sessions: readonly string[],
  dates: readonly string[],
  values: ArrayLike<number>,
): SessionAligned {
  if (dates.length !== values.length) {
    throw new RangeError(`nymex_calendar.ts alignToSessions: ${dates.length} dates but ${values.length} values`);
  }
  const out = new Float64Array(sessions.length).fill(NaN);
  const missing = new Uint8Array(sessions.length);
  const dropped: DroppedRow[] = [];
  let outside = 0, j = 0;
  const s0 = sessions[0], s1 = sessions[sessions.length - 1];
  for (let i = 0; i < dates.length; i++) {
    const d = dates[i];
    if (i > 0 && !(d > dates[i - 1])) {
      throw new RangeError(`nymex_calendar.ts alignToSessions: dates must increase, ${d} follows ${dates[i - 1]}`);
    }
    if (sessions.length === 0 || d < s0 || d > s1) {
      outside++;
      continue;
    }
    while (j < sessions.length && sessions[j] < d) j++;
    if (sessions[j] === d) {
      out[j] = values[i];
      continue;
    }
    const w = weekday(d), name = nymexHoliday(d);
    const reason = w === 0 || w === 6
      ? "weekend"
      : name !== undefined
      ? `NYMEX holiday: ${name}`
      : "no NYMEX settlement in the file (publication gap)";
    dropped.push({ date: d, reason, value: values[i] });
  }
  const missingDates: string[] = [];
  const first = dates.length > 0 ? dates[0] : "", last = dates.length > 0 ? dates[dates.length - 1] : "";
  for (let k = 0; k < sessions.length; k++) {
    if (sessions[k] >= first && sessions[k] <= last && Number.isNaN(out[k])) {
      missing[k] = 1;
      missingDates.push(sessions[k]);
    }
  }
  return { values: out, missing, missingDates, dropped, outside };
}
