import assert from "node:assert/strict";
import { alignAsOf, unionCalendar } from "./align.ts";

const cal = ["2020-01-02", "2020-01-03", "2020-01-06", "2020-01-07", "2020-01-08"];

Deno.test("alignAsOf: as-of fill inside the series' life, NaN outside, recorded", () => {
  const r = alignAsOf(cal, { column: "x", dates: ["2020-01-03", "2020-01-07"], values: new Float64Array([1, 2]) }, 3);
  assert.deepEqual([...r.values], [NaN, 1, 1, 2, NaN]);
  assert.equal(r.fill.filled, 1);
  assert.equal(r.fill.longestRun, 1);
});

Deno.test("alignAsOf: off-calendar observations are used as of the next date and counted", () => {
  const r = alignAsOf(cal, {
    column: "x",
    dates: ["2020-01-02", "2020-01-04", "2020-01-08"],
    values: new Float64Array([1, 9, 3]),
  }, 3);
  assert.deepEqual([...r.values], [1, 1, 9, 9, 3]);
  assert.equal(r.fill.offCalendar, 1);
});

Deno.test("alignAsOf: a gap longer than allowed is an error naming series and dates", () => {
  assert.throws(
    () => alignAsOf(cal, { column: "ovx", dates: ["2020-01-02", "2020-01-08"], values: new Float64Array([1, 2]) }, 2),
    /ovx: no observation from 2020-01-02 to 2020-01-07 \(3 trading days\)/,
  );
});

Deno.test("unionCalendar: sorted, deduplicated, clipped", () => {
  assert.deepEqual(unionCalendar([["2020-01-03", "2020-01-01"], ["2020-01-02", "2020-01-03"]], "2020-01-02"), [
    "2020-01-02",
    "2020-01-03",
  ]);
});
