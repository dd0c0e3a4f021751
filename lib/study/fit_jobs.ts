/**
 * Walk-forward model fitting as a list of independent jobs. A job names a
 * study matrix, a fold, a model and a seed; it fits the model from
 * {@link makeModel} on the fold's training rows (early stopping on its
 * validation rows) and predicts the fold's test rows. Jobs share no state, so
 * they can run in any order on any worker of `lib/pipeline`'s pool
 * (`runOnWorkers` with {@link fitJobHandler}, the batch's data, folds and
 * parameters as the shared value); the outcomes do not depend on it.
 * Everything in a {@link FitBatch} is structured-cloneable (it can be posted to a Worker).
 *
 * @example
 * ```ts
 * import { runFitJobs, runKey, runSeries, walkForwardJobs } from "./fit_jobs.ts";
 * import { testMatrix } from "../testing/study_matrix_fixture.ts"; // 600 seeded rows, features "a" and "b"
 * import { blockFolds, foldRows } from "./walk_forward.ts";
 * const study = testMatrix(600);
 * const folds = blockFolds(study.dates, { blocks: 2, testShare: 0.3, horizon: 2, embargo: 2, validShare: 0.2 });
 * const params = { tau: 0.9, mMin: 0.5, mMax: 2, linearRidge: 0.01, netEpochs: 2, netBatch: 64, netLr: 0.01,
 *   netPatience: 2, mlpHidden: [4] };
 * const models = [{ model: "linear", kind: "linear" as const, features: ["a", "b"] },
 *   { model: "mlpA", kind: "mlp" as const, features: ["a"] }];
 * const jobs = walkForwardJobs("s", folds.length, models, [1, 2]); // linear once, the MLP per seed
 * const out = await runFitJobs({ data: { s: study }, folds: { s: folds.map((f) => f.split) }, jobs, params });
 * const mlp2 = runSeries(jobs, out).get(runKey("s", "mlpA", 2))!;
 * console.assert(mlp2.length === foldRows(folds).length);
 * ```
 * @module
 */
import { studyDataset, type StudyMatrix } from "./dataset.ts";
import {
  historyRows,
  makeModel,
  type ModelKind,
  type ModelParams,
  modelSeeds,
  NETWORK_KINDS,
} from "./model_factory.ts";
import type { Split } from "./split.ts";
import { concatFolds } from "./walk_forward.ts";
import type { WorkerHandler } from "../pipeline/workers.ts";

/** One fit: model `kind` (reported as `model`) with `seed` on fold `fold` of study matrix `data`. */
export interface FitJob {
  /** Key of the study matrix in {@link FitBatch.data}. */
  data: string;
  /** Index of the fold in `FitBatch.folds[data]`. */
  fold: number;
  /** Name the run is reported under (e.g. "mlpHist" for an MLP on historical features). */
  model: string;
  kind: ModelKind;
  seed: number;
  /** Feature columns the model sees (names of the study matrix). */
  features: readonly string[];
}

/** What one job returns: the test-row multipliers, the fit's epoch counts and (optionally) its loss curves. */
export interface FitOutcome {
  m: Float64Array;
  epochs: number;
  bestEpoch: number;
  /** Training loss per epoch (the model's fit report; one value for non-iterative models). */
  trainLoss?: number[];
  /** Validation loss per epoch. */
  validLoss?: number[];
}

/** Study matrices, their folds, the jobs and the model parameters. */
export interface FitBatch {
  data: Record<string, StudyMatrix>;
  folds: Record<string, Split[]>;
  jobs: FitJob[];
  params: ModelParams;
}

/** A model of a walk-forward: its reported name, kind and feature columns. */
export interface ModelSpec {
  model: string;
  kind: ModelKind;
  features: readonly string[];
}

/**
 * The jobs of a walk-forward on one study matrix: every fold × model × seed, with the
 * networks fitted once per seed and the other models with the first seed only
 * ({@link modelSeeds}); fold-major order.
 *
 * @throws {RangeError} on no folds, models or seeds
 * @example
 * ```ts
 * const jobs = walkForwardJobs("long", 2, [{ model: "linear", kind: "linear", features: ["rv_20d"] }], [1, 2]);
 * console.assert(jobs.length === 2); // two folds, one seed for a non-network
 * ```
 */
export function walkForwardJobs(
  data: string,
  nFolds: number,
  models: readonly ModelSpec[],
  seeds: readonly number[],
): FitJob[] {
  if (!Number.isInteger(nFolds) || nFolds < 1) {
    throw new RangeError(`walkForwardJobs: nFolds must be >= 1, got ${nFolds}`);
  }
  if (models.length === 0) throw new RangeError("walkForwardJobs: no models");
  const out: FitJob[] = [];
  for (let fold = 0; fold < nFolds; fold++) {
    for (const s of models) {
      for (const seed of modelSeeds(s.kind, seeds)) out.push({ data, fold, ...s, seed });
    }
  }
  return out;
}

/**
 * Fit and predict one job. Sequence models also receive the `seqLookback − 1` rows
 * before the first test row as context; their predictions are dropped.
 *
 * @throws {RangeError} from the split, the factory or the model's validation
 * @example
 * ```ts
 * import { testMatrix } from "../testing/study_matrix_fixture.ts"; // 600 seeded rows, features "a" and "b"
 * import { blockFolds } from "./walk_forward.ts";
 * const study = testMatrix(600);
 * const folds = blockFolds(study.dates, { blocks: 2, testShare: 0.3, horizon: 2, embargo: 2, validShare: 0.2 });
 * const params = { tau: 0.9, mMin: 0.5, mMax: 2, linearRidge: 0.01 };
 * const jobs = walkForwardJobs("s", folds.length, [{ model: "linear", kind: "linear", features: ["a", "b"] }], [1]);
 * const batch = { data: { s: study }, folds: { s: folds.map((f) => f.split) }, jobs, params };
 * const o = await runFitJob(study, folds[0].split, jobs[0], params);
 * console.assert(o.m.length === folds[0].split.test.end - folds[0].split.test.start);
 * ```
 */
export async function runFitJob(
  data: StudyMatrix,
  split: Split,
  job: FitJob,
  params: ModelParams,
): Promise<FitOutcome> {
  const train = studyDataset(data, split.train, job.features);
  const valid = studyDataset(data, split.valid, job.features);
  const model = makeModel(job.kind, params, job.seed);
  try {
    const rep = await model.fit(train, valid);
    const from = Math.max(0, split.test.start - historyRows(job.kind, params));
    const test = studyDataset(data, { start: from, end: split.test.end }, job.features);
    const m = model.predict(test.x).slice(split.test.start - from);
    return { m, ...fitHistory(rep) };
  } finally {
    model.dispose();
  }
}

/** What every fit worker receives once: a batch without its jobs. */
export type FitShared = Omit<FitBatch, "jobs">;

/**
 * Fit one job of a batch whose data, folds and parameters are `ctx.shared` (the worker handler of the fit jobs:
 * `serveWorker(fitJobHandler)` in a worker script, `runOnWorkers(batch.jobs, { shared, handler: fitJobHandler, … })`).
 *
 * @throws {RangeError} when the job names a missing matrix or fold, or the fit fails on its input (naming the job)
 * @example
 * ```ts
 * import { fitJobHandler, walkForwardJobs } from "./fit_jobs.ts";
 * import { testMatrix } from "../testing/study_matrix_fixture.ts";
 * import { blockFolds } from "./walk_forward.ts";
 * const study = testMatrix(300);
 * const folds = blockFolds(study.dates, { blocks: 1, testShare: 0.3, horizon: 2, embargo: 2, validShare: 0.2 });
 * const shared = { data: { s: study }, folds: { s: folds.map((f) => f.split) }, params: { tau: 0.9, mMin: 0.5,
 *   mMax: 2 } };
 * const [job] = walkForwardJobs("s", 1, [{ model: "static", kind: "static", features: ["a"] }], [1]);
 * const o = await fitJobHandler(job, { shared, index: 0, worker: 0, log: () => {} });
 * console.assert(o.m.every((v) => v === o.m[0]));
 * ```
 */
export const fitJobHandler: WorkerHandler<FitJob, FitOutcome, FitShared> = async (job, ctx) => {
  const { data, folds, params } = ctx.shared;
  const matrix = data[job.data], split = folds[job.data]?.[job.fold];
  if (matrix === undefined || split === undefined) {
    throw new RangeError(`fit job ${ctx.index} names data "${job.data}" fold ${job.fold}, which the batch lacks`);
  }
  try {
    return await runFitJob(matrix, split, job, params);
  } catch (e) {
    const where = `${job.data} fold ${job.fold} ${job.model} seed ${job.seed}`;
    if (e instanceof RangeError) throw new RangeError(`${where}: ${e.message}`);
    throw e;
  }
};

/**
 * Run every job of a batch in this process, in order (what `runOnWorkers` does with one worker).
 *
 * @throws {RangeError} from {@link fitJobHandler}
 * @example
 * ```ts
 * import { runFitJobs, walkForwardJobs } from "./fit_jobs.ts";
 * import { testMatrix } from "../testing/study_matrix_fixture.ts"; // 600 seeded rows, features "a" and "b"
 * import { blockFolds } from "./walk_forward.ts";
 * const study = testMatrix(600);
 * const folds = blockFolds(study.dates, { blocks: 2, testShare: 0.3, horizon: 2, embargo: 2, validShare: 0.2 });
 * const params = { tau: 0.9, mMin: 0.5, mMax: 2, linearRidge: 0.01 };
 * const jobs = walkForwardJobs("s", folds.length, [{ model: "linear", kind: "linear", features: ["a", "b"] }], [1]);
 * const out = await runFitJobs({ data: { s: study }, folds: { s: folds.map((f) => f.split) }, jobs, params });
 * console.assert(out.length === jobs.length);
 * ```
 */
export async function runFitJobs(batch: FitBatch): Promise<FitOutcome[]> {
  const { jobs, ...shared } = batch;
  const out: FitOutcome[] = [];
  for (const [index, job] of jobs.entries()) {
    out.push(await fitJobHandler(job, { shared, index, worker: 0, log: () => {} }));
  }
  return out;
}

/**
 * Per run (`data|model|seed`), the test multipliers of its folds joined in fold order.
 *
 * @throws {RangeError} when outcomes and jobs differ in number, or a run misses a fold
 * @example
 * ```ts
 * import { testMatrix } from "../testing/study_matrix_fixture.ts"; // 600 seeded rows, features "a" and "b"
 * import { blockFolds } from "./walk_forward.ts";
 * const study = testMatrix(600);
 * const folds = blockFolds(study.dates, { blocks: 2, testShare: 0.3, horizon: 2, embargo: 2, validShare: 0.2 });
 * const params = { tau: 0.9, mMin: 0.5, mMax: 2, linearRidge: 0.01 };
 * const jobs = walkForwardJobs("s", folds.length, [{ model: "linear", kind: "linear", features: ["a", "b"] }], [1]);
 * const batch = { data: { s: study }, folds: { s: folds.map((f) => f.split) }, jobs, params };
 * const runs = runSeries(jobs, await runFitJobs(batch));
 * console.assert(runs.get(runKey("s", "linear", 1))!.length === 2 * Math.floor(0.3 * 600 / 2)); // all test rows
 * ```
 */
export function runSeries(jobs: readonly FitJob[], outcomes: readonly FitOutcome[]): Map<string, Float64Array> {
  if (jobs.length !== outcomes.length) {
    throw new RangeError(`runSeries: ${outcomes.length} outcomes for ${jobs.length} jobs`);
  }
  const parts = new Map<string, Float64Array[]>();
  jobs.forEach((j, k) => {
    const key = runKey(j.data, j.model, j.seed);
    if (!parts.has(key)) parts.set(key, []);
    parts.get(key)![j.fold] = outcomes[k].m;
  });
  const out = new Map<string, Float64Array>();
  for (const [key, p] of parts) {
    for (let f = 0; f < p.length; f++) {
      if (p[f] === undefined) throw new RangeError(`runSeries: run ${key} has no fold ${f}`);
    }
    out.set(key, concatFolds(p));
  }
  return out;
}

/**
 * The epoch counts and loss curves of a fit report, as a {@link FitOutcome} carries them (plain arrays: they travel
 * back from worker threads).
 *
 * @example
 * ```ts
 * import { fitHistory } from "./fit_jobs.ts";
 * const h = fitHistory({ epochs: 2, bestEpoch: 1, trainLoss: [0.3, 0.2], validLoss: [0.4, 0.5] });
 * console.assert(h.bestEpoch === 1 && h.validLoss.length === 2);
 * ```
 */
export function fitHistory(
  rep: { epochs: number; bestEpoch: number; trainLoss: readonly number[]; validLoss: readonly number[] },
): { epochs: number; bestEpoch: number; trainLoss: number[]; validLoss: number[] } {
  return { epochs: rep.epochs, bestEpoch: rep.bestEpoch, trainLoss: [...rep.trainLoss], validLoss: [...rep.validLoss] };
}

/** One fit's training curve ({@link trainingCurves}). */
export interface TrainingCurve {
  /** Study matrix key of the job (e.g. "long", "fhs|short"). */
  data: string;
  model: string;
  kind: ModelKind;
  fold: number;
  seed: number;
  /** Epochs 1..n. */
  epochs: number[];
  train: number[];
  val: number[];
  /** The epoch whose weights were kept, 1-based. */
  bestEpoch: number;
}

/**
 * The training curves of the jobs on fold `fold` whose kind is one of `kinds` (default: the networks mlp, lstm,
 * transformer), in job order; jobs whose outcome carries no loss curve are skipped. `round` maps every loss value
 * (default: unchanged).
 *
 * @throws {RangeError} when outcomes and jobs differ in number
 * @example
 * ```ts
 * import { trainingCurves } from "./fit_jobs.ts";
 * const jobs = [{ data: "long", fold: 0, model: "mlp", kind: "mlp" as const, seed: 1, features: ["a"] }];
 * const out = [{ m: new Float64Array(0), epochs: 2, bestEpoch: 1, trainLoss: [0.3, 0.2], validLoss: [0.4, 0.5] }];
 * const [c] = trainingCurves(jobs, out, 0);
 * console.assert(c.epochs.join() === "1,2" && c.bestEpoch === 1);
 * ```
 */
export function trainingCurves(
  jobs: readonly FitJob[],
  outcomes: readonly FitOutcome[],
  fold: number,
  opts: { kinds?: readonly ModelKind[]; round?: (x: number) => number } = {},
): TrainingCurve[] {
  if (jobs.length !== outcomes.length) {
    throw new RangeError(`trainingCurves: ${outcomes.length} outcomes for ${jobs.length} jobs`);
  }
  const kinds: readonly string[] = opts.kinds ?? NETWORK_KINDS;
  const round = opts.round ?? ((x: number) => x);
  const out: TrainingCurve[] = [];
  jobs.forEach((j, k) => {
    const o = outcomes[k];
    if (j.fold !== fold || !kinds.includes(j.kind) || o.trainLoss === undefined || o.validLoss === undefined) return;
    out.push({
      data: j.data,
      model: j.model,
      kind: j.kind,
      fold: j.fold,
      seed: j.seed,
      epochs: o.trainLoss.map((_, e) => e + 1),
      train: o.trainLoss.map(round),
      val: o.validLoss.map(round),
      bestEpoch: o.bestEpoch,
    });
  });
  return out;
}

/**
 * Key of one run in {@link runSeries}.
 *
 * @example
 * ```ts
 * console.assert(runKey("long", "mlp", 3) === "long|mlp|3");
 * ```
 */
export function runKey(data: string, model: string, seed: number): string {
  return `${data}|${model}|${seed}`;
}
