import assert from "node:assert/strict";
import { settingFitter } from "./setting_fitter.ts";
import { sensitivitySettings } from "./sensitivity_settings.ts";
import { makeCrudePanel } from "../testing/crude_panel_fixture.ts";
import { testStudyParams } from "../testing/study_params_fixture.ts";

const p = testStudyParams({
  sampleEnd: "2013-01-01",
  features: ["rv_20d", "vix"],
  forwardFeatures: ["vix"],
  seeds: [1, 2],
  trainEnd: "2011-09-30",
  validFrom: "2011-05-02",
  testFrom: "2011-10-03",
  testTo: "2012-12-31",
  embargo: 2,
  netEpochs: 1,
  netBatch: 64,
  netLr: 0.01,
  netPatience: 1,
  mlpHidden: [4],
});
const mins = { minTrain: 100, minValid: 50, minTest: 100 };
const none = { hiddenGrid: [], lrGrid: [], tauGrid: [], mMinGrid: [], mMaxGrid: [], lookbackGrid: [] };

Deno.test("settingFitter: split respects purge + embargo; static is the benchmark; one run per seed", async () => {
  const [base, hist, mpor5] = sensitivitySettings({ ...p, ...none, mporGrid: [5] });
  const fit = settingFitter(makeCrudePanel(800, 1), p, mins);
  const a = await fit("long", base);
  assert.equal(a.runs.length, 2);
  assert.equal(a.staticRun.test.marginRatio, 1);
  assert.equal(a.baseline.avgMultiplier, 1);
  assert.ok(a.dates.train[1] < a.validDates[0] && a.validDates[1] <= p.trainEnd && a.dates.test[0] >= p.testFrom);
  assert.equal(a.r.length, a.n.test);
  assert.ok(a.runs.every((r) => r.m.every((v) => v >= base.mMin && v <= base.mMax)));
  // The same setting twice gives the same numbers (seeded), and the hist setting sees fewer features.
  const b = await fit("long", base);
  assert.deepEqual(b.runs.map((r) => r.m), a.runs.map((r) => r.m));
  const h = await fit("long", hist);
  assert.equal(h.n.test, a.n.test);
  // A longer MPOR rebuilds the study: its test rows start no earlier and the ratio differs.
  const c = await fit("long", mpor5);
  assert.notDeepEqual(c.r, a.r);
});
