import assert from "node:assert/strict";
import { testMatrix } from "../testing/study_matrix_fixture.ts";
import { runOnWorkers } from "../pipeline/workers.ts";
import {
  type FitBatch,
  fitHistory,
  fitJobHandler,
  runFitJob,
  runFitJobs,
  runKey,
  runSeries,
  trainingCurves,
  walkForwardJobs,
} from "./fit_jobs.ts";
import type { ModelParams } from "./model_factory.ts";
import { studyDataset } from "./dataset.ts";
import { makeModel } from "./model_factory.ts";
import { blockFolds } from "./walk_forward.ts";

const DATA = testMatrix(600, 3);
const FOLDS = blockFolds(DATA.dates, { blocks: 2, testShare: 0.3, horizon: 2, embargo: 2, validShare: 0.2 });
const P: ModelParams = {
  tau: 0.9,
  mMin: 0.5,
  mMax: 2,
  linearRidge: 0.01,
  netEpochs: 2,
  netBatch: 64,
  netLr: 0.01,
  netPatience: 2,
  mlpHidden: [3],
};
const MODELS = [
  { model: "static", kind: "static" as const, features: ["a", "b"] },
  { model: "linear", kind: "linear" as const, features: ["a", "b"] },
  { model: "mlpA", kind: "mlp" as const, features: ["a"] },
];
const BATCH: FitBatch = {
  data: { m: DATA },
  folds: { m: FOLDS.map((f) => f.split) },
  jobs: walkForwardJobs("m", FOLDS.length, MODELS, [1, 2]),
  params: P,
};

/** {@link BATCH} on a one-worker pool running `fit_jobs.ts` (as a stage runs it). */
function runBatchOnPool() {
  const { jobs, ...shared } = BATCH;
  return runOnWorkers(jobs, {
    workers: 1,
    script: new URL("./fit_jobs.ts", import.meta.url),
    shared,
    handler: fitJobHandler,
  });
}

Deno.test("walkForwardJobs: fold-major; networks over every seed, the others over the first", () => {
  assert.equal(BATCH.jobs.length, 2 * (1 + 1 + 2));
  assert.deepEqual(BATCH.jobs.slice(0, 4).map((j) => `${j.fold}${j.model}${j.seed}`), [
    "0static1",
    "0linear1",
    "0mlpA1",
    "0mlpA2",
  ]);
  assert.throws(() => walkForwardJobs("m", 0, MODELS, [1]), RangeError);
  assert.throws(() => walkForwardJobs("m", 1, [], [1]), RangeError);
});

Deno.test("runFitJob: the same as fitting the model by hand on the fold", async () => {
  const job = BATCH.jobs[1], sp = FOLDS[0].split;
  const o = await runFitJob(DATA, sp, job, P);
  const m = makeModel("linear", P, 1);
  await m.fit(studyDataset(DATA, sp.train), studyDataset(DATA, sp.valid));
  assert.deepEqual(Array.from(o.m), Array.from(m.predict(studyDataset(DATA, sp.test).x)));
  assert.equal(o.m.length, sp.test.end - sp.test.start);
});

Deno.test("runFitJobs: outcomes do not depend on job order or on the pool, runSeries joins folds", async () => {
  const all = await runFitJobs(BATCH);
  // Reversed order, each job after different predecessors (as on another worker), on a structured clone.
  const reversed = await runFitJobs(structuredClone({ ...BATCH, jobs: [...BATCH.jobs].reverse() }));
  reversed.reverse().forEach((o, k) => assert.deepEqual(Array.from(o.m), Array.from(all[k].m), `job ${k}`));
  const pooled = await runBatchOnPool();
  pooled.forEach((o, k) => assert.deepEqual(Array.from(o.m), Array.from(all[k].m), `pooled job ${k}`));
  const series = runSeries(BATCH.jobs, all);
  const nTest = FOLDS.reduce((s, f) => s + f.split.test.end - f.split.test.start, 0);
  assert.equal(series.size, 4);
  assert.equal(series.get(runKey("m", "mlpA", 2))!.length, nTest);
  assert.deepEqual(
    Array.from(series.get(runKey("m", "linear", 1))!.subarray(0, all[1].m.length)),
    Array.from(all[1].m),
  );
});

Deno.test("runFitJobs / runSeries: a job naming missing data or a missing fold is a RangeError", async () => {
  await assert.rejects(() => runFitJobs({ ...BATCH, jobs: [{ ...BATCH.jobs[0], data: "x" }] }), /data "x"/);
  await assert.rejects(() => runFitJobs({ ...BATCH, jobs: [{ ...BATCH.jobs[0], fold: 9 }] }), /fold 9/);
  const o = { m: new Float64Array(1), epochs: 1, bestEpoch: 1 };
  assert.throws(() => runSeries([{ ...BATCH.jobs[0], fold: 1 }], [o]), /has no fold 0/);
  assert.throws(() => runSeries(BATCH.jobs, [o]), /1 outcomes/);
});

Deno.test("trainingCurves: the networks' loss curves of one fold travel back from the pool, in job order", async () => {
  const jobs = BATCH.jobs;
  const pooled = await runBatchOnPool();
  const curves = trainingCurves(jobs, pooled, 1);
  assert.deepEqual(curves.map((c) => `${c.fold}${c.model}${c.seed}`), ["1mlpA1", "1mlpA2"]);
  for (const c of curves) {
    const o = pooled[jobs.findIndex((j) => j.fold === 1 && j.model === c.model && j.seed === c.seed)];
    assert.equal(c.epochs.length, o.epochs);
    assert.deepEqual(c.epochs, Array.from({ length: o.epochs }, (_, e) => e + 1));
    assert.deepEqual([c.train, c.val], [o.trainLoss, o.validLoss]);
    assert.ok(c.bestEpoch >= 1 && c.bestEpoch <= o.epochs && c.train.every(Number.isFinite));
  }
  // Every kind on request, and a rounding map.
  const all = trainingCurves(jobs, pooled, 0, { kinds: ["static", "linear", "mlp"], round: (x) => Math.round(x) });
  assert.equal(all.length, 4);
  assert.ok(all.every((c) => c.train.every(Number.isInteger)));
  // Outcomes without curves are skipped; a count mismatch is a RangeError.
  const bare = pooled.map(({ m, epochs, bestEpoch }) => ({ m, epochs, bestEpoch }));
  assert.deepEqual(trainingCurves(jobs, bare, 0), []);
  assert.throws(() => trainingCurves(jobs, pooled.slice(1), 0), /outcomes for/);
});

Deno.test("fitHistory: epoch counts and copies of the loss curves", () => {
  const rep = { epochs: 2, bestEpoch: 2, trainLoss: [0.5, 0.4], validLoss: [0.6, 0.55] };
  const h = fitHistory(rep);
  assert.deepEqual(h, rep);
  assert.notEqual(h.trainLoss, rep.trainLoss);
});
