import assert from "node:assert/strict";
import {
  alignToSessions,
  easterSunday,
  isNymexBusinessDay,
  NYMEX_CLOSURES,
  NYMEX_PUBLICATION_GAPS,
  nymexCalendar,
  nymexHoliday,
  nymexHolidays,
} from "./nymex_calendar.ts";
import { clExpiriesBetween } from "./cl_expiry.ts";
import { loadNymexCalendar } from "./load.ts";

// The vendored futures file (read-only, verified against data/raw/SHA256SUMS).
const cal = await loadNymexCalendar(".");

Deno.test("easterSunday: known dates", () => {
  assert.equal(easterSunday(1986), "1986-03-30");
  assert.equal(easterSunday(2000), "2000-04-23");
  assert.equal(easterSunday(2018), "2018-04-01");
  assert.equal(easterSunday(2019), "2019-04-21");
  assert.equal(easterSunday(2038), "2038-04-25");
});

Deno.test("nymexHoliday: the schedule names the usual NYMEX holidays", () => {
  const known: [string, string][] = [
    ["2019-01-01", "New Year's Day"],
    ["2017-01-02", "New Year's Day"], // Sunday → Monday
    ["2019-01-21", "Martin Luther King Jr. Day"],
    ["2019-02-18", "Presidents' Day"],
    ["2019-04-19", "Good Friday"],
    ["2019-05-27", "Memorial Day"],
    ["2019-07-04", "Independence Day"],
    ["2020-07-03", "Independence Day"], // Saturday → Friday
    ["2019-09-02", "Labor Day"],
    ["2019-11-28", "Thanksgiving Day"],
    ["2019-12-25", "Christmas Day"],
    ["2021-12-24", "Christmas Day"], // Saturday → Friday
    ["2004-12-31", "New Year's Day (observed)"],
  ];
  for (const [d, name] of known) assert.equal(nymexHoliday(d), name, d);
  // MLK only from 1998; Dec 31 not observed when Jan 1 is a Saturday from 2010 on.
  assert.equal(nymexHoliday("1997-01-20"), undefined);
  assert.equal(nymexHoliday("2010-12-31"), undefined);
  assert.equal(nymexHoliday("2021-12-31"), undefined);
  assert.equal(nymexHoliday("2018-12-24"), undefined);
  assert.equal(isNymexBusinessDay("2018-12-24"), true);
  assert.equal(isNymexBusinessDay("2018-12-22"), false); // Saturday
  assert.throws(() => nymexHolidays(1800), /nymex_calendar\.ts nymexHolidays: year .* 1800/);
});

Deno.test("nymexCalendar: stale holiday rows are dropped and reported, holidays and gaps classified", () => {
  const c = nymexCalendar(
    ["2018-11-20", "2018-11-21", "2018-11-22", "2018-11-23", "2018-11-27"],
    [Float64Array.of(53.43, 54.63, 54.63, 50.42, 51.56), Float64Array.of(53.57, 54.8, 54.8, 50.59, NaN)],
  );
  assert.deepEqual(c.sessions, ["2018-11-20", "2018-11-21", "2018-11-23", "2018-11-27"]);
  assert.deepEqual(c.holidayRows, [{ date: "2018-11-22", name: "Thanksgiving Day", stale: true }]);
  assert.deepEqual(c.holidays, [{ date: "2018-11-22", name: "Thanksgiving Day" }]);
  assert.deepEqual(c.gaps, ["2018-11-26"]);
  assert.throws(() => nymexCalendar(["2018-11-24"], [Float64Array.of(1)]), /weekend, 2018-11-24/);
  assert.throws(() => nymexCalendar(["2018-11-21", "2018-11-20"], [Float64Array.of(1, 2)]), /must increase/);
  assert.throws(() => nymexCalendar(["2018-11-21"], [Float64Array.of(1, 2)]), /column 0 has 2 values for 1 dates/);
});

Deno.test("loadNymexCalendar: the real file's sessions, holidays and gaps", () => {
  assert.equal(cal.first, "1983-03-30");
  assert.equal(cal.last, "2022-02-15");
  const s = new Set(cal.sessions);
  // 2018-12-24 was a session (early close); the d01 intersection drops it because WTI spot has no value.
  for (const d of ["2018-12-24", "2018-11-23", "2018-12-31", "2019-07-05", "2020-04-20"]) assert.ok(s.has(d), d);
  // EIA's stale holiday rows (all of 2018's holidays, 2019's Good Friday and Thanksgiving, the 1996 blizzard).
  assert.equal(cal.holidayRows.length, 12);
  assert.ok(cal.holidayRows.every((r) => r.stale), "a fresh settlement on a scheduled holiday: the schedule is wrong");
  for (const d of ["2018-01-01", "2018-11-22", "2018-12-25", "1996-01-08"]) assert.ok(!s.has(d), d);
  // Cross-check a holiday of each kind in the file: no settlement, named by the schedule.
  const hol = new Map(cal.holidays.map((h) => [h.date, h.name]));
  const known: [string, string][] = [
    ["2010-04-02", "Good Friday"],
    ["2012-12-25", "Christmas Day"],
    ["2013-01-01", "New Year's Day"],
    ["2014-11-27", "Thanksgiving Day"],
    ["2015-07-03", "Independence Day"],
    ["2016-09-05", "Labor Day"],
    ["2017-05-29", "Memorial Day"],
    ["2020-01-20", "Martin Luther King Jr. Day"],
    ["2021-02-15", "Presidents' Day"],
    ["2001-09-11", "Closure: September 11 attacks"],
    ["2006-11-24", "Day after Thanksgiving (NYMEX floor holiday)"],
  ];
  for (const [d, name] of known) assert.equal(hol.get(d), name, d);
  // Weekdays without a settlement that are not NYMEX holidays are exactly the documented publication gaps.
  assert.deepEqual(cal.gaps, [...NYMEX_PUBLICATION_GAPS]);
  assert.deepEqual(cal.emptyRows, []);
  assert.deepEqual(cal.staleSessions, ["1984-02-10"]);
  // Every weekday of the span is a session, a holiday or a gap, exactly once.
  let weekdays = 0;
  for (let t = Date.parse(cal.first); t <= Date.parse(cal.last); t += 864e5) {
    const w = new Date(t).getUTCDay();
    if (w !== 0 && w !== 6) weekdays++;
  }
  assert.equal(cal.sessions.length + cal.holidays.length + cal.gaps.length, weekdays);
});

Deno.test("closures: every documented closure is a weekday without a session; unscheduled ones never move an expiry", () => {
  const s = new Set(cal.sessions);
  for (const c of NYMEX_CLOSURES) {
    assert.ok(!s.has(c.date) && isNymexBusinessDay(c.date) === false, c.date);
    assert.ok(c.date >= cal.first && c.date <= cal.last, c.date);
  }
  // An unscheduled closure is not known in advance: none may fall between a last trading day and the 25th.
  const windows = clExpiriesBetween(cal.first, cal.last).map((
    e,
  ) => [e.lastTradingDay, e.lastTradingDay.slice(0, 8) + "25"]);
  for (const c of NYMEX_CLOSURES.filter((c) => c.kind === "unscheduled")) {
    for (const [a, b] of windows) assert.ok(!(c.date >= a && c.date <= b), `${c.date} inside [${a}, ${b}]`);
  }
});

Deno.test("alignToSessions: rows off the sessions are dropped with a reason, missing sessions flagged", () => {
  const sessions = ["2018-11-21", "2018-11-23", "2018-11-26", "2018-11-27"];
  const r = alignToSessions(
    sessions,
    ["2018-11-20", "2018-11-21", "2018-11-22", "2018-11-24", "2018-11-26", "2018-11-28"],
    Float64Array.of(0, 1, 2, 3, 4, 5),
  );
  assert.deepEqual([...r.values], [1, NaN, 4, NaN]);
  assert.deepEqual([...r.missing], [0, 1, 0, 1]);
  assert.deepEqual(r.missingDates, ["2018-11-23", "2018-11-27"]);
  assert.deepEqual(r.dropped, [
    { date: "2018-11-22", reason: "NYMEX holiday: Thanksgiving Day", value: 2 },
    { date: "2018-11-24", reason: "weekend", value: 3 },
  ]);
  assert.equal(r.outside, 2);
  const g = alignToSessions(["2017-11-22", "2017-11-27"], ["2017-11-24"], Float64Array.of(9));
  assert.deepEqual(g.dropped, [{
    date: "2017-11-24",
    reason: "no NYMEX settlement in the file (publication gap)",
    value: 9,
  }]);
  assert.throws(() => alignToSessions(sessions, ["2018-11-21"], Float64Array.of(1, 2)), /1 dates but 2 values/);
  assert.throws(() => alignToSessions(sessions, ["2018-11-23", "2018-11-21"], Float64Array.of(1, 2)), /must increase/);
});

Deno.test("nymexHoliday: Juneteenth from 2022 (observed), not before", () => {
  assert.equal(nymexHoliday("2022-06-20"), "Juneteenth National Independence Day"); // Sunday → Monday
  assert.equal(nymexHoliday("2023-06-19"), "Juneteenth National Independence Day");
  assert.equal(nymexHoliday("2024-06-19"), "Juneteenth National Independence Day");
  assert.equal(nymexHoliday("2021-06-18"), undefined);
  assert.equal(isNymexBusinessDay("2021-06-18"), true);
});
