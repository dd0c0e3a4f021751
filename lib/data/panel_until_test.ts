import assert from "node:assert/strict";
import { panelUntil } from "./panel_until.ts";

Deno.test("panelUntil: cuts at end and at the last cl1 price", () => {
  const p = {
    dates: ["2020-01-02", "2020-01-03", "2020-01-06", "2020-01-07"],
    columns: { cl1: Float64Array.of(1, 2, 3, NaN), vix: Float64Array.of(9, 9, 9, 9) },
    meta: {},
    fill: {},
  };
  assert.deepEqual(panelUntil(p, "2020-12-31").dates, ["2020-01-02", "2020-01-03", "2020-01-06"]);
  assert.deepEqual(Array.from(panelUntil(p, "2020-01-03").columns.vix), [9, 9]);
  assert.throws(() => panelUntil(p, "2019-01-01"), RangeError);
  assert.throws(() => panelUntil({ ...p, columns: {} }, "2020-12-31"), RangeError);
});
