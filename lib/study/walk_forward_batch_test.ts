import assert from "node:assert/strict";
import { addSyntheticPath, coreModelKind, walkForwardBatch } from "./walk_forward_batch.ts";
import { makeCrudePanel } from "../testing/crude_panel_fixture.ts";
import { buildSyntheticPath, syntheticKey } from "./synthetic_path.ts";
import { TEST_WALK_FORWARD, testStudyParams } from "../testing/study_params_fixture.ts";

const P = testStudyParams({
  ...TEST_WALK_FORWARD,
  features: ["rv_20d", "vix", "term_spread"],
  models: ["static", "mlp", "mlpHist"],
});

Deno.test("walkForwardBatch: folds never train on a test year; mlpHist sees only historical features", () => {
  const wf = walkForwardBatch(makeCrudePanel(1000, 1), P);
  const dates = wf.study.long.dates;
  assert.deepEqual(wf.folds.map((f) => f.id), [2012, 2013]);
  for (const f of wf.folds) {
    assert.ok(dates[f.split.valid.end - 1] < `${f.id}-01-01`);
    assert.ok(dates[f.split.test.start].startsWith(String(f.id)));
    assert.ok(f.split.train.end - f.split.train.start >= 250);
  }
  assert.equal(wf.nReal, wf.batch.jobs.length);
  assert.equal(wf.batch.jobs.length, 2 * 2 * (1 + 2 + 2)); // sides × folds × (static + 2 MLP seeds × 2 models)
  for (const j of wf.batch.jobs) {
    assert.deepEqual(j.features, j.model === "mlpHist" ? ["rv_20d", "term_spread"] : P.features);
    assert.equal(j.kind, coreModelKind(j.model));
  }
  assert.deepEqual(wf.histFeatures, ["rv_20d", "term_spread"]);
  // Short is the mirror of long on the same rows.
  assert.deepEqual(wf.study.short.loss, wf.study.long.loss.map((v) => -v));
});

Deno.test("addSyntheticPath: the path's two sides join the batch under their keys, jobs appended", () => {
  const wf = walkForwardBatch(makeCrudePanel(1000, 1), { ...P, models: ["static"], seeds: [1] });
  const sp = { ...P, lookback: 100, seeds: [1], synthDays: 500, synthSeeds: [9], synthPaths: 100 };
  const path = buildSyntheticPath(
    { ...sp, synthModels: ["static"], synthForward: [], synthFolds: 1, synthTestShare: 0.3, features: ["rv_20d"] },
    9,
  );
  const before = wf.batch.jobs.length;
  addSyntheticPath(wf.batch, path, {
    ...sp,
    synthModels: ["static"],
    synthForward: [],
    synthFolds: 1,
    synthTestShare: 0.3,
  });
  assert.equal(wf.batch.data[syntheticKey(9, "short")], path.short.data);
  assert.equal(wf.batch.jobs.length, before + 2);
  assert.deepEqual(wf.batch.jobs.slice(before).map((j) => j.data), [syntheticKey(9, "long"), syntheticKey(9, "short")]);
});
