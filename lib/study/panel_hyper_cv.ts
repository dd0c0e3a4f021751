/**
 * Hyper-parameters of a panel's networks by rolling-origin cross-validation inside each training window (issue 14
 * §2). Per test year of the pooled MLP, one {@link PanelCvJob} per grid configuration and inner fold: every member
 * position's inner split from `rollingOriginFolds` on its own rows before its outer training end (validation: one
 * of the window's last `cvFolds` years; training: the capped rows before it, ending `mpor + embargo` rows earlier),
 * pooled as the outer fit is ({@link pooledFold}, z-scores from the inner training rows), and one seeded MLP fitted
 * with early stopping on the inner validation year; its score is the best epoch's validation pinball loss.
 * {@link panelChoices} picks, per year, the configuration with the lowest mean score; {@link withHyper} gives every
 * network job of that year (pooled and per position) the chosen configuration; {@link panelFitHandler} serves the
 * CV jobs and the configured fit jobs on the worker pool.
 *
 * @example
 * ```ts
 * import { panelCvJobs } from "./panel_hyper_cv.ts";
 * import { panelWalkForward } from "./panel_walk_forward.ts";
 * import { buildPositionPanel } from "./position_panel.ts";
 * import { DEFAULT_POSITIONS } from "./position_definition.ts";
 * import { makePositionPanel } from "../testing/position_panel_fixture.ts";
 * const series = buildPositionPanel(makePositionPanel(1400, 1), DEFAULT_POSITIONS.slice(11),
 *   { mpor: 2, imTau: 0.99, lookback: 100, fhsLambda: 0.94, fhsBurnIn: 50 });
 * const last = Number(series[0].dates.at(-1)!.slice(0, 4)) - 1;
 * const wf = panelWalkForward(series, { mpor: 2, imTau: 0.99, tau: 0.99, mMin: 0.8, mMax: 1.5, embargo: 2,
 *   validShare: 0.2, testYears: [last], seeds: [1], models: [], pooledModels: ["mlpPooled"],
 *   poolType: "position", floorLookback: 300 });
 * const grid = [{ hidden: [4], lr: 0.01, weightDecay: 0 }, { hidden: [8], lr: 0.01, weightDecay: 0 }];
 * const jobs = panelCvJobs(wf, grid, { cvFolds: 2, cvTrainRows: 300, seed: 1 });
 * console.assert(jobs.length === 4 && jobs[3].config === 1 && jobs[3].inner === 1);
 * ```
 * @module
 */
import { type CvOutcome, innerSplit, scoreCvFit } from "./cv_fit.ts";
import { hyperParams } from "./hyper_params.ts";
import { chooseConfig, type HyperConfig } from "../evaluation/hyper_search.ts";
import { runOnWorkers, type WorkerHandler } from "../pipeline/workers.ts";
import { studyDataset } from "./dataset.ts";
import type { FitShared } from "./fit_jobs.ts";
import { makeModel, type ModelParams } from "./model_factory.ts";
import type { PanelWalkForward } from "./panel_walk_forward.ts";
import { type PooledFitJob, pooledFold, type PooledMember } from "./pooled_fit_jobs.ts";
import { runVariantFitJob, type VariantFitJob, type VariantFitOutcome } from "./variant_fit_jobs.ts";

export { innerSplit };

/** Inner cross-validation settings. */
export interface PanelCvParams {
  /** Inner folds: the last `cvFolds` years of each training window, one validation year each. */
  cvFolds: number;
  /** Most training rows per position and inner fold (the latest before the validation year). */
  cvTrainRows: number;
  /** Seed of the CV fits (the choice then applies to every seed). */
  seed: number;
}

/** One CV fit: a grid configuration on one inner fold of one test year's pooled training window. */
export interface PanelCvJob {
  cv: true;
  /** `cv|<year>|<config>|<inner>`. */
  data: string;
  year: number;
  config: number;
  inner: number;
  seed: number;
  features: string[];
  /** The outer pooled job's members (position, outer fold index, type) and one-hot types. */
  members: { id: string; fold: number; type: string }[];
  types: string[];
  hyper: HyperConfig;
}

/** A CV fit's score (best epoch's validation pinball loss) and training record. */
export type PanelCvOutcome = CvOutcome;

/** A fit job (per position or pooled) with an optional network configuration. */
export type PanelFitJob = (VariantFitJob | PooledFitJob) & { hyper?: HyperConfig };

/**
 * The CV jobs of every test year with a pooled MLP (year-major, then configuration, then inner fold).
 *
 * @throws {RangeError} on an empty grid, `cvFolds` or `cvTrainRows` < 1, or no pooled MLP job
 * @example
 * ```ts
 * import { panelCvJobs } from "./panel_hyper_cv.ts";
 * import { panelWalkForward } from "./panel_walk_forward.ts";
 * import { buildPositionPanel } from "./position_panel.ts";
 * import { DEFAULT_POSITIONS } from "./position_definition.ts";
 * import { makePositionPanel } from "../testing/position_panel_fixture.ts";
 * const series = buildPositionPanel(makePositionPanel(1400, 1), DEFAULT_POSITIONS.slice(11),
 *   { mpor: 2, imTau: 0.99, lookback: 100, fhsLambda: 0.94, fhsBurnIn: 50 });
 * const last = Number(series[0].dates.at(-1)!.slice(0, 4)) - 1;
 * const p = { mpor: 2, imTau: 0.99, tau: 0.99, mMin: 0.8, mMax: 1.5, embargo: 2, validShare: 0.2,
 *   testYears: [last], seeds: [1], models: ["mlp"], pooledModels: ["mlpPooled"], poolType: "position" as const,
 *   floorLookback: 300, netEpochs: 2, netBatch: 64, netLr: 0.01, netPatience: 2, mlpHidden: [4], cvFolds: 2,
 *   cvTrainRows: 300 };
 * const wf = panelWalkForward(series, p);
 * const grid = [{ hidden: [4], lr: 0.01, weightDecay: 0 }];
 * console.assert(panelCvJobs(wf, grid, { cvFolds: 2, cvTrainRows: 300, seed: 1 }).length === 2);
 * ```
 */
export function panelCvJobs(
  wf: PanelWalkForward,
  grid: readonly HyperConfig[],
  p: PanelCvParams,
): PanelCvJob[] {
  const fn = "panelCvJobs (lib/study/panel_hyper_cv.ts)";
  if (grid.length === 0) throw new RangeError(`${fn}: empty grid`);
  if (!Number.isInteger(p.cvFolds) || p.cvFolds < 1) {
    throw new RangeError(`${fn}: cvFolds must be >= 1, got ${p.cvFolds}`);
  }
  if (!Number.isInteger(p.cvTrainRows) || p.cvTrainRows < 1) {
    throw new RangeError(`${fn}: cvTrainRows must be >= 1, got ${p.cvTrainRows}`);
  }
  const out: PanelCvJob[] = [];
  for (const f of wf.pooled) {
    const job = wf.jobs.find((j): j is PooledFitJob => "members" in j && j.data === f.data && j.kind === "mlp");
    if (job === undefined) continue;
    grid.forEach((hyper, config) => {
      for (let inner = 0; inner < p.cvFolds; inner++) {
        out.push({
          cv: true,
          data: `cv|${f.year}|${config}|${inner}`,
          year: f.year,
          config,
          inner,
          seed: p.seed,
          features: [...job.features],
          members: job.members,
          types: job.types,
          hyper,
        });
      }
    });
  }
  if (out.length === 0) throw new RangeError(`${fn}: the walk-forward has no pooled MLP job`);
  return out;
}

/**
 * Fit one CV job: the pooled inner fold of every member, an MLP of the job's configuration, early stopping on the
 * inner validation year.
 *
 * @throws {RangeError} naming the job on a missing member or from the folds and the fit
 * @example
 * ```ts
 * import { panelCvJobs, runPanelCvJob } from "./panel_hyper_cv.ts";
 * import { panelWalkForward } from "./panel_walk_forward.ts";
 * import { buildPositionPanel } from "./position_panel.ts";
 * import { DEFAULT_POSITIONS } from "./position_definition.ts";
 * import { makePositionPanel } from "../testing/position_panel_fixture.ts";
 * const series = buildPositionPanel(makePositionPanel(1400, 1), DEFAULT_POSITIONS.slice(11),
 *   { mpor: 2, imTau: 0.99, lookback: 100, fhsLambda: 0.94, fhsBurnIn: 50 });
 * const last = Number(series[0].dates.at(-1)!.slice(0, 4)) - 1;
 * const p = { mpor: 2, imTau: 0.99, tau: 0.99, mMin: 0.8, mMax: 1.5, embargo: 2, validShare: 0.2,
 *   testYears: [last], seeds: [1], models: ["mlp"], pooledModels: ["mlpPooled"], poolType: "position" as const,
 *   floorLookback: 300, netEpochs: 2, netBatch: 64, netLr: 0.01, netPatience: 2, mlpHidden: [4], cvFolds: 2,
 *   cvTrainRows: 300 };
 * const wf = panelWalkForward(series, p);
 * const grid = [{ hidden: [4], lr: 0.01, weightDecay: 0 }];
 * const [job] = panelCvJobs(wf, grid, { cvFolds: 2, cvTrainRows: 300, seed: 1 });
 * const o = await runPanelCvJob(job, { ...wf.shared, params: p });
 * console.assert(Number.isFinite(o.loss) && o.bestEpoch >= 1);
 * ```
 */
export async function runPanelCvJob(
  job: PanelCvJob,
  shared: FitShared & { params: ModelParams & { mpor: number; embargo: number; cvFolds: number; cvTrainRows: number } },
): Promise<PanelCvOutcome> {
  const p = shared.params;
  try {
    const members: PooledMember[] = job.members.map((m) => {
      const study = shared.data[m.id], outer = shared.folds[m.id]?.[m.fold];
      if (study === undefined || outer === undefined) throw new RangeError(`member ${m.id} fold ${m.fold} missing`);
      const split = innerSplit(study.dates, outer, job.inner, { ...p, horizon: p.mpor });
      return { id: m.id, type: m.type, study, split };
    });
    const f = pooledFold(members, job.types);
    const model = makeModel("mlp", hyperParams(p, job.hyper), job.seed);
    return await scoreCvFit(
      model,
      studyDataset(f.matrix, f.split.train, job.features),
      studyDataset(f.matrix, f.split.valid, job.features),
      { nTrain: f.split.train.end, nValid: f.split.valid.end - f.split.valid.start },
    );
  } catch (e) {
    if (e instanceof RangeError) throw new RangeError(`CV job ${job.data}: ${e.message}`);
    throw e;
  }
}

/**
 * The worker handler of a tuned panel: CV jobs ({@link runPanelCvJob}) and fit jobs, per position or pooled, with
 * their configuration's parameters when they carry one (`hyper`), else the batch's.
 *
 * @throws {RangeError} naming the job when its data or fold is missing, or from the fit
 * @example
 * ```ts
 * import { panelFitHandler } from "./panel_hyper_cv.ts";
 * import { panelWalkForward } from "./panel_walk_forward.ts";
 * import { buildPositionPanel } from "./position_panel.ts";
 * import { DEFAULT_POSITIONS } from "./position_definition.ts";
 * import { makePositionPanel } from "../testing/position_panel_fixture.ts";
 * const series = buildPositionPanel(makePositionPanel(1400, 1), DEFAULT_POSITIONS.slice(11),
 *   { mpor: 2, imTau: 0.99, lookback: 100, fhsLambda: 0.94, fhsBurnIn: 50 });
 * const last = Number(series[0].dates.at(-1)!.slice(0, 4)) - 1;
 * const p = { mpor: 2, imTau: 0.99, tau: 0.99, mMin: 0.8, mMax: 1.5, embargo: 2, validShare: 0.2,
 *   testYears: [last], seeds: [1], models: ["mlp"], pooledModels: ["mlpPooled"], poolType: "position" as const,
 *   floorLookback: 300, netEpochs: 2, netBatch: 64, netLr: 0.01, netPatience: 2, mlpHidden: [4], cvFolds: 2,
 *   cvTrainRows: 300 };
 * const wf = panelWalkForward(series, p);
 * const grid = [{ hidden: [4], lr: 0.01, weightDecay: 0 }];
 * const job = { ...wf.jobs[0], hyper: grid[0] };
 * const o = await panelFitHandler(job, { shared: wf.shared, index: 0, worker: 0, log: () => {} });
 * console.assert("m" in o && o.m.length > 0);
 * ```
 */
export const panelFitHandler: WorkerHandler<
  PanelCvJob | PanelFitJob,
  PanelCvOutcome | VariantFitOutcome,
  FitShared
> = async (job, ctx) => {
  const shared = ctx.shared as Parameters<typeof runPanelCvJob>[1];
  if ("cv" in job) return await runPanelCvJob(job, shared);
  const params = job.hyper === undefined ? shared.params : hyperParams(shared.params, job.hyper);
  const where = `${job.data} fold ${job.fold} ${job.model} seed ${job.seed}`;
  try {
    if ("members" in job) {
      const members = job.members.map((m) => {
        const study = shared.data[m.id], split = shared.folds[m.id]?.[m.fold];
        if (study === undefined || split === undefined) throw new RangeError(`member ${m.id} fold ${m.fold} missing`);
        return { id: m.id, type: m.type, study, split };
      });
      const f = pooledFold(members, job.types);
      return await runVariantFitJob(f.matrix, f.split, job, params);
    }
    const matrix = shared.data[job.data], split = shared.folds[job.data]?.[job.fold];
    if (matrix === undefined || split === undefined) throw new RangeError("data or fold missing from the batch");
    return await runVariantFitJob(matrix, split, job, params);
  } catch (e) {
    if (e instanceof RangeError) throw new RangeError(`${where}: ${e.message}`);
    throw e;
  }
};

/** Per test year: every configuration's inner-fold scores, their means and the chosen configuration. */
export interface PanelChoice {
  year: number;
  /** `losses[config][inner]`. */
  losses: number[][];
  meanLoss: number[];
  chosen: number;
  hyper: HyperConfig;
}

/**
 * The configuration chosen per test year from the CV outcomes.
 *
 * @throws {RangeError} when jobs and outcomes differ in number, a score is missing, or from `chooseConfig`
 * @example
 * ```ts
 * import { panelChoices } from "./panel_hyper_cv.ts";
 * const grid = [{ hidden: [4], lr: 0.01, weightDecay: 0 }, { hidden: [8], lr: 0.01, weightDecay: 0 }];
 * const jobs = [0, 1].map((config) => ({ year: 2020, config, inner: 0 })) as never[];
 * const [c] = panelChoices(jobs, [{ loss: 0.2 }, { loss: 0.1 }] as never[], grid);
 * console.assert(c.chosen === 1 && c.hyper.hidden[0] === 8);
 * ```
 */
export function panelChoices(
  jobs: readonly PanelCvJob[],
  outcomes: readonly PanelCvOutcome[],
  grid: readonly HyperConfig[],
): PanelChoice[] {
  if (jobs.length !== outcomes.length) {
    throw new RangeError(`panelChoices: ${outcomes.length} outcomes, ${jobs.length} jobs`);
  }
  const years = [...new Set(jobs.map((j) => j.year))].sort((a, b) => a - b);
  return years.map((year) => {
    const losses: number[][] = grid.map(() => []);
    jobs.forEach((j, k) => {
      if (j.year === year) losses[j.config][j.inner] = outcomes[k].loss;
    });
    const c = chooseConfig(losses);
    return { year, losses, meanLoss: c.meanLoss, chosen: c.index, hyper: grid[c.index] };
  });
}

/**
 * The test year of a fit job: its pooled fold's year, or its position's fold's.
 *
 * @throws {RangeError} when the job's pooled fold or position is not in the walk-forward
 * @example
 * ```ts
 * import { jobYear } from "./panel_hyper_cv.ts";
 * const wf = { positions: [], pooled: [{ data: "pooled|2020", year: 2020, members: [] }] };
 * console.assert(jobYear(wf, { data: "pooled|2020", fold: 0, model: "mlpPooled", kind: "mlp", seed: 1, features: [],
 *   members: [], types: [] }) === 2020);
 * ```
 */
export function jobYear(
  wf: Pick<PanelWalkForward, "positions" | "pooled">,
  j: VariantFitJob | PooledFitJob,
): number {
  if ("members" in j) {
    const f = wf.pooled.find((x) => x.data === j.data);
    if (f === undefined) throw new RangeError(`jobYear: no pooled fold "${j.data}"`);
    return f.year;
  }
  const q = wf.positions.find((x) => x.study.id === j.data);
  if (q === undefined || q.folds[j.fold] === undefined) {
    throw new RangeError(`jobYear: no fold ${j.fold} of "${j.data}"`);
  }
  return q.folds[j.fold].id;
}

/**
 * The walk-forward's jobs with every network job (kind "mlp") of a test year given that year's chosen
 * configuration; other jobs unchanged.
 *
 * @throws {RangeError} when a network job's test year has no choice
 * @example
 * ```ts
 * import { withHyper } from "./panel_hyper_cv.ts";
 * const wf = { positions: [], pooled: [{ data: "pooled|2020", year: 2020, members: [] }] };
 * const hyper = { hidden: [8], lr: 0.01, weightDecay: 0 };
 * const job = { data: "pooled|2020", fold: 0, model: "mlpPooled", kind: "mlp" as const, seed: 1, features: [],
 *   members: [], types: [] };
 * const [j] = withHyper(wf, [job], [{ year: 2020, losses: [[0.1]], meanLoss: [0.1], chosen: 0, hyper }]);
 * console.assert(j.hyper === hyper);
 * ```
 */
export function withHyper(
  wf: Pick<PanelWalkForward, "positions" | "pooled">,
  jobs: readonly (VariantFitJob | PooledFitJob)[],
  choices: readonly PanelChoice[],
): PanelFitJob[] {
  const byYear = new Map(choices.map((c) => [c.year, c.hyper]));
  const yearOf = (j: VariantFitJob | PooledFitJob) => jobYear(wf, j);
  return jobs.map((j) => {
    if (j.kind !== "mlp") return j;
    const hyper = byYear.get(yearOf(j));
    if (hyper === undefined) throw new RangeError(`withHyper: no configuration chosen for ${j.data} (${yearOf(j)})`);
    return { ...j, hyper };
  });
}

/**
 * Run CV or fit jobs on the worker pool with {@link panelFitHandler} (a worker `script` that serves it), the pooled
 * (longest) jobs first so that the workers finish together; the outcomes come back in job order.
 *
 * @throws the first job error (from `runOnWorkers`)
 * @example
 * ```ts
 * import { runPanelJobs } from "./panel_hyper_cv.ts";
 * const out = await runPanelJobs([], { workers: 1, script: new URL("./nowhere.ts", import.meta.url),
 *   shared: { data: {}, folds: {}, params: { tau: 0.99, mMin: 0.8, mMax: 1.5 } } });
 * console.assert(out.length === 0);
 * ```
 */
export async function runPanelJobs<O extends PanelCvOutcome | VariantFitOutcome>(
  jobs: readonly (PanelCvJob | PanelFitJob)[],
  o: { workers: number; script: URL; shared: FitShared },
): Promise<O[]> {
  const order = jobs.map((_, k) => k).sort((a, b) => Number("members" in jobs[b]) - Number("members" in jobs[a]));
  const out = await runOnWorkers(order.map((k) => jobs[k]), { ...o, handler: panelFitHandler });
  const back = new Array<O>(jobs.length);
  order.forEach((k, i) => back[k] = out[i] as O);
  return back;
}
