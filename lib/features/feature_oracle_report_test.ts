import assert from "node:assert/strict";
import { featureOracleReport } from "./feature_oracle_report.ts";
import { assembleFeatureFrame } from "./feature_frame.ts";
import { pearsonOver } from "./correlation.ts";

const T = 80;
const dates = Array.from({ length: T }, (_, t) => new Date(Date.UTC(2020, 0, 1 + t)).toISOString().slice(0, 10));
const rv = Float64Array.from({ length: T }, (_, t) => (t < 5 ? NaN : 0.2 + 0.1 * Math.sin(t / 7)));
const ovx = Float64Array.from({ length: T }, (_, t) => 30 + 5 * Math.cos(t / 3));
const frame = assembleFeatureFrame(dates, [
  { name: "rv_5d", values: rv, description: "vol", unit: "1/yr", group: "historical", lookback: 6 },
  { name: "ovx", values: ovx, description: "ovx", unit: "1", group: "forward", lookback: 1 },
  { name: "curve_slope", values: ovx.map((v) => -v), description: "slope", unit: "1", group: "forward", lookback: 1 },
]);
const multiplier = ovx.map((v) => v / 30), relative = rv.map((v) => 2 * v);

Deno.test("featureOracleReport: correlations with the oracle columns and the forward vol, ranked by |ρ|", () => {
  const r = featureOracleReport(frame, { multiplier, relative }, {
    forwardVolWindow: 5,
    corr: ["ovx", "rv_5d"],
    label: "t",
  });
  assert.equal(r.rows, T);
  assert.equal(r.surfaceFeatures, 1); // curve_* is the futures curve's, not the option surface's
  assert.equal(r.completeRows, T - 5);
  assert.ok(Math.abs(r.oracle.corr.ovx.multiplier! - 1) < 1e-12);
  assert.ok(Math.abs(r.oracle.corr.curve_slope.multiplier! + 1) < 1e-12);
  assert.ok(Math.abs(r.oracle.corr.rv_5d.oracleRel! - 1) < 1e-12);
  const fwd = Float64Array.from(rv, (_, t) => (t + 5 < T ? rv[t + 5] : NaN));
  assert.equal(r.oracle.corr.ovx.fwdRv, pearsonOver(ovx, fwd, [...Array(T).keys()]).r);
  assert.deepEqual(r.oracle.topByAbsCorrWithMultiplier.slice(0, 2).sort(), ["curve_slope", "ovx"]);
  assert.deepEqual(r.corr.names, ["ovx", "rv_5d", "oracle_multiplier", "oracle_rel", "fwd_rv_5d"]);
  assert.throws(
    () =>
      featureOracleReport(frame, { multiplier, relative }, {
        forwardVolWindow: 20,
        corr: ["ovx"],
        label: "synthetic frame",
      }),
    /synthetic frame.*"rv_20d"/,
  );
});
