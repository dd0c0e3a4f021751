import assert from "node:assert/strict";
import { addDays, daysBetween, parseDate, weekday } from "./dates.ts";

Deno.test("parseDate: the three source formats", () => {
  assert.equal(parseDate("2020-04-20", "iso", "w"), "2020-04-20");
  assert.equal(parseDate("07/21/2026", "mdy", "w"), "2026-07-21");
  assert.equal(parseDate("20090112", "yyyymmdd", "w"), "2009-01-12");
});

Deno.test("parseDate: impossible or misformatted dates name where and value", () => {
  assert.throws(
    () => parseDate("2021-02-30", "iso", "f.csv:9"),
    /f\.csv:9: date "2021-02-30" is not a real calendar date/,
  );
  assert.throws(() => parseDate("2021/02/03", "iso", "f.csv:9"), /does not match format iso/);
  assert.throws(() => parseDate("13/01/2020", "mdy", "f.csv:2"), /not a real calendar date/);
});

Deno.test("date helpers", () => {
  assert.equal(weekday("2026-11-21"), 6);
  assert.equal(daysBetween("2020-02-27", "2020-03-01"), 3);
  assert.equal(addDays("2020-12-31", 1), "2021-01-01");
});
