import assert from "node:assert/strict";
import { buildSyntheticPath, checkSyntheticParams, syntheticJobs } from "./synthetic_path.ts";
import { testStudyParams } from "../testing/study_params_fixture.ts";

const P = testStudyParams({
  lookback: 100,
  features: ["rv_20d", "ewma_to_im", "vix"],
  forwardFeatures: ["vix"],
  embargo: 2,
  validShare: 0.2,
  seeds: [1, 2],
  synthDays: 600,
  synthSeeds: [5],
  synthPaths: 100,
  synthModels: ["static", "mlp", "mlpHist"],
  synthForward: ["atm_vol_21d"],
  synthFolds: 2,
  synthTestShare: 0.4,
});

Deno.test("buildSyntheticPath: seeded; r·IM is the mirrored loss; oracle inside the bounds; folds in the test share", () => {
  const a = buildSyntheticPath(P, 5), b = buildSyntheticPath(P, 5);
  assert.deepEqual(a.long.oracle, b.long.oracle);
  assert.deepEqual(a.features, ["rv_20d", "ewma_to_im", "atm_vol_21d"]);
  assert.deepEqual(a.histFeatures, ["rv_20d", "ewma_to_im"]);
  const n = a.long.data.r.length;
  const shortRow = new Map(a.short.data.dates.map((d, i) => [d, i]));
  let common = 0;
  for (let i = 0; i < n; i++) {
    const j = shortRow.get(a.long.data.dates[i]);
    if (j !== undefined) {
      const lossLong = a.long.data.r[i] * a.long.im[i], lossShort = a.short.data.r[j] * a.short.im[j];
      assert.ok(Math.abs(lossLong + lossShort) < 1e-6 * (1 + Math.abs(lossLong)), "short loss = −long loss");
      common++;
    }
    assert.ok(a.long.oracle[i] >= 0.8 && a.long.oracle[i] <= 1.5);
    assert.ok(a.long.im[i] > 0 && Number.isFinite(a.long.data.r[i]));
  }
  assert.ok(common > 0.9 * n);
  assert.equal(a.long.folds.length, 2);
  assert.ok(a.long.folds[0].split.test.start >= Math.floor(0.6 * n) - 1);
  assert.ok(a.stressShare >= 0 && a.stressShare <= 1);
  assert.notDeepEqual(buildSyntheticPath(P, 6).long.data.r, a.long.data.r);
});

Deno.test("syntheticJobs / checkSyntheticParams: jobs per fold and seed; static required, no sequence model", () => {
  const path = buildSyntheticPath({ ...P, synthFolds: 1 }, 5);
  const jobs = syntheticJobs(path, { ...P, synthFolds: 1 });
  assert.equal(jobs.length, 2 * (1 + 2 + 2));
  assert.deepEqual(jobs.find((j) => j.model === "mlpHist")!.features, path.histFeatures);
  assert.throws(() => checkSyntheticParams({ synthDays: 10, synthModels: ["mlp"] }), /must include "static"/);
  assert.throws(
    () => checkSyntheticParams({ synthDays: 10, synthModels: ["static", "lstm"] }),
    /sequence model "lstm"/,
  );
  checkSyntheticParams({ synthDays: 0, synthModels: [] });
  assert.throws(() => buildSyntheticPath({ ...P, synthForward: ["nope"] }, 5), /"nope" is not a synthetic feature/);
});
