import assert from "node:assert/strict";
import { clRollFlags, type RollFlags, unflaggedExpiries } from "./roll_flags.ts";
import { NYMEX_FUTURES_FILE, nymexCalendar } from "./nymex_calendar.ts";
import { clExpiriesBetween } from "./cl_expiry.ts";
import { addDays, weekday } from "./dates.ts";
import { createPrng } from "../core/prng.ts";
import { clLastTradingDays as clLastTradingDays } from "../market/cl_roll.ts";

// The vendored futures file's rows (read-only): dates and RCLC1..RCLC4.
const text = await Deno.readTextFile(NYMEX_FUTURES_FILE);
const lines = text.trim().split("\n").slice(1).map((l) => l.split(","));
const fileDates = lines.map((f) => f[0]);
const fileCols = [1, 2, 3, 4].map((j) => Float64Array.from(lines, (f) => (f[j] === "" ? NaN : Number(f[j]))));

/** Sessions of the file cut after raw row `n` (exclusive), from 1986. */
function sessionsUpTo(n: number): string[] {
  const cal = nymexCalendar(fileDates.slice(0, n), fileCols.map((c) => c.slice(0, n)));
  return cal.sessions.filter((d) => d >= "1986-01-02");
}

function assertPrefixEqual(a: RollFlags, b: RollFlags, n: number, what: string): void {
  assert.deepEqual(a.lastTradingDay.subarray(0, n), b.lastTradingDay.subarray(0, n), `${what}: flags`);
  assert.deepEqual(a.daysToExpiry.subarray(0, n), b.daysToExpiry.subarray(0, n), `${what}: days to expiry`);
  assert.deepEqual(a.contract.slice(0, n), b.contract.slice(0, n), `${what}: contracts`);
}

Deno.test("clRollFlags: November–December 2018 around Thanksgiving and Christmas", () => {
  const d = ["2018-11-15", "2018-11-16", "2018-11-19", "2018-11-20", "2018-11-21", "2018-11-23"];
  const r = clRollFlags(d);
  assert.deepEqual([...r.lastTradingDay], [0, 0, 1, 0, 0, 0]);
  assert.deepEqual([...r.daysToExpiry], [2, 1, 0, 20, 19, 18]);
  assert.deepEqual(r.expiry.slice(2, 4), ["2018-11-19", "2018-12-19"]);
  const x = clRollFlags(["2018-12-18", "2018-12-19", "2018-12-20", "2018-12-24", "2018-12-26"]);
  assert.deepEqual([...x.lastTradingDay], [0, 1, 0, 0, 0]);
  assert.deepEqual(x.contract, ["CLF19", "CLF19", "CLG19", "CLG19", "CLG19"]);
  assert.throws(() => clRollFlags(["2018-12-19", "2018-12-18"]), /roll_flags\.ts clRollFlags: dates must increase/);
  assert.deepEqual(unflaggedExpiries(["2018-11-16", "2018-11-20"]), ["2018-11-19"]);
  assert.deepEqual(unflaggedExpiries([]), []);
});

Deno.test("clRollFlags: on the real sessions 1986–2022 every contract has exactly one flagged row", () => {
  const sessions = sessionsUpTo(fileDates.length);
  const r = clRollFlags(sessions);
  assert.deepEqual(unflaggedExpiries(sessions), []);
  const flagged = sessions.filter((_, t) => r.lastTradingDay[t] === 1);
  const expiries = clExpiriesBetween(sessions[0], sessions[sessions.length - 1]).map((c) => c.lastTradingDay);
  assert.deepEqual(flagged, expiries);
  assert.equal(flagged.length, 433);
  for (let t = 1; t < sessions.length; t++) {
    // days to expiry count down by the business days between rows, and jump after a flag
    if (r.lastTradingDay[t - 1] === 1) assert.notEqual(r.contract[t], r.contract[t - 1]);
    else {
      assert.equal(r.contract[t], r.contract[t - 1]);
      assert.ok(r.daysToExpiry[t] < r.daysToExpiry[t - 1]);
    }
  }
  // The d01 panel's roll dates that this rule moves (the intersection calendar lacks a session before the 25th).
  for (const d of ["1987-03-20", "1992-12-21", "2001-11-19", "2016-11-21", "2017-11-20", "2018-11-19", "2018-12-19"]) {
    assert.ok(flagged.includes(d), d);
  }
});

Deno.test("no look-ahead: cutting the futures file at t + k never changes the roll flags at or before t", () => {
  const full = sessionsUpTo(fileDates.length);
  const ref = clRollFlags(full);
  const rowOf = new Map(fileDates.map((d, i) => [d, i]));
  // Every 4th expiry 1986–2022 and t = 0..2 sessions before it (cut at t + 2), plus 40 seeded random t (cut at
  // t + 1 and t + 2). Each cut file starts 300 sessions before t (flags depend on the date only).
  const cuts: [number, number][] = [];
  const flagRows = full.flatMap((_, t) => (ref.lastTradingDay[t] === 1 ? [t] : []));
  flagRows.forEach((t, i) => {
    if (i % 4 === 0) { for (let k = 0; k <= 2; k++) cuts.push([t - k, 2]); }
  });
  const rng = createPrng(13);
  for (let i = 0; i < 40; i++) {
    const t = Math.floor(rng.next() * (full.length - 3));
    cuts.push([t, 1], [t, 2]);
  }
  for (const [t, k] of cuts) {
    if (t + k >= full.length) continue;
    const a = Math.max(0, t - 300);
    const rows = [rowOf.get(full[a])!, rowOf.get(full[t + k])! + 1];
    const cal = nymexCalendar(fileDates.slice(...rows), fileCols.map((c) => c.slice(...rows)));
    assert.deepEqual(cal.sessions, full.slice(a, t + k + 1));
    const cut = clRollFlags(cal.sessions);
    const what = `cut at ${full[t + k]} (t = ${full[t]}, k = ${k})`;
    assert.deepEqual(cut.lastTradingDay.subarray(0, t - a + 1), ref.lastTradingDay.subarray(a, t + 1), what);
    assert.deepEqual(cut.daysToExpiry.subarray(0, t - a + 1), ref.daysToExpiry.subarray(a, t + 1), what);
    assert.deepEqual(cut.contract.slice(0, t - a + 1), ref.contract.slice(a, t + 1), what);
  }
});

Deno.test("no look-ahead (property): random calendars, random cuts", () => {
  const rng = createPrng(2026);
  for (let trial = 0; trial < 60; trial++) {
    // A random run of weekdays from a random start, each kept with probability 0.95.
    let d = addDays("1990-01-01", Math.floor(rng.next() * 11_000));
    const dates: string[] = [];
    while (dates.length < 80) {
      if (weekday(d) !== 0 && weekday(d) !== 6 && rng.next() < 0.95) dates.push(d);
      d = addDays(d, 1);
    }
    const ref = clRollFlags(dates);
    const n = 1 + Math.floor(rng.next() * dates.length);
    assertPrefixEqual(clRollFlags(dates.slice(0, n)), ref, n, `trial ${trial}, cut at ${n}`);
  }
});

Deno.test("lib/market/cl_roll.ts clLastTradingDays applies this rule: no look-ahead (its old month scan had some)", () => {
  // CLZ18 expires 2018-11-19; cut the d01-like calendar two sessions later, in the same month. The month scan
  // it replaced left the flag off until rows after the 25th existed.
  const full = sessionsUpTo(fileDates.length);
  const t = full.indexOf("2018-11-19");
  const scanFull = clLastTradingDays(full), scanCut = clLastTradingDays(full.slice(0, t + 3));
  assert.equal(scanFull[t], 1);
  assert.equal(scanCut[t], 1);
  assert.deepEqual(scanFull, clRollFlags(full).lastTradingDay);
  assert.equal(clRollFlags(full.slice(0, t + 3)).lastTradingDay[t], 1);
});
