import assert from "node:assert/strict";
import { compareTargets, type TargetComparisonParams } from "./target_comparison.ts";
import { buildCrudeStudy } from "./crude_study.ts";
import { crudeStudyOptions } from "./study_params.ts";
import { makeCrudePanel } from "../testing/crude_panel_fixture.ts";
import { testStudyParams } from "../testing/study_params_fixture.ts";

const p: TargetComparisonParams = testStudyParams({
  lookback: 250,
  sampleEnd: "2016-12-31",
  features: ["rv_20d", "ewma_vol", "ewma_to_im"],
  trainEnd: "2014-06-30",
  validFrom: "2013-07-01",
  testFrom: "2014-07-01",
  testTo: "2015-09-30",
  embargo: 2,
  optWindow: 50,
  actionBand: 0.1,
  actionStep: 0.15,
  netEpochs: 2,
  netBatch: 128,
  netLr: 0.003,
  netPatience: 2,
  mlpHidden: [4],
  seeds: [1, 2],
});

Deno.test("compareTargets: purge covers the forward window, one point per target and seed, references are exact", async () => {
  const s = buildCrudeStudy(makeCrudePanel(1500), crudeStudyOptions(p, "long"));
  const c = await compareTargets(s, p);
  const m = c.metrics;
  assert.equal(c.design.purgeRows, p.optWindow + p.mpor);
  assert.ok(c.design.trainTo < c.design.validFrom && c.design.validTo < c.design.testFrom);
  assert.ok(c.design.testFrom >= p.testFrom && c.design.testTo <= p.testTo);
  assert.equal(c.points.length, 3 * p.seeds.length);
  assert.deepEqual(c.points.map((x) => x.target), [
    "quantile",
    "optimalMse",
    "action",
    "quantile",
    "optimalMse",
    "action",
  ]);
  for (const t of ["static", "quantile", "optimalMse", "action"] as const) assert.equal(c.series[t].length, m.nTest);
  // the static multiplier is the benchmark: its margin ratio is 1; the HS baseline holds m = 1
  assert.equal(m.static.marginRatio, 1);
  assert.equal(m.baselineHs.avgMultiplier, 1);
  assert.ok(m.staticMultiplier >= p.mMin && m.staticMultiplier <= p.mMax);
  // realised classes exist only where the forward window fits in the sample
  assert.equal(m.classCounts.test.reduce((a, b) => a + b, 0), m.nTestLabelled);
  assert.ok(m.nTestLabelled <= m.nTest);
  assert.equal(m.quantile.breachRate.n, p.seeds.length);
  assert.ok(m.action.accuracy.mean >= 0 && m.action.accuracy.mean <= 1);
});
