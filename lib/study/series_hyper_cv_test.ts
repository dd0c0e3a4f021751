import assert from "node:assert/strict";
import {
  runSeriesCvJob,
  runTunedBatch,
  seriesChoices,
  seriesCvJobs,
  type SeriesCvShared,
  tunedFitHandler,
  tuningGrids,
  withSeriesHyper,
} from "./series_hyper_cv.ts";
import { variantFitHandler, type VariantFitJob, type VariantFitOutcome, variantJobs } from "./variant_fit_jobs.ts";
import { testMatrix } from "../testing/study_matrix_fixture.ts";
import type { StudyMatrix } from "./dataset.ts";
import type { CvOutcome } from "./cv_fit.ts";

// 900 business days from 2010-01-04 (to mid 2013); the outer fold tests the last rows
const study = testMatrix(900, 3);
const outer = { train: { start: 0, end: 600 }, valid: { start: 602, end: 750 }, test: { start: 752, end: 900 } };
const params = {
  tau: 0.9,
  mMin: 0.5,
  mMax: 2,
  netEpochs: 6,
  netBatch: 64,
  netLr: 0.003,
  netPatience: 2,
  mlpHidden: [4],
  seqLookback: 4,
  lstmUnits: 4,
  mpor: 2,
  embargo: 2,
  cvFolds: 2,
  cvTrainRows: 300,
};
const shared: SeriesCvShared = { data: { s: study }, folds: { s: [outer] }, params };
const mlpGrid = [{ hidden: [4], lr: 0.01, weightDecay: 0 }, { hidden: [6, 3], lr: 0.003, weightDecay: 1e-4 }];
const lstmGrid = [{ hidden: [3], lr: 0.01, weightDecay: 0 }, { hidden: [5], lr: 0.003, weightDecay: 0 }];
const grids = { mlp: mlpGrid, lstm: lstmGrid };
const fitJobs: VariantFitJob[] = variantJobs("s", 1, [
  { model: "static", kind: "static", features: ["a"] },
  { model: "mlp", kind: "mlp", features: ["a", "b"] },
  { model: "mlpSmooth", kind: "mlp", features: ["a", "b"], variant: { smoothness: 1 } },
  { model: "lstm", kind: "lstm", features: ["a", "b"] },
], [1, 2]);
const cvP = { cvFolds: 2, cvTrainRows: 300, seed: 1 };
const ctx = (s: SeriesCvShared) => ({ shared: s, index: 0, worker: 0, log: () => {} });

Deno.test("seriesCvJobs: one job per tuned run, configuration and inner fold; static and untuned runs skipped", () => {
  const cv = seriesCvJobs(fitJobs, grids, cvP);
  assert.equal(cv.length, 3 * 2 * 2); // mlp, mlpSmooth, lstm × 2 configs × 2 inner folds
  assert.deepEqual([...new Set(cv.map((j) => j.model))], ["mlp", "mlpSmooth", "lstm"]);
  assert.ok(cv.every((j) => j.seed === 1 && j.hyper === grids[j.kind as "mlp" | "lstm"][j.config]));
  assert.deepEqual(cv.find((j) => j.model === "mlpSmooth")!.variant, { smoothness: 1 });
  assert.deepEqual(cv.slice(0, 4).map((j) => [j.config, j.inner]), [[0, 0], [0, 1], [1, 0], [1, 1]]);
  assert.equal(seriesCvJobs(fitJobs, grids, cvP, (j) => j.model !== "lstm").length, 8);
});

Deno.test("seriesCvJobs and seriesChoices: errors name the argument", () => {
  assert.throws(() => seriesCvJobs(fitJobs, { mlp: mlpGrid }, cvP), /model "lstm" \(lstm\) is tuned but the lstm grid/);
  assert.throws(() => seriesCvJobs(fitJobs, grids, { ...cvP, cvFolds: 0 }), /cvFolds must be an integer >= 1, got 0/);
  assert.throws(() => seriesCvJobs(fitJobs, grids, { ...cvP, cvTrainRows: 1.5 }), /cvTrainRows must be an integer/);
  const cv = seriesCvJobs(fitJobs, grids, cvP);
  assert.throws(() => seriesChoices(cv, []), /0 outcomes, 12 jobs/);
  const half = cv.filter((j) => j.config === 1 || j.model !== "mlp");
  assert.throws(() => seriesChoices(half, half.map(() => ({ loss: 1 }))), /s#0#mlp has no score for config 0/);
  const withNaN = cv.map((_, k) => ({ loss: k === 3 ? NaN : 1 }));
  assert.throws(() => seriesChoices(cv, withNaN), /loss of configuration 1 fold 1 is NaN/);
});

Deno.test("seriesChoices: the lowest mean inner loss per run, the first on a tie; withSeriesHyper gives it every seed", () => {
  const cv = seriesCvJobs(fitJobs, grids, cvP);
  // mlp: config 1 better on average; mlpSmooth: a tie (keeps 0); lstm: config 0 better
  const loss = (j: (typeof cv)[number]) =>
    j.model === "mlp" ? [[0.3, 0.1], [0.1, 0.2]][j.config][j.inner] : j.model === "lstm" ? j.config : 0.5;
  const c = seriesChoices(cv, cv.map((j) => ({ loss: loss(j) })));
  assert.deepEqual(c.map((x) => [x.model, x.chosen]), [["mlp", 1], ["mlpSmooth", 0], ["lstm", 0]]);
  assert.deepEqual(c[0].meanLoss.map((v) => Math.round(v * 1000)), [200, 150]);
  const tuned = withSeriesHyper(fitJobs, c);
  for (const j of tuned) {
    const want = j.model === "mlp"
      ? mlpGrid[1]
      : j.model === "mlpSmooth"
      ? mlpGrid[0]
      : j.model === "lstm"
      ? lstmGrid[0]
      : undefined;
    assert.equal(j.hyper, want, `${j.model} seed ${j.seed}`);
  }
});

async function cvScores(s: SeriesCvShared): Promise<CvOutcome[]> {
  const out: CvOutcome[] = [];
  for (const j of seriesCvJobs(fitJobs, grids, cvP)) out.push(await runSeriesCvJob(j, s));
  return out;
}

Deno.test("CV: no look-ahead — rows from the outer window's end on change no score (MLP, variant and LSTM)", async () => {
  const a = await cvScores(shared);
  const x = study.x.slice(), r = study.r.slice(), end = outer.valid.end;
  for (let i = end * study.d; i < x.length; i++) x[i] = 1e3;
  for (let i = end; i < r.length; i++) r[i] = -7;
  const b = await cvScores({ ...shared, data: { s: { ...study, x, r } as StudyMatrix } });
  assert.deepEqual(b.map((o) => o.loss), a.map((o) => o.loss));
  assert.ok(a.every((o) => Number.isFinite(o.loss) && o.bestEpoch >= 1 && o.epochs <= params.netEpochs));
  // each inner fold validates on one year of the window and trains on capped rows before it
  assert.ok(a.every((o) => o.nTrain <= 300 && o.nValid >= 20));
  // and the scores move when the window's own rows change (the test can fail)
  const r2 = study.r.slice();
  for (let i = 0; i < end; i++) r2[i] *= 1.5;
  const c = await cvScores({ ...shared, data: { s: { ...study, r: r2 } } });
  assert.notDeepEqual(c.map((o) => o.loss), a.map((o) => o.loss));
});

Deno.test("tunedFitHandler: a configured job is the plain fit with the configuration's parameters; unconfigured is unchanged", async () => {
  const lstmJob = fitJobs.find((j) => j.model === "lstm")!;
  const tuned = await tunedFitHandler({ ...lstmJob, hyper: lstmGrid[1] }, ctx(shared)) as VariantFitOutcome;
  const plain = await variantFitHandler(lstmJob, ctx({ ...shared, params: { ...params, lstmUnits: 5 } }));
  assert.deepEqual(Array.from(tuned.m), Array.from(plain.m));
  const def = await variantFitHandler(lstmJob, ctx(shared));
  assert.notDeepEqual(Array.from(tuned.m), Array.from(def.m));
  const same = await tunedFitHandler(lstmJob, ctx(shared)) as VariantFitOutcome;
  assert.deepEqual(Array.from(same.m), Array.from(def.m));
});

Deno.test("runTunedBatch: CV, choices and configured fits in job order, reproducible", async () => {
  const run = () =>
    runTunedBatch({ ...shared, jobs: fitJobs }, grids, cvP, {
      workers: 1,
      script: new URL("./nowhere.ts", import.meta.url),
      tune: (j) => j.model !== "mlpSmooth",
    });
  const t = await run();
  assert.equal(t.cvJobs.length, 8);
  assert.equal(t.choices.length, 2);
  assert.equal(t.outcomes.length, fitJobs.length);
  for (const j of t.jobs) {
    const c = t.choices.find((x) => x.model === j.model);
    assert.equal(j.hyper, c?.hyper, j.model);
  }
  const u = await run();
  assert.deepEqual(u.choices, t.choices);
  assert.deepEqual(u.outcomes.map((o) => Array.from(o.m)), t.outcomes.map((o) => Array.from(o.m)));
});

Deno.test("tuningGrids: the MLP grid always, the sequence grids only with both sequence lists", () => {
  const base = {
    gridHidden: ["8", "16-8"],
    gridLr: [0.01, 0.003],
    gridWeightDecay: [0, 1e-4],
    cvFolds: 2,
    cvTrainRows: 500,
  };
  const m = tuningGrids(base);
  assert.deepEqual(Object.keys(m), ["mlp"]);
  assert.deepEqual(m.mlp![1], { hidden: [16, 8], lr: 0.003, weightDecay: 1e-4 });
  const s = tuningGrids({ ...base, seqGridWidth: [4, 8], seqGridLr: [0.01, 0.003] });
  assert.deepEqual(s.lstm, [{ hidden: [4], lr: 0.01, weightDecay: 0 }, { hidden: [8], lr: 0.003, weightDecay: 0 }]);
  assert.equal(s.transformer, s.lstm);
  assert.throws(() => tuningGrids({ ...base, seqGridWidth: [4] }), /give both seqGridWidth and seqGridLr/);
  assert.throws(() => tuningGrids({ ...base, gridLr: [0.01] }), /one entry per configuration, got 2, 1, 2/);
});
