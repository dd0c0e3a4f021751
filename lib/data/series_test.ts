import assert from "node:assert/strict";
import { parseCsv } from "./csv.ts";
import { parseSeries, type SeriesSpec } from "./series.ts";

const spec: SeriesSpec = {
  column: "wti_spot",
  dateCol: "Date",
  dateFormat: "iso",
  valueCol: "Price",
  min: 0.01,
  max: 1000,
  unit: "USD/bbl",
  description: "test",
  known: [{ date: "2020-04-20", value: -36.98, note: "genuine" }],
};
const parse = (body: string, s = spec) => parseSeries(parseCsv("Date,Price\n" + body, "wti.csv"), s);

Deno.test("parseSeries: documented negative price passes with a note", () => {
  const s = parse("2020-04-17,18.31\n2020-04-20,-36.98\n2020-04-21,8.91\n");
  assert.deepEqual([...s.values], [18.31, -36.98, 8.91]);
  assert.equal(s.knownMet.length, 1);
});

Deno.test("parseSeries: undocumented impossible value is an error naming file, line, value", () => {
  assert.throws(
    () => parse("2020-04-17,18.31\n2020-04-21,-8.91\n"),
    /wti\.csv:3: column Price on 2020-04-21: value -8\.91 is outside/,
  );
});

Deno.test("parseSeries: documented point that changed is an error", () => {
  assert.throws(
    () => parse("2020-04-17,18.31\n2020-04-20,-30\n2020-04-21,8.91\n"),
    /wti\.csv:3: .*documents -36\.98 here but the file has -30/,
  );
  assert.throws(() => parse("2020-04-17,18.31\n2020-04-21,8.91\n"), /documented point 2020-04-20 .* was not found/);
});

Deno.test("parseSeries: duplicates, non-increasing dates, non-numbers, missing values", () => {
  assert.throws(() => parse("2020-01-02,1\n2020-01-02,2\n"), /wti\.csv:3: .*2020-01-02 duplicates 2020-01-02/);
  assert.throws(() => parse("2020-01-03,1\n2020-01-02,2\n"), /wti\.csv:3: .*comes after 2020-01-03/);
  assert.throws(
    () => parse("2020-01-02,1\n2020-01-03,abc\n"),
    /wti\.csv:3: column Price on 2020-01-03: "abc" is not a number/,
  );
  assert.throws(() => parse("2020-01-02,1\n2020-01-03,NaN\n"), /"NaN" is not a number/);
  assert.throws(() => parse("2020-01-02,1\n2020-01-03,\n2020-01-06,2\n"), /wti\.csv:3: missing value/);
});

Deno.test("parseSeries: empty cells before the start are allowed; placeholders when declared", () => {
  const s = parse(",\n".replace(",", "2019-12-31,") + "2020-01-02,5\n");
  assert.equal(s.dates[0], "2020-01-02");
  const p = parse("2020-01-02,1\n2020-01-03,.\n2020-01-06,2\n", {
    ...spec,
    known: [],
    placeholders: ["."],
    emptyMeansNoObservation: true,
  });
  assert.deepEqual(p.emptyCells, ["2020-01-03"]);
  assert.deepEqual(p.dates, ["2020-01-02", "2020-01-06"]);
});
