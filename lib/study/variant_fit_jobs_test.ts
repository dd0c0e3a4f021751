import assert from "node:assert/strict";
import {
  makeVariantModel,
  runVariantFitJob,
  runVariantFitJobs,
  variantFitHandler,
  variantJobs,
} from "./variant_fit_jobs.ts";
import { runFitJob } from "./fit_jobs.ts";
import { testMatrix } from "../testing/study_matrix_fixture.ts";
import { blockFolds } from "./walk_forward.ts";

const study = testMatrix(600);
const folds = blockFolds(study.dates, { blocks: 2, testShare: 0.3, horizon: 2, embargo: 2, validShare: 0.2 });
const net = { tau: 0.9, mMin: 0.5, mMax: 2, netEpochs: 3, netBatch: 64, netLr: 0.01, netPatience: 3, mlpHidden: [4] };

Deno.test("variant jobs: without a variant the test multipliers are runFitJob's, bit for bit", async () => {
  for (const kind of ["linear", "mlp"] as const) {
    const [job] = variantJobs("s", 1, [{ model: kind, kind, features: ["a", "b"] }], [3]);
    const a = await runVariantFitJob(study, folds[1].split, job, { ...net, linearRidge: 0.01 });
    const b = await runFitJob(study, folds[1].split, job, { ...net, linearRidge: 0.01 });
    assert.deepEqual(a.m, b.m);
    assert.equal(a.pre.length, folds[1].split.valid.end - folds[1].split.train.start);
  }
});

Deno.test("variant jobs: add-on-only bounds hold on test and pre-test rows", async () => {
  const jobs = variantJobs("s", 2, [{ model: "addOn", kind: "mlp", features: ["a", "b"], variant: { mMin: 1 } }], [1]);
  const out = await runVariantFitJobs({
    data: { s: study },
    folds: { s: folds.map((f) => f.split) },
    jobs,
    params: net,
  });
  for (const o of out) assert.ok([...o.m, ...o.pre].every((v) => v >= 1 && v <= 2));
});

Deno.test("variant jobs: a strong smoothness penalty gives a steadier multiplier", async () => {
  const p = { ...net, netEpochs: 20, netPatience: 20, netLr: 0.03 };
  const [plain] = variantJobs("s", 1, [{ model: "m", kind: "mlp", features: ["a", "b"] }], [2]);
  const smooth = { ...plain, variant: { smoothness: 100 } };
  const mad = (m: Float64Array) => m.slice(1).reduce((s, v, i) => s + Math.abs(v - m[i]), 0) / (m.length - 1);
  const a = await runVariantFitJob(study, folds[0].split, plain, p);
  const b = await runVariantFitJob(study, folds[0].split, smooth, p);
  assert.ok(mad(b.m) < mad(a.m), `${mad(b.m)} vs ${mad(a.m)}`);
});

Deno.test("variant jobs: errors name the job or the option", async () => {
  assert.throws(() => makeVariantModel("linear", { ...net, linearRidge: 0.01 }, 1, { smoothness: 1 }), /smoothness/);
  assert.throws(() => makeVariantModel("mlp", net, 1, { smoothness: -1 }), /smoothness/);
  assert.throws(() => variantJobs("s", 0, [{ model: "m", kind: "mlp", features: ["a"] }], [1]), /nFolds/);
  const [job] = variantJobs("x", 1, [{ model: "static", kind: "static", features: ["a"] }], [1]);
  const shared = { data: { s: study }, folds: { s: folds.map((f) => f.split) }, params: net };
  await assert.rejects(
    async () => await variantFitHandler(job, { shared, index: 4, worker: 0, log: () => {} }),
    /job 4/,
  );
});
