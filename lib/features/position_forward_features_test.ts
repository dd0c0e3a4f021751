import assert from "node:assert/strict";
import { oilCurveFeatureColumns, ovxFeatureColumns, ratesTermFeatureColumns } from "./position_forward_features.ts";
import { buildCrudeFeatures } from "./crude_features.ts";
import { featureColumn } from "./feature_frame.ts";
import { makeCrudePanel } from "../testing/crude_panel_fixture.ts";

Deno.test("oilCurveFeatureColumns: bit for bit the crude frame's OVX and curve features", () => {
  const panel = makeCrudePanel(400, 3);
  const c = panel.columns;
  const frame = buildCrudeFeatures(panel);
  const cols = oilCurveFeatureColumns([c.cl1, c.cl2, c.cl3, c.cl4], c.ovx);
  assert.deepEqual(cols.map((x) => x.name), ["ovx", "ovx_chg_5d", "curve_slope", "curve_curvature", "roll_yield"]);
  for (const col of cols) {
    assert.deepEqual(col.values, featureColumn(frame, col.name), col.name);
    assert.equal(col.group, "forward");
    assert.equal(col.description, frame.meta[col.name].description);
  }
  assert.deepEqual(ovxFeatureColumns(c.ovx).map((x) => x.values), cols.slice(0, 2).map((x) => x.values));
});

Deno.test("ratesTermFeatureColumns: slopes and butterfly in percentage points; no look-ahead", () => {
  const y2 = Float64Array.of(1, 2, 3, 4, 5, 6, 7), y10 = y2.map((x) => x + 1), y30 = y2.map((x) => x + 1.5);
  const cols = ratesTermFeatureColumns({ ust2y: y2, ust10y: y10, ust30y: y30 }, y10, 2);
  assert.deepEqual(cols.map((x) => x.name), [
    "yield_level",
    "yield_chg_2d",
    "slope_2s10s",
    "slope_10s30s",
    "curvature_2s10s30s",
  ]);
  assert.deepEqual([...cols[1].values], [NaN, NaN, 2, 2, 2, 2, 2]);
  assert.ok(cols[2].values.every((v) => v === 1) && cols[3].values.every((v) => v === 0.5));
  assert.ok(cols[4].values.every((v) => Math.abs(v - 0.5) < 1e-12));
  const later = ratesTermFeatureColumns(
    { ust2y: y2.map((v, i) => i > 3 ? v * 9 : v), ust10y: y10, ust30y: y30 },
    y10,
    2,
  );
  for (let j = 0; j < cols.length; j++) assert.deepEqual(later[j].values.subarray(0, 4), cols[j].values.subarray(0, 4));
});

Deno.test("position forward features: bad input names the argument", () => {
  const x = Float64Array.of(1, 2, 3);
  assert.throws(() => oilCurveFeatureColumns([x, x, x], x), /need the 4 contracts cl1..cl4, got 3/);
  assert.throws(() => oilCurveFeatureColumns([x, x, x, Float64Array.of(1)], x), /cl4 has 1 values, cl1 has 3/);
  assert.throws(() => ovxFeatureColumns(x, 0), /changeHorizon must be an integer >= 1, got 0/);
  assert.throws(() => ratesTermFeatureColumns({ ust2y: x, ust10y: x, ust30y: x }, Float64Array.of(1)), /own has 1/);
});
