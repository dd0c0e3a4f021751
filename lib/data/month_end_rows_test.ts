import assert from "node:assert/strict";
import { monthEndRows, rowOnOrBefore } from "./month_end_rows.ts";
import { businessDays } from "../market/synthetic_market.ts";

const dates = businessDays("2019-12-02", 200);

Deno.test("monthEndRows: one row per month in the window, each the month's last date, the window's end last", () => {
  const rows = monthEndRows(dates, "2020-01-01", "2020-06-17");
  assert.deepEqual(rows.map((t) => dates[t].slice(0, 7)), [
    "2020-01",
    "2020-02",
    "2020-03",
    "2020-04",
    "2020-05",
    "2020-06",
  ]);
  for (const t of rows.slice(0, -1)) assert.notEqual(dates[t + 1].slice(0, 7), dates[t].slice(0, 7));
  assert.equal(dates[rows[rows.length - 1]], "2020-06-17");
  assert.deepEqual(monthEndRows(dates, "2030-01-01", "2030-12-31"), []);
});

Deno.test("rowOnOrBefore: exact date, a weekend falls back to Friday, out-of-range dates are errors", () => {
  const t = dates.indexOf("2020-01-10");
  assert.equal(rowOnOrBefore(dates, "2020-01-10", "asOf"), t);
  assert.equal(rowOnOrBefore(dates, "2020-01-12", "asOf"), t); // Sunday
  assert.throws(() => rowOnOrBefore(dates, "2019-01-01", "asOf"), /asOf 2019-01-01 precedes the panel/);
  assert.throws(() => rowOnOrBefore(dates, "2031-01-01", "sensitivityDates entry"), /is after the end/);
});
