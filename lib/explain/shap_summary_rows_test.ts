import assert from "node:assert/strict";
import { globalImportance } from "./global_importance.ts";
import { shapSummaryRows } from "./shap_summary_rows.ts";

Deno.test("globalImportance: mean |φ| per feature", () => {
  assert.deepEqual(Array.from(globalImportance(Float64Array.of(1, -2, -3, 0, 2, 1), 3, 2)), [2, 1]);
  assert.throws(() => globalImportance(new Float64Array(3), 2, 2), /values has length 3/);
});

Deno.test("shapSummaryRows: tidy rows ordered by importance with value ranks", () => {
  const values = Float64Array.of(0.1, -2, 0.3, 1, -0.2, 0.5);
  const x = Float64Array.of(5, 1, 6, 1, 4, 3);
  const rows = shapSummaryRows(values, x, 3, 2, ["vix", "ret"]);
  assert.equal(rows.length, 6);
  assert.deepEqual(rows.map((r) => r.feature), ["ret", "ret", "ret", "vix", "vix", "vix"]);
  assert.deepEqual(rows.map((r) => r.importanceRank), [0, 0, 0, 1, 1, 1]);
  assert.deepEqual(rows.slice(0, 3).map((r) => r.valueRank), [0.25, 0.25, 1]); // tie at 1 gets the mid-rank
  assert.deepEqual(rows.slice(3).map((r) => r.valueRank), [0.5, 1, 0]);
  assert.deepEqual(rows[1], {
    feature: "ret",
    featureIndex: 1,
    importanceRank: 0,
    row: 1,
    shap: 1,
    value: 1,
    valueRank: 0.25,
  });
  assert.equal(shapSummaryRows(Float64Array.of(1), Float64Array.of(2), 1, 1)[0].feature, "x0");
  assert.throws(() => shapSummaryRows(values, x, 3, 2, ["a"]), /featureNames has 1 names for d = 2/);
  assert.throws(() => shapSummaryRows(values, x.subarray(1), 3, 2), /x has length 5/);
});
