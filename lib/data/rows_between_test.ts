import assert from "node:assert/strict";
import fc from "fast-check";
import { rowsBetween } from "./rows_between.ts";

Deno.test("rowsBetween: exactly the rows dated inside the inclusive window, ascending", () => {
  const day = fc.integer({ min: 1, max: 28 }).map((d) => `2020-02-${String(d).padStart(2, "0")}`);
  fc.assert(
    fc.property(fc.uniqueArray(day, { maxLength: 28 }), day, day, (ds, a, b) => {
      const dates = [...ds].sort(), from = a < b ? a : b, to = a < b ? b : a;
      const rows = rowsBetween(dates, from, to);
      assert.deepEqual(rows, [...dates.keys()].filter((t) => dates[t] >= from && dates[t] <= to));
      for (let i = 1; i < rows.length; i++) assert.equal(rows[i], rows[i - 1] + 1); // a window of sorted dates is contiguous
    }),
  );
  assert.deepEqual(rowsBetween(["2020-01-01"], "2021-01-01", "2020-01-01"), []);
});
