import assert from "node:assert/strict";
import { coreStudyDesign } from "./core_study_design.ts";
import { walkForwardBatch } from "./walk_forward_batch.ts";
import { makeCrudePanel } from "../testing/crude_panel_fixture.ts";
import { TEST_WALK_FORWARD, testStudyParams } from "../testing/study_params_fixture.ts";

Deno.test("coreStudyDesign: folds, counts and fit means from the batch", () => {
  const panel = makeCrudePanel(1000, 1);
  const p = testStudyParams({ ...TEST_WALK_FORWARD, features: ["rv_20d", "vix"], models: ["static", "mlp"] });
  const wf = walkForwardBatch(panel, p);
  const outcomes = wf.batch.jobs.map((j) => ({ m: new Float64Array(0), epochs: j.seed * 2, bestEpoch: j.seed }));
  const d = coreStudyDesign(panel, wf, p, outcomes, { greenMax: 4, yellowMax: 9 });
  assert.equal(d.nFolds, 2);
  assert.deepEqual(d.folds.map((f) => f.year), [2012, 2013]);
  assert.ok(
    d.folds.every((f) => f.trainTo < f.validFrom && f.validTo < f.testFrom && f.testFrom.startsWith(String(f.year))),
  );
  assert.deepEqual(d.fits.mlp, { fits: 2 * 2 * 2, meanEpochs: 3, meanBestEpoch: 1.5 });
  assert.deepEqual(d.fits.static, { fits: 2 * 2, meanEpochs: 2, meanBestEpoch: 1 });
  assert.equal(d.testFrom, d.folds[0].testFrom);
  assert.equal(d.zoneYellowMax, 9);
});
