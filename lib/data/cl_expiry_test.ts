import assert from "node:assert/strict";
import { clContractCode, clExpiriesBetween, clFrontContract, clLastTradingDay } from "./cl_expiry.ts";
import { NYMEX_FUTURES_FILE } from "./nymex_calendar.ts";
import { weekday } from "./dates.ts";

const weekdaysOnly = (d: string) => weekday(d) !== 0 && weekday(d) !== 6;

Deno.test("clLastTradingDay: the rule on plain weekdays", () => {
  // 25th a business day (Thu 2024-01-25): 3 business days before → Mon 22.
  assert.equal(clLastTradingDay(2024, 2, weekdaysOnly), "2024-01-22");
  // 25th a Saturday (2020-01-25): preceding business day Fri 24, 3 before → Tue 21.
  assert.equal(clLastTradingDay(2020, 2, weekdaysOnly), "2020-01-21");
  // 25th a Sunday (2018-11-25): preceding business day Fri 23, 3 before → Tue 20 (no holidays)…
  assert.equal(clLastTradingDay(2018, 12, weekdaysOnly), "2018-11-20");
  // …and Mon 19 with Thanksgiving (Thu 22) on the NYMEX schedule.
  assert.equal(clLastTradingDay(2018, 12), "2018-11-19");
  // January contracts expire in December of the year before.
  assert.equal(clLastTradingDay(2019, 1), "2018-12-19");
  assert.throws(() => clLastTradingDay(2019, 13), /cl_expiry\.ts clLastTradingDay: month .* got 13/);
  assert.throws(() => clLastTradingDay(2019.5, 1), /year must be an integer .* got 2019\.5/);
});

Deno.test("clContractCode / clFrontContract / clExpiriesBetween", () => {
  assert.equal(clContractCode(2009, 1), "CLF09");
  assert.equal(clContractCode(2000, 12), "CLZ00");
  assert.deepEqual(clFrontContract("2018-11-19"), {
    year: 2018,
    month: 12,
    code: "CLZ18",
    lastTradingDay: "2018-11-19",
  });
  assert.equal(clFrontContract("2018-11-20").code, "CLF19");
  assert.equal(clFrontContract("2018-12-31").code, "CLG19");
  const e = clExpiriesBetween("2018-01-01", "2018-12-31");
  assert.equal(e.length, 12);
  assert.deepEqual(e.map((c) => c.code).slice(0, 2), ["CLG18", "CLH18"]);
  for (let i = 1; i < e.length; i++) assert.ok(e[i].lastTradingDay > e[i - 1].lastTradingDay);
});

Deno.test("clLastTradingDay: published last trading days (a broker's table of August 2008, CLF09–CLZ10)", () => {
  // bohlish.com "Crude_Oil NYM", updated 2008-08-08: contract → LTD, computed ahead from the schedule.
  const published: [string, string][] = [
    ["CLF09", "2008-12-19"],
    ["CLG09", "2009-01-20"],
    ["CLH09", "2009-02-20"],
    ["CLJ09", "2009-03-20"],
    ["CLK09", "2009-04-21"],
    ["CLM09", "2009-05-19"],
    ["CLN09", "2009-06-22"],
    ["CLQ09", "2009-07-21"],
    ["CLU09", "2009-08-20"],
    ["CLV09", "2009-09-22"],
    ["CLX09", "2009-10-20"],
    ["CLZ09", "2009-11-20"],
    ["CLF10", "2009-12-21"],
    ["CLG10", "2010-01-20"],
    ["CLH10", "2010-02-22"],
    ["CLJ10", "2010-03-22"],
    ["CLK10", "2010-04-20"],
    ["CLM10", "2010-05-20"],
    ["CLN10", "2010-06-22"],
    ["CLQ10", "2010-07-20"],
    ["CLU10", "2010-08-20"],
    ["CLV10", "2010-09-21"],
    ["CLX10", "2010-10-20"],
    ["CLZ10", "2010-11-19"],
  ];
  const got = new Map(clExpiriesBetween("2008-12-01", "2010-11-30").map((c) => [c.code, c.lastTradingDay]));
  for (const [code, ltd] of published) assert.equal(got.get(code), ltd, code);
  // The May-2020 contract that settled at −37.63 on 2020-04-20 expired the next day.
  assert.equal(clLastTradingDay(2020, 5), "2020-04-21");
});

/** RCLC1..RCLC4 by date from the vendored file (read-only). */
const rows = new Map<string, number[]>();
const text = await Deno.readTextFile(NYMEX_FUTURES_FILE);
for (const line of text.trim().split("\n").slice(1)) {
  const f = line.split(",");
  rows.set(f[0], f.slice(1).map((x) => (x === "" ? NaN : Number(x))));
}
const dates = [...rows.keys()];

/**
 * Evidence of a roll between session `d` and the next one: with a roll, contract k+1 at t+1 continues
 * contract k+2 at t, so the one-day changes (c1' − c2, c2' − c3) move together; without, (c1' − c1, c2' − c2)
 * do. Positive: the roll explains the two days better.
 */
function rollEvidence(d: string): number {
  const i = dates.indexOf(d);
  assert.ok(i > 0 && i + 1 < dates.length, d);
  const a = rows.get(dates[i])!, b = rows.get(dates[i + 1])!;
  const none = Math.abs(b[0] - a[0] - (b[1] - a[1])) + Math.abs(b[1] - a[1] - (b[2] - a[2]));
  const roll = Math.abs(b[0] - a[1] - (b[1] - a[2])) + Math.abs(b[1] - a[2] - (b[2] - a[3]));
  return none - roll;
}

Deno.test("clLastTradingDay: expiries confirmed by the RCLC1 roll in the data", () => {
  // Each: the curve shifts by one contract after the rule's last trading day, better than one session before or after.
  const confirmed = [
    "CLJ87", // 1987-03-20: the d01 panel (no 1987-03-24 row) flags 03-19
    "CLZ88", // 1988-11-18: the day after Thanksgiving 1988 was a NYMEX holiday
    "CLZ00", // 2000-11-17: same, 2000
    "CLZ01", // 2001-11-19: but 2001-11-23 was a session (missing from EIA's file)
    "CLZ05", // 2005-11-18
    "CLZ06", // 2006-11-17
    "CLZ18", // 2018-11-19 (the d01 panel flags 11-16)
    "CLK10",
    "CLG11",
    "CLK13",
    "CLQ13",
    "CLV13",
    "CLX13",
    "CLF14",
    "CLN14",
    "CLK15",
    "CLH16",
    "CLJ16",
    "CLK16",
    "CLJ17",
    "CLJ18",
    "CLQ18",
    "CLV19",
    "CLM20",
    "CLH21",
    "CLK21",
    "CLV21",
  ];
  const byCode = new Map(clExpiriesBetween("1987-01-01", "2022-01-31").map((c) => [c.code, c.lastTradingDay]));
  const expected: Record<string, string> = {
    CLJ87: "1987-03-20",
    CLZ88: "1988-11-18",
    CLZ00: "2000-11-17",
    CLZ01: "2001-11-19",
    CLZ05: "2005-11-18",
    CLZ06: "2006-11-17",
    CLZ18: "2018-11-19",
  };
  for (const code of confirmed) {
    const ltd = byCode.get(code)!;
    if (expected[code]) assert.equal(ltd, expected[code], code);
    const i = dates.indexOf(ltd);
    const e = rollEvidence(ltd);
    assert.ok(e > 0, `${code} ${ltd}: no roll after the last trading day`);
    assert.ok(e > rollEvidence(dates[i - 1]), `${code}: a roll one session early fits better`);
    assert.ok(e > rollEvidence(dates[i + 1]), `${code}: a roll one session late fits better`);
  }
});

Deno.test("clLastTradingDay: every expiry 1986–2022 on which the data are decisive agrees with the rule but one", () => {
  // Decisive: of the 5 sessions around the rule's date, exactly one shows a roll by ≥ 0.10 and the four others
  // show none by ≥ 0.10 (a flat curve makes most months undecidable this way).
  const disagree: string[] = [];
  let decisive = 0;
  for (const c of clExpiriesBetween("1986-01-02", "2022-02-10")) {
    const i = dates.indexOf(c.lastTradingDay);
    assert.ok(i > 2, c.code);
    const ev = [-2, -1, 0, 1, 2].map((o) => rollEvidence(dates[i + o]));
    const pos = ev.flatMap((v, j) => (v >= 0.1 ? [j - 2] : []));
    if (pos.length !== 1 || ev.filter((v) => v <= -0.1).length !== 4) continue;
    decisive++;
    if (pos[0] !== 0) disagree.push(`${c.code} rule ${c.lastTradingDay}, data ${dates[i + pos[0]]}`);
  }
  assert.equal(decisive, 82);
  // CLG09 in the super-contango of January 2009: the rule (and the published date) say 2009-01-20; the
  // expiring contract's erratic last sessions look like a roll after 2009-01-16.
  assert.deepEqual(disagree, ["CLG09 rule 2009-01-20, data 2009-01-16"]);
});
