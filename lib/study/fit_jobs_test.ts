import assert from "node:assert/strict";
import { testMatrix } from "../testing/study_matrix_fixture.ts";
import { runOnWorkers } from "../pipeline/workers.ts";
import { type FitBatch, fitJobHandler, runFitJob, runFitJobs, runKey, runSeries, walkForwardJobs } from "./fit_jobs.ts";
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
  const { jobs, ...shared } = BATCH;
  const pooled = await runOnWorkers(jobs, {
    workers: 1,
    script: new URL("./fit_jobs.ts", import.meta.url),
    shared,
    handler: fitJobHandler,
  });
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
