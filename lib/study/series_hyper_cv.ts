/**
 * Hyper-parameters of a single-series walk-forward's networks by rolling-origin cross-validation inside each training
 * window (issue 14 §2), for the core study's MLPs (every variant), LSTM and Transformer. Every tuned run — a data key
 * (e.g. `long`, `fhs|short`), an outer fold and a model name — gets one {@link SeriesCvJob} per configuration of its
 * kind's grid and inner fold: {@link innerSplit} of the outer fold (one of the window's last `cvFolds` years
 * validates; at most `cvTrainRows` rows before it train, ending `mpor + embargo` rows earlier; nothing at or after
 * the outer window's end is read), the run's own model and variant with the configuration ({@link hyperParams}),
 * one seed, early stopping on the inner validation year, scored by the kept epoch's validation pinball loss.
 * {@link seriesChoices} keeps, per run, the configuration with the lowest mean score ({@link chooseConfig});
 * {@link withSeriesHyper} gives every seed of that run the choice; {@link tunedFitHandler} serves both kinds of job
 * on the worker pool and {@link runTunedBatch} runs the whole sequence.
 *
 * Sequence models need nothing special: like the outer fits, each inner fit's windows are built from its own
 * training or validation rows (the first rows edge-padded), so no window crosses the inner embargo.
 *
 * @example
 * ```ts
 * import { seriesCvJobs } from "./series_hyper_cv.ts";
 * const jobs = [1, 2].map((seed) => ({ data: "long", fold: 0, model: "mlp", kind: "mlp" as const, seed,
 *   features: ["a"] }));
 * const grid = [{ hidden: [4], lr: 0.01, weightDecay: 0 }, { hidden: [8], lr: 0.003, weightDecay: 0 }];
 * const cv = seriesCvJobs(jobs, { mlp: grid }, { cvFolds: 2, cvTrainRows: 500, seed: 1 });
 * console.assert(cv.length === 4 && cv[3].config === 1 && cv[3].inner === 1);
 * ```
 * @module
 */
import { checkInt } from "../core/check.ts";
import { chooseConfig, type HyperConfig, hyperGrid } from "../evaluation/hyper_search.ts";
import { runOnWorkers, type WorkerHandler } from "../pipeline/workers.ts";
import { type CvOutcome, innerSplit, scoreCvFit } from "./cv_fit.ts";
import { studyDataset } from "./dataset.ts";
import type { FitShared } from "./fit_jobs.ts";
import { hyperParams } from "./hyper_params.ts";
import { isNetwork, type ModelKind, type ModelParams } from "./model_factory.ts";
import type { TuningParams } from "./study_params.ts";
import {
  makeVariantModel,
  type ModelVariant,
  variantFitHandler,
  type VariantFitJob,
  type VariantFitOutcome,
} from "./variant_fit_jobs.ts";

/** The grid of each tuned network kind. */
export type KindGrids = Partial<Record<ModelKind, readonly HyperConfig[]>>;

/**
 * The grids of a study's parameters ({@link TuningParams}): the MLP's from `gridHidden`, `gridLr` and
 * `gridWeightDecay`; when `seqGridWidth` and `seqGridLr` are given, the LSTM's and the Transformer's from them (no
 * weight decay).
 *
 * @throws {RangeError} from `hyperGrid` (naming the list and index) on lists of different lengths or a bad entry, or
 *   when only one of the two sequence lists is given
 * @example
 * ```ts
 * import { tuningGrids } from "./series_hyper_cv.ts";
 * const g = tuningGrids({ gridHidden: ["16-8", "32"], gridLr: [0.003, 0.01], gridWeightDecay: [0, 1e-4],
 *   seqGridWidth: [8], seqGridLr: [0.003], cvFolds: 2, cvTrainRows: 1000 });
 * console.assert(g.mlp!.length === 2 && g.lstm![0].hidden[0] === 8 && g.transformer![0].weightDecay === 0);
 * ```
 */
export function tuningGrids(p: TuningParams): KindGrids {
  const mlp = hyperGrid({ hidden: p.gridHidden, lr: p.gridLr, weightDecay: p.gridWeightDecay });
  if (p.seqGridWidth === undefined && p.seqGridLr === undefined) return { mlp };
  if (p.seqGridWidth === undefined || p.seqGridLr === undefined) {
    throw new RangeError(
      "tuningGrids (lib/study/series_hyper_cv.ts): give both seqGridWidth and seqGridLr, or neither",
    );
  }
  const seq = hyperGrid({
    hidden: p.seqGridWidth.map(String),
    lr: p.seqGridLr,
    weightDecay: p.seqGridWidth.map(() => 0),
  });
  return { mlp, lstm: seq, transformer: seq };
}

/** Inner cross-validation settings. */
export interface SeriesCvParams {
  /** Inner folds: the last `cvFolds` years of each training window, one validation year each. */
  cvFolds: number;
  /** Most training rows per inner fold (the latest before the validation year). */
  cvTrainRows: number;
  /** Seed of the CV fits (the choice then applies to every seed). */
  seed: number;
}

/** One CV fit: a configuration of a run's grid on one inner fold of the run's outer fold. */
export interface SeriesCvJob {
  cv: true;
  /** The run: data key, outer fold, model name, kind, features and variant. */
  data: string;
  fold: number;
  model: string;
  kind: ModelKind;
  features: readonly string[];
  variant?: ModelVariant;
  config: number;
  inner: number;
  seed: number;
  hyper: HyperConfig;
}

/** A fit job with an optional network configuration. */
export type TunedFitJob = VariantFitJob & { hyper?: HyperConfig };

/** What the CV fits need beyond the model parameters. */
export type SeriesCvShared = FitShared & {
  params: ModelParams & { mpor: number; embargo: number; cvFolds: number; cvTrainRows: number; cvValidRows?: number };
};

const runKey = (j: { data: string; fold: number; model: string }) => `${j.data}#${j.fold}#${j.model}`;

/**
 * The CV jobs of every run (data, fold, model) of a network kind among `jobs` that `tune` accepts (default: all), in
 * the order the runs first appear, then configuration, then inner fold.
 *
 * @throws {RangeError} on `cvFolds` or `cvTrainRows` < 1, a tuned network kind without a grid (naming the model), or
 *   an empty grid
 * @example
 * ```ts
 * import { seriesCvJobs } from "./series_hyper_cv.ts";
 * const jobs = [{ data: "synthetic1|long", fold: 0, model: "mlp", kind: "mlp" as const, seed: 1, features: ["a"] }];
 * const cv = seriesCvJobs(jobs, {}, { cvFolds: 1, cvTrainRows: 500, seed: 1 }, (j) => j.data === "long");
 * console.assert(cv.length === 0); // nothing to tune
 * ```
 */
export function seriesCvJobs(
  jobs: readonly VariantFitJob[],
  grids: KindGrids,
  p: SeriesCvParams,
  tune: (job: VariantFitJob) => boolean = () => true,
): SeriesCvJob[] {
  const fn = "seriesCvJobs (lib/study/series_hyper_cv.ts)";
  for (const k of ["cvFolds", "cvTrainRows"] as const) checkInt(fn, k, p[k], 1);
  const seen = new Set<string>(), out: SeriesCvJob[] = [];
  for (const j of jobs) {
    if (!isNetwork(j.kind) || !tune(j) || seen.has(runKey(j))) continue;
    seen.add(runKey(j));
    const grid = grids[j.kind];
    if (grid === undefined || grid.length === 0) {
      throw new RangeError(`${fn}: model "${j.model}" (${j.kind}) is tuned but the ${j.kind} grid is empty`);
    }
    grid.forEach((hyper, config) => {
      for (let inner = 0; inner < p.cvFolds; inner++) {
        const { data, fold, model, kind, features, variant } = j;
        out.push({
          cv: true,
          data,
          fold,
          model,
          kind,
          features,
          ...(variant && { variant }),
          config,
          inner,
          seed: p.seed,
          hyper,
        });
      }
    });
  }
  return out;
}

/**
 * Fit one CV job: the run's model and variant with the job's configuration on the inner fold.
 *
 * @throws {RangeError} naming the job on a missing matrix or fold, or from the folds and the fit
 * @example
 * ```ts
 * import { runSeriesCvJob, seriesCvJobs } from "./series_hyper_cv.ts";
 * import { testMatrix } from "../testing/study_matrix_fixture.ts";
 * const study = testMatrix(900);
 * const outer = { train: { start: 0, end: 600 }, valid: { start: 602, end: 750 }, test: { start: 752, end: 900 } };
 * const jobs = [{ data: "s", fold: 0, model: "mlp", kind: "mlp" as const, seed: 1, features: ["a", "b"] }];
 * const [cv] = seriesCvJobs(jobs, { mlp: [{ hidden: [4], lr: 0.01, weightDecay: 0 }] },
 *   { cvFolds: 1, cvTrainRows: 400, seed: 1 });
 * const o = await runSeriesCvJob(cv, { data: { s: study }, folds: { s: [outer] }, params: { tau: 0.9, mMin: 0.5,
 *   mMax: 2, netEpochs: 2, netBatch: 64, netLr: 0.003, netPatience: 2, mpor: 2, embargo: 2, cvFolds: 1,
 *   cvTrainRows: 400 } });
 * console.assert(Number.isFinite(o.loss) && o.nTrain === 400);
 * ```
 */
export async function runSeriesCvJob(job: SeriesCvJob, shared: SeriesCvShared): Promise<CvOutcome> {
  const p = shared.params, study = shared.data[job.data], outer = shared.folds[job.data]?.[job.fold];
  const where = `CV job ${job.data} fold ${job.fold} ${job.model} config ${job.config} inner ${job.inner}`;
  try {
    if (study === undefined || outer === undefined) throw new RangeError("data or fold missing from the batch");
    const split = innerSplit(study.dates, outer, job.inner, { ...p, horizon: p.mpor });
    const model = makeVariantModel(job.kind, hyperParams(p, job.hyper, job.kind), job.seed, job.variant);
    return await scoreCvFit(
      model,
      studyDataset(study, split.train, job.features),
      studyDataset(study, split.valid, job.features),
    );
  } catch (e) {
    if (e instanceof RangeError) throw new RangeError(`${where}: ${e.message}`);
    throw e;
  }
}

/** Per run: every configuration's inner-fold scores, their means and the chosen configuration. */
export interface SeriesChoice {
  data: string;
  fold: number;
  model: string;
  kind: ModelKind;
  /** `losses[config][inner]`. */
  losses: number[][];
  meanLoss: number[];
  chosen: number;
  hyper: HyperConfig;
}

/**
 * The configuration chosen per run from the CV outcomes (runs in job order).
 *
 * @throws {RangeError} when jobs and outcomes differ in number, or from `chooseConfig` (a missing or non-finite score)
 * @example
 * ```ts
 * import { seriesChoices } from "./series_hyper_cv.ts";
 * const grid = [{ hidden: [4], lr: 0.01, weightDecay: 0 }, { hidden: [8], lr: 0.01, weightDecay: 0 }];
 * const jobs = [0, 1].map((config) => ({ data: "long", fold: 0, model: "mlp", kind: "mlp", config, inner: 0,
 *   hyper: grid[config] })) as never[];
 * const [c] = seriesChoices(jobs, [{ loss: 0.2 }, { loss: 0.1 }] as never[]);
 * console.assert(c.chosen === 1 && c.hyper.hidden[0] === 8);
 * ```
 */
export function seriesChoices(
  jobs: readonly SeriesCvJob[],
  outcomes: readonly Pick<CvOutcome, "loss">[],
): SeriesChoice[] {
  if (jobs.length !== outcomes.length) {
    throw new RangeError(`seriesChoices: ${outcomes.length} outcomes, ${jobs.length} jobs`);
  }
  const runs = new Map<string, { job: SeriesCvJob; losses: number[][]; grid: HyperConfig[] }>();
  jobs.forEach((j, k) => {
    const r = runs.get(runKey(j)) ?? { job: j, losses: [], grid: [] };
    runs.set(runKey(j), r);
    (r.losses[j.config] ??= [])[j.inner] = outcomes[k].loss;
    r.grid[j.config] = j.hyper;
  });
  return [...runs.values()].map(({ job, losses, grid }) => {
    for (let c = 0; c < grid.length; c++) {
      if (losses[c] === undefined) throw new RangeError(`seriesChoices: ${runKey(job)} has no score for config ${c}`);
    }
    const c = chooseConfig(losses);
    const { data, fold, model, kind } = job;
    return { data, fold, model, kind, losses, meanLoss: c.meanLoss, chosen: c.index, hyper: grid[c.index] };
  });
}

/**
 * The jobs with every job of a tuned run given the run's chosen configuration; other jobs unchanged.
 *
 * @example
 * ```ts
 * import { withSeriesHyper } from "./series_hyper_cv.ts";
 * const hyper = { hidden: [8], lr: 0.01, weightDecay: 0 };
 * const job = { data: "long", fold: 0, model: "mlp", kind: "mlp" as const, seed: 2, features: ["a"] };
 * const [j] = withSeriesHyper([job], [{ data: "long", fold: 0, model: "mlp", kind: "mlp", losses: [[0.1]],
 *   meanLoss: [0.1], chosen: 0, hyper }]);
 * console.assert(j.hyper === hyper);
 * ```
 */
export function withSeriesHyper(
  jobs: readonly VariantFitJob[],
  choices: readonly SeriesChoice[],
): TunedFitJob[] {
  const byRun = new Map(choices.map((c) => [runKey(c), c.hyper]));
  return jobs.map((j) => {
    const hyper = byRun.get(runKey(j));
    return hyper === undefined ? j : { ...j, hyper };
  });
}

/**
 * The worker handler of a tuned batch: CV jobs ({@link runSeriesCvJob}) and fit jobs ({@link variantFitHandler}),
 * the latter with their configuration's parameters when they carry one.
 *
 * @throws {RangeError} naming the job (from the CV fit or the fit handler)
 * @example
 * ```ts
 * import { tunedFitHandler } from "./series_hyper_cv.ts";
 * import { testMatrix } from "../testing/study_matrix_fixture.ts";
 * const study = testMatrix(300);
 * const split = { train: { start: 0, end: 150 }, valid: { start: 152, end: 200 }, test: { start: 202, end: 300 } };
 * const shared = { data: { s: study }, folds: { s: [split] }, params: { tau: 0.9, mMin: 0.5, mMax: 2,
 *   netEpochs: 2, netBatch: 64, netLr: 0.01, netPatience: 2, mlpHidden: [16] } };
 * const job = { data: "s", fold: 0, model: "mlp", kind: "mlp" as const, seed: 1, features: ["a"],
 *   hyper: { hidden: [2], lr: 0.01, weightDecay: 0 } };
 * const o = await tunedFitHandler(job, { shared, index: 0, worker: 0, log: () => {} });
 * console.assert("m" in o && o.m.length === 98);
 * ```
 */
export const tunedFitHandler: WorkerHandler<
  SeriesCvJob | TunedFitJob,
  CvOutcome | VariantFitOutcome,
  FitShared
> = async (job, ctx) => {
  if ("cv" in job) return await runSeriesCvJob(job, ctx.shared as SeriesCvShared);
  if (job.hyper === undefined) return await variantFitHandler(job, ctx);
  const params = hyperParams(ctx.shared.params, job.hyper, job.kind);
  return await variantFitHandler(job, { ...ctx, shared: { ...ctx.shared, params } });
};

/** What {@link runTunedBatch} returns: the CV jobs, their outcomes, the choices, and the configured fits. */
export interface TunedBatch {
  cvJobs: SeriesCvJob[];
  cvOutcomes: CvOutcome[];
  choices: SeriesChoice[];
  jobs: TunedFitJob[];
  outcomes: VariantFitOutcome[];
}

/**
 * Tune and fit a batch on the worker pool (`script` serves {@link tunedFitHandler}): the CV jobs of the runs `tune`
 * accepts, the choices, then every fit job with its run's configuration. Results come back in job order, so the
 * outcome does not depend on the number of workers.
 *
 * @throws {RangeError} from the job builders, the fits (naming the job) or the choices
 * @example
 * ```ts
 * import { runTunedBatch } from "./series_hyper_cv.ts";
 * const t = await runTunedBatch({ data: {}, folds: {}, jobs: [], params: { tau: 0.99, mMin: 0.8, mMax: 1.5 } }, {},
 *   { cvFolds: 1, cvTrainRows: 500, seed: 1 }, { workers: 1, script: new URL("./nowhere.ts", import.meta.url) });
 * console.assert(t.cvJobs.length === 0 && t.outcomes.length === 0);
 * ```
 */
export async function runTunedBatch(
  batch: FitShared & { jobs: readonly VariantFitJob[] },
  grids: KindGrids,
  p: SeriesCvParams,
  pool: { workers: number; script: URL; tune?: (job: VariantFitJob) => boolean },
): Promise<TunedBatch> {
  const { jobs: fitJobs, ...shared } = batch;
  const run = <J extends SeriesCvJob | TunedFitJob, O>(jobs: readonly J[]) =>
    runOnWorkers(jobs, { workers: pool.workers, script: pool.script, shared, handler: tunedFitHandler }) as Promise<
      O[]
    >;
  const cvJobs = seriesCvJobs(fitJobs, grids, p, pool.tune);
  const cvOutcomes = await run<SeriesCvJob, CvOutcome>(cvJobs);
  const choices = seriesChoices(cvJobs, cvOutcomes);
  const jobs = withSeriesHyper(fitJobs, choices);
  const outcomes = await run<TunedFitJob, VariantFitOutcome>(jobs);
  return { cvJobs, cvOutcomes, choices, jobs, outcomes };
}
