/**
 * Walk-forward fit jobs with per-job model variants and in-sample predictions, for the equal-coverage study
 * (issue 13 §1, §4). A {@link VariantFitJob} is a {@link FitJob} that may carry a `variant`:
 *
 * - `smoothness` μ (MLP only): the training loss adds `μ·mean(|m_t − m_{t−1}|)` over time-ordered pairs (each
 *   batch row with its previous day's row: the networks' existing smoothness term);
 * - `mMin` / `mMax`: other multiplier bounds, e.g. the add-on-only variant `[1, 1.5]`.
 *
 * Besides the test-row multipliers (`m`, exactly what {@link runFitJob} returns) every outcome carries `pre`: the
 * fitted model's multipliers on the fold's pre-test rows `[train.start, valid.end)`, from which a scale k can be
 * calibrated without touching the test year (the deployable comparison).
 *
 * @example
 * ```ts
 * import { runVariantFitJobs, variantJobs } from "./variant_fit_jobs.ts";
 * import { testMatrix } from "../testing/study_matrix_fixture.ts"; // 600 seeded rows, features "a" and "b"
 * import { blockFolds } from "./walk_forward.ts";
 * const study = testMatrix(600);
 * const folds = blockFolds(study.dates, { blocks: 1, testShare: 0.3, horizon: 2, embargo: 2, validShare: 0.2 });
 * const params = { tau: 0.9, mMin: 0.5, mMax: 2, linearRidge: 0.01 };
 * const jobs = variantJobs("s", 1, [{ model: "addOn", kind: "linear", features: ["a"], variant: { mMin: 1 } }], [1]);
 * const [o] = await runVariantFitJobs({ data: { s: study }, folds: { s: folds.map((f) => f.split) }, jobs, params });
 * console.assert(o.m.every((v) => v >= 1) && o.pre.length === folds[0].split.valid.end - folds[0].split.train.start);
 * ```
 * @module
 */
import { mlp } from "../models/mod.ts";
import type { Forecaster } from "../models/mod.ts";
import type { WorkerHandler } from "../pipeline/workers.ts";
import { studyDataset, type StudyMatrix } from "./dataset.ts";
import { fitHistory, type FitJob, type FitOutcome, type FitShared, type ModelSpec } from "./fit_jobs.ts";
import { historyRows, makeModel, type ModelParams, modelSeeds } from "./model_factory.ts";
import type { Split } from "./split.ts";

/** A model variant: training smoothness (MLP) and multiplier bounds. */
export interface ModelVariant {
  /** Weight μ ≥ 0 of `mean(|m_t − m_{t−1}|)` in the training loss (MLP only). */
  smoothness?: number;
  mMin?: number;
  mMax?: number;
}

/** A fit job with an optional {@link ModelVariant}. */
export interface VariantFitJob extends FitJob {
  variant?: ModelVariant;
}

/** A model of a variant walk-forward: a {@link ModelSpec} with an optional variant. */
export interface VariantModelSpec extends ModelSpec {
  variant?: ModelVariant;
}

/** A fit's test-row multipliers, its pre-test-row multipliers and epoch counts. */
export interface VariantFitOutcome extends FitOutcome {
  /** Multipliers on the fold's rows `[train.start, valid.end)` (in-sample: training and validation). */
  pre: Float64Array;
}

/**
 * A fresh model of `kind` with the variant applied (without a variant: exactly `makeModel(kind, p, seed)`).
 *
 * @throws {RangeError} when smoothness is asked of a model other than the MLP, or from the factory
 * @example
 * ```ts
 * import { makeVariantModel } from "./variant_fit_jobs.ts";
 * const m = makeVariantModel("mlp", { tau: 0.99, mMin: 0.8, mMax: 1.5, netEpochs: 2, netBatch: 32, netLr: 0.01,
 *   netPatience: 2, mlpHidden: [4] }, 1, { smoothness: 5, mMin: 1 });
 * m.dispose();
 * ```
 */
export function makeVariantModel(kind: string, p: ModelParams, seed: number, v?: ModelVariant): Forecaster {
  const q = { ...p, mMin: v?.mMin ?? p.mMin, mMax: v?.mMax ?? p.mMax };
  const mu = v?.smoothness ?? 0;
  if (!(mu >= 0) || !Number.isFinite(mu)) throw new RangeError(`makeVariantModel: smoothness must be >= 0, got ${mu}`);
  if (mu === 0) return makeModel(kind, q, seed);
  if (kind !== "mlp") throw new RangeError(`makeVariantModel: smoothness is for the MLP, got model "${kind}"`);
  const need = (k: keyof ModelParams) => {
    if (q[k] === undefined) throw new RangeError(`makeVariantModel: model "mlp" needs parameter "${k}"`);
    return q[k] as number;
  };
  need("mlpHidden");
  return mlp({
    tau: q.tau,
    mMin: q.mMin,
    mMax: q.mMax,
    seed,
    epochs: need("netEpochs"),
    batchSize: need("netBatch"),
    learningRate: need("netLr"),
    patience: need("netPatience"),
    hidden: q.mlpHidden!,
    smoothness: mu,
  });
}

/**
 * The jobs of a variant walk-forward: every fold × model × seed in fold-major order (networks per seed, the other
 * models with the first seed), each carrying its model's variant.
 *
 * @throws {RangeError} on no folds, models or seeds
 * @example
 * ```ts
 * import { variantJobs } from "./variant_fit_jobs.ts";
 * const jobs = variantJobs("long", 2, [{ model: "mlpSmooth", kind: "mlp", features: ["a"], variant: { smoothness: 1 } }],
 *   [1, 2]);
 * console.assert(jobs.length === 4 && jobs[0].variant?.smoothness === 1);
 * ```
 */
export function variantJobs(
  data: string,
  nFolds: number,
  models: readonly VariantModelSpec[],
  seeds: readonly number[],
): VariantFitJob[] {
  if (!Number.isInteger(nFolds) || nFolds < 1) throw new RangeError(`variantJobs: nFolds must be >= 1, got ${nFolds}`);
  if (models.length === 0) throw new RangeError("variantJobs: no models");
  const out: VariantFitJob[] = [];
  for (let fold = 0; fold < nFolds; fold++) {
    for (const s of models) for (const seed of modelSeeds(s.kind, seeds)) out.push({ data, fold, ...s, seed });
  }
  return out;
}

/**
 * Fit one job and predict its fold's test rows and pre-test rows (sequence models read their history before each
 * range; the history's own predictions are dropped).
 *
 * @throws {RangeError} from the split, the factory or the model's validation
 * @example
 * ```ts
 * import { runVariantFitJob, variantJobs } from "./variant_fit_jobs.ts";
 * import { testMatrix } from "../testing/study_matrix_fixture.ts";
 * import { blockFolds } from "./walk_forward.ts";
 * const study = testMatrix(300);
 * const folds = blockFolds(study.dates, { blocks: 1, testShare: 0.3, horizon: 2, embargo: 2, validShare: 0.2 });
 * const [job] = variantJobs("s", 1, [{ model: "static", kind: "static", features: ["a"] }], [1]);
 * const o = await runVariantFitJob(study, folds[0].split, job, { tau: 0.9, mMin: 0.5, mMax: 2 });
 * console.assert(o.pre.every((v) => v === o.m[0]));
 * ```
 */
export async function runVariantFitJob(
  data: StudyMatrix,
  split: Split,
  job: VariantFitJob,
  params: ModelParams,
): Promise<VariantFitOutcome> {
  const train = studyDataset(data, split.train, job.features);
  const valid = studyDataset(data, split.valid, job.features);
  const model = makeVariantModel(job.kind, params, job.seed, job.variant);
  const hist = historyRows(job.kind, params);
  const predict = (start: number, end: number) => {
    const from = Math.max(0, start - hist);
    return model.predict(studyDataset(data, { start: from, end }, job.features).x).slice(start - from);
  };
  try {
    const rep = await model.fit(train, valid);
    const m = predict(split.test.start, split.test.end);
    const pre = predict(split.train.start, split.valid.end);
    return { m, pre, ...fitHistory(rep) };
  } finally {
    model.dispose();
  }
}

/**
 * The worker handler of variant fit jobs (`serveWorker(variantFitHandler)`; `runOnWorkers(jobs, { shared, handler })`
 * with the batch's data, folds and parameters as `shared`).
 *
 * @throws {RangeError} when the job names a missing matrix or fold, or the fit fails (naming the job)
 * @example
 * ```ts
 * import { variantFitHandler, variantJobs } from "./variant_fit_jobs.ts";
 * import { testMatrix } from "../testing/study_matrix_fixture.ts";
 * import { blockFolds } from "./walk_forward.ts";
 * const study = testMatrix(300);
 * const folds = blockFolds(study.dates, { blocks: 1, testShare: 0.3, horizon: 2, embargo: 2, validShare: 0.2 });
 * const shared = { data: { s: study }, folds: { s: folds.map((f) => f.split) }, params: { tau: 0.9, mMin: 0.5, mMax: 2 } };
 * const [job] = variantJobs("s", 1, [{ model: "static", kind: "static", features: ["a"] }], [1]);
 * const o = await variantFitHandler(job, { shared, index: 0, worker: 0, log: () => {} });
 * console.assert(o.m.every((v) => v === o.m[0]));
 * ```
 */
export const variantFitHandler: WorkerHandler<VariantFitJob, VariantFitOutcome, FitShared> = async (job, ctx) => {
  const { data, folds, params } = ctx.shared;
  const matrix = data[job.data], split = folds[job.data]?.[job.fold];
  if (matrix === undefined || split === undefined) {
    throw new RangeError(`fit job ${ctx.index} names data "${job.data}" fold ${job.fold}, which the batch lacks`);
  }
  try {
    return await runVariantFitJob(matrix, split, job, params);
  } catch (e) {
    const where = `${job.data} fold ${job.fold} ${job.model} seed ${job.seed}`;
    if (e instanceof RangeError) throw new RangeError(`${where}: ${e.message}`);
    throw e;
  }
};

/**
 * Run every job in this process, in order (what `runOnWorkers` does with one worker).
 *
 * @throws {RangeError} from {@link variantFitHandler}
 * @example
 * ```ts
 * import { runVariantFitJobs, variantJobs } from "./variant_fit_jobs.ts";
 * import { testMatrix } from "../testing/study_matrix_fixture.ts";
 * import { blockFolds } from "./walk_forward.ts";
 * const study = testMatrix(300);
 * const folds = blockFolds(study.dates, { blocks: 1, testShare: 0.3, horizon: 2, embargo: 2, validShare: 0.2 });
 * const jobs = variantJobs("s", 1, [{ model: "linear", kind: "linear", features: ["a", "b"] }], [1]);
 * const out = await runVariantFitJobs({ data: { s: study }, folds: { s: folds.map((f) => f.split) }, jobs,
 *   params: { tau: 0.9, mMin: 0.5, mMax: 2, linearRidge: 0.01 } });
 * console.assert(out.length === 1);
 * ```
 */
export async function runVariantFitJobs(
  batch: FitShared & { jobs: VariantFitJob[] },
): Promise<VariantFitOutcome[]> {
  const { jobs, ...shared } = batch;
  const out: VariantFitOutcome[] = [];
  for (const [index, job] of jobs.entries()) {
    out.push(await variantFitHandler(job, { shared, index, worker: 0, log: () => {} }));
  }
  return out;
}

/**
 * Per run (`data|model|seed`), the pre-test multipliers of each fold (`pre[fold]`), as {@link runSeries} joins the
 * test multipliers.
 *
 * @throws {RangeError} when outcomes and jobs differ in number, or a run misses a fold
 * @example
 * ```ts
 * import { runPreSeries, runVariantFitJobs, variantJobs } from "./variant_fit_jobs.ts";
 * import { testMatrix } from "../testing/study_matrix_fixture.ts";
 * import { blockFolds } from "./walk_forward.ts";
 * const study = testMatrix(600);
 * const folds = blockFolds(study.dates, { blocks: 2, testShare: 0.3, horizon: 2, embargo: 2, validShare: 0.2 });
 * const jobs = variantJobs("s", 2, [{ model: "static", kind: "static", features: ["a"] }], [1]);
 * const out = await runVariantFitJobs({ data: { s: study }, folds: { s: folds.map((f) => f.split) }, jobs,
 *   params: { tau: 0.9, mMin: 0.5, mMax: 2 } });
 * console.assert(runPreSeries(jobs, out).get("s|static|1")!.length === 2);
 * ```
 */
export function runPreSeries(
  jobs: readonly FitJob[],
  outcomes: readonly VariantFitOutcome[],
): Map<string, Float64Array[]> {
  if (jobs.length !== outcomes.length) {
    throw new RangeError(`runPreSeries: ${outcomes.length} outcomes for ${jobs.length} jobs`);
  }
  const out = new Map<string, Float64Array[]>();
  jobs.forEach((j, k) => {
    const key = `${j.data}|${j.model}|${j.seed}`;
    if (!out.has(key)) out.set(key, []);
    out.get(key)![j.fold] = outcomes[k].pre;
  });
  for (const [key, p] of out) {
    for (let f = 0; f < p.length; f++) {
      if (p[f] === undefined) throw new RangeError(`runPreSeries: run ${key} has no fold ${f}`);
    }
  }
  return out;
}
