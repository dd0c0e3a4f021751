import assert from "node:assert/strict";
import { featureFigureSeries, featureFrameReport } from "./feature_frame_report.ts";
import { rowsBetween } from "../data/rows_between.ts";
import { buildCrudeFeatures } from "./crude_features.ts";
import { featureColumn } from "./feature_frame.ts";
import { pearsonOver } from "./correlation.ts";
import { makeCrudePanel } from "../testing/crude_panel_fixture.ts";

const frame = buildCrudeFeatures(makeCrudePanel(420));
const from = frame.dates[30], to = frame.dates[400];
const opts = { from, to, forwardVolWindow: 20, corr: ["rv_20d", "ewma_vol"], label: "test frame" };

Deno.test("featureFrameReport: window, group counts and per-feature statistics over the window rows only", () => {
  const r = featureFrameReport(frame, opts);
  assert.deepEqual(r.window, { from, to, rows: 371 });
  assert.equal(r.historical + r.forward, r.features);
  assert.ok(r.completeRows <= r.window.rows);
  for (const n of frame.names) assert.ok(r.stats[n].n <= 371 && r.stats[n].group === frame.meta[n].group);
  assert.deepEqual(r.corr.names, ["rv_20d", "ewma_vol", "fwd_rv_20d"]);
});

Deno.test("featureFrameReport: correlation with the forward vol is that of the feature with rv led by the window", () => {
  const r = featureFrameReport(frame, opts);
  const rv = featureColumn(frame, "rv_20d"), ewma = featureColumn(frame, "ewma_vol");
  const fwd = Float64Array.from(rv, (_, t) => (t + 20 < rv.length ? rv[t + 20] : NaN));
  const rows = rowsBetween(frame.dates, from, to).filter((t) => Number.isFinite(ewma[t]) && Number.isFinite(fwd[t]));
  assert.equal(r.corrWithFwdRv.ewma_vol.n, rows.length);
  assert.equal(r.corrWithFwdRv.ewma_vol.pearson, pearsonOver(ewma, fwd, rows).r);
  // the forward vol is unknown for the last 20 rows of the frame
  assert.ok(r.corrWithFwdRv.rv_20d.n <= 370);
});

Deno.test("featureFrameReport rejects a short window and an unknown feature; featureFigureSeries thins and rounds", () => {
  assert.throws(() => featureFrameReport(frame, { ...opts, to: frame.dates[100] }), /selects only 71 rows/);
  assert.throws(() => featureFrameReport(frame, { ...opts, corr: ["nope", "rv_20d"] }), /test frame corr.*"nope"/);
  const s = featureFigureSeries(frame, { from, to, names: ["rv_20d"], every: 7, digits: 2, label: "fig" });
  assert.equal(s.dates.length, Math.ceil(371 / 7));
  assert.equal(s.dates[1], frame.dates[37]);
  for (const v of s.features.rv_20d) assert.ok(v === null || Math.round(v * 100) / 100 === v);
});
