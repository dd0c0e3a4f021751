import assert from "node:assert/strict";
import { innerSplit, scoreCvFit } from "./cv_fit.ts";
import { studyDataset } from "./dataset.ts";
import { makeModel } from "./model_factory.ts";
import { testMatrix } from "../testing/study_matrix_fixture.ts";
import type { Forecaster } from "../models/mod.ts";

const study = testMatrix(900, 2);
const outer = { train: { start: 100, end: 600 }, valid: { start: 602, end: 750 }, test: { start: 752, end: 900 } };

Deno.test("innerSplit: inner folds inside the outer fitting rows, embargoed, one validation year each", () => {
  const p = { cvFolds: 2, cvTrainRows: 1000, horizon: 2, embargo: 3 };
  const [a, b] = [0, 1].map((k) => innerSplit(study.dates, outer, k, p));
  for (const s of [a, b]) {
    assert.ok(s.train.start >= outer.train.start && s.valid.end <= outer.valid.end);
    assert.equal(s.train.end + 2 + 3, s.valid.start);
    assert.equal(study.dates[s.valid.start].slice(0, 4), study.dates[s.valid.end - 1].slice(0, 4));
    assert.equal(s.test.start, s.test.end);
  }
  assert.equal(a.valid.end, b.valid.start);
  assert.throws(() => innerSplit(study.dates, outer, 2, p), /inner fold 2 of 2/);
  // periods of cvValidRows rows ending at the window's end instead of calendar years
  const [c, d] = [0, 1].map((k) => innerSplit(study.dates, outer, k, { ...p, cvValidRows: 60 }));
  assert.deepEqual([c.valid, d.valid], [{ start: 630, end: 690 }, { start: 690, end: 750 }]);
  assert.deepEqual(c.train, { start: 100, end: 625 });
});

Deno.test("scoreCvFit: the kept epoch's validation pinball, the curves, and the model disposed even on failure", async () => {
  const q = { tau: 0.9, mMin: 0.5, mMax: 2, netEpochs: 5, netBatch: 64, netLr: 0.01, netPatience: 2, mlpHidden: [4] };
  const train = studyDataset(study, { start: 0, end: 400 }), valid = studyDataset(study, { start: 404, end: 600 });
  const o = await scoreCvFit(makeModel("mlp", q, 1), train, valid);
  assert.equal(o.validLoss.length, o.epochs);
  assert.ok(o.bestEpoch >= 1 && o.bestEpoch <= o.epochs);
  assert.ok(Math.abs(o.loss - o.validLoss[o.bestEpoch - 1]) < 1e-6 * Math.max(1, o.loss));
  assert.deepEqual([o.nTrain, o.nValid], [400, 196]);
  assert.deepEqual((await scoreCvFit(makeModel("mlp", q, 1), train, valid, { nTrain: 7, nValid: 8 })).nTrain, 7);
  let disposed = 0;
  const failing = {
    fit: () => Promise.reject(new RangeError("bad rows")),
    dispose: () => disposed++,
  } as unknown as Forecaster;
  await assert.rejects(() => scoreCvFit(failing, train, valid), /bad rows/);
  assert.equal(disposed, 1);
});
