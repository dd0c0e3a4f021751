import assert from "node:assert/strict";
import {
  assembleFeatureFrame,
  checkIncreasingDates,
  completeRows,
  featureColumn,
  firstCompleteRow,
  selectFeatures,
} from "./feature_frame.ts";
import { panelColumn, seriesLife } from "./panel_column.ts";

const meta = { description: "demo feature", unit: "1", group: "historical" as const, lookback: 1 };

Deno.test("assembleFeatureFrame: row-major layout, column access, selection, completeness", () => {
  const f = assembleFeatureFrame(["a", "b", "c"], [
    { name: "x", values: Float64Array.of(NaN, 2, 3), ...meta },
    { name: "y", values: Float64Array.of(10, 20, 30), ...meta, group: "forward" },
  ]);
  assert.deepEqual(f.values, Float64Array.of(NaN, 10, 2, 20, 3, 30));
  assert.deepEqual(featureColumn(f, "y"), Float64Array.of(10, 20, 30));
  assert.equal(firstCompleteRow(f), 1);
  assert.deepEqual(completeRows(f), Uint8Array.of(0, 1, 1));
  const s = selectFeatures(f, ["y"]);
  assert.deepEqual(s.names, ["y"]);
  assert.equal(s.meta.y.group, "forward");
  assert.throws(() => featureColumn(f, "z"), /unknown feature "z"/);
  assert.throws(() => selectFeatures(f, ["z"]), /unknown feature "z"/);
  assert.throws(() => assembleFeatureFrame(["a"], [{ name: "x", values: Float64Array.of(1, 2), ...meta }]), /2 values/);
  assert.throws(
    () =>
      assembleFeatureFrame(["a"], [{ name: "x", values: Float64Array.of(1), ...meta }, {
        name: "x",
        values: Float64Array.of(1),
        ...meta,
      }]),
    /duplicate/,
  );
});

Deno.test("checkIncreasingDates and panelColumn validation", () => {
  assert.throws(() => checkIncreasingDates(["2020-01-02", "2020-01-02"]), /row 1/);
  assert.throws(() => checkIncreasingDates(["2020-01-03", "2020-01-02"]), /strictly increasing/);
  assert.deepEqual(seriesLife(Float64Array.of(NaN, 1, 2, NaN), ["a", "b", "c", "d"], "x"), { first: 1, last: 2 });
  assert.deepEqual(seriesLife(Float64Array.of(NaN, NaN), ["a", "b"], "x"), { first: -1, last: -1 });
  assert.throws(() => seriesLife(Float64Array.of(1, NaN, 2), ["a", "b", "c"], "x"), /"x": value NaN on b \(row 1\)/);
  const panel = { dates: ["a", "b"], columns: { x: Float64Array.of(1, 2) }, meta: {}, fill: {} };
  assert.throws(() => panelColumn(panel, "y"), TypeError);
  assert.throws(() => panelColumn({ ...panel, columns: { x: Float64Array.of(1) } }, "x"), /1 values for 2 dates/);
});
