/**
 * The synthetic-track study over many market paths and more than one data-generating process (issue 14 §3):
 * paths are built and fitted as independent worker jobs ({@link syntheticStudyHandler}: a path job
 * `{ path: { dgp, seed } }` builds a {@link SyntheticPath} with `buildDgpPath` and `syntheticDgp`,
 * any other job is a cross-validation or fit job of `series_hyper_cv.ts`), the fitted multipliers are scored per path by
 * `evaluateSynthetic`, and {@link captureOverPaths} summarises the oracle capture over paths with a
 * percentile bootstrap over paths.
 *
 * @example
 * ```ts
 * import { captureOverPaths, syntheticPathHandler } from "./synthetic_study.ts";
 * import { syntheticJobs } from "./synthetic_path.ts";
 * import { runFitJobs, runSeries } from "./fit_jobs.ts";
 * import { evaluateSynthetic } from "./synthetic_evaluation.ts";
 * const p = { mpor: 2, imTau: 0.99, lookback: 100, contractBbl: 1000, tau: 0.99, mMin: 0.5, mMax: 2,
 *   features: ["rv_20d", "ewma_to_im"], forwardFeatures: [], embargo: 2, validShare: 0.2, seeds: [1],
 *   synthDays: 400, synthSeeds: [7, 8], synthPaths: 100, synthModels: ["static", "linear"],
 *   synthForward: ["rr25_21d"], synthFolds: 1, synthTestShare: 0.3, linearRidge: 0.01, synthExpiryDays: [21, 42] };
 * const ctx = { shared: p };
 * const paths = [7, 8].map((seed) => syntheticPathHandler({ dgp: "skewJump", seed }, ctx));
 * const jobs = paths.flatMap((x) => syntheticJobs(x, p));
 * const data = Object.fromEntries(paths.flatMap((x) => [[`synthetic${x.seed}|long`, x.long.data], [`synthetic${x.seed}|short`, x.short.data]]));
 * const folds = Object.fromEntries(paths.flatMap((x) => [[`synthetic${x.seed}|long`, x.long.folds.map((f) => f.split)], [`synthetic${x.seed}|short`, x.short.folds.map((f) => f.split)]]));
 * const runs = runSeries(jobs, await runFitJobs({ data, folds, jobs, params: p }));
 * const c = captureOverPaths(evaluateSynthetic(paths, runs, p), "long", ["linear"], { resamples: 200, seed: 1 });
 * console.assert(c.paths === 2 && c.models.linear.marginSaving.lo <= c.models.linear.marginSaving.hi);
 * ```
 * @module
 */
import { createPrng } from "../core/prng.ts";
import { quantileSorted } from "../core/quantile.ts";
import type { WorkerContext, WorkerHandler } from "../pipeline/workers.ts";
import type { StudySide } from "./crude_study.ts";
import type { FitBatch, FitOutcome, FitShared } from "./fit_jobs.ts";
import type { CvOutcome } from "./cv_fit.ts";
import { type SeriesCvJob, tunedFitHandler, type TunedFitJob } from "./series_hyper_cv.ts";
import { syntheticDgp, type SyntheticDgpName } from "./synthetic_dgp.ts";
import type { SyntheticMetrics } from "./synthetic_evaluation.ts";
import { buildDgpPath } from "./synthetic_dgp_path.ts";
import { syntheticJobs, syntheticKey, type SyntheticParams, type SyntheticPath } from "./synthetic_path.ts";

/** Parameters a path job reads: the synthetic track's, plus the option slices of every DGP's market. */
export interface SyntheticStudyParams extends SyntheticParams {
  /** Business days to expiry of the option slices (the same for every DGP, so the feature sets match). */
  synthExpiryDays: number[];
  /** Standardized strike grid of every slice (default: the base market's 21 strikes). */
  synthStrikeZ?: number[];
}

/** A path job: build the market path of `seed` under `dgp`. */
export interface SyntheticPathJob {
  dgp: SyntheticDgpName;
  seed: number;
}

/** A job of the synthetic study's worker: a path to build, a cross-validation fit or a (configured) fit. */
export type SyntheticStudyJob = { path: SyntheticPathJob } | SeriesCvJob | TunedFitJob;

/**
 * Build one path (the worker handler of path jobs; `ctx.shared` = the parameters): the DGP's market with option
 * slices `synthExpiryDays` (and strikes `synthStrikeZ` when given), through `buildDgpPath`.
 *
 * @throws {RangeError} from the DGP or the path builder
 * @example
 * ```ts
 * import { syntheticPathHandler } from "./synthetic_study.ts";
 * const p = { mpor: 2, imTau: 0.99, lookback: 100, contractBbl: 1000, tau: 0.99, mMin: 0.5, mMax: 2,
 *   features: ["rv_20d"], forwardFeatures: [], embargo: 2, validShare: 0.2, seeds: [1], synthDays: 300,
 *   synthSeeds: [3], synthPaths: 100, synthModels: ["static"], synthForward: [], synthFolds: 1,
 *   synthTestShare: 0.3, synthExpiryDays: [21, 42] };
 * const path = syntheticPathHandler({ dgp: "baseline", seed: 3 }, { shared: p });
 * console.assert(path.seed === 3 && path.long.oracle.length === path.long.data.r.length);
 * ```
 */
export function syntheticPathHandler(
  job: SyntheticPathJob,
  ctx: Pick<WorkerContext<SyntheticStudyParams>, "shared">,
): SyntheticPath {
  const p = ctx.shared;
  const market = p.synthStrikeZ === undefined
    ? { expiryDays: p.synthExpiryDays }
    : { expiryDays: p.synthExpiryDays, strikeZ: p.synthStrikeZ };
  return buildDgpPath(p, job.seed, syntheticDgp(job.dgp, { market }));
}

/**
 * The synthetic study's worker handler: path jobs with the parameters as the shared value; cross-validation and fit
 * jobs (`tunedFitHandler`: a fit job may carry its network's chosen configuration) with a fit batch's shared value
 * (separate `runOnWorkers` runs).
 *
 * @throws {RangeError} from {@link syntheticPathHandler} or `tunedFitHandler`
 * @example
 * ```ts
 * import { syntheticStudyHandler } from "./synthetic_study.ts";
 * const p = { mpor: 2, imTau: 0.99, lookback: 100, contractBbl: 1000, tau: 0.99, mMin: 0.5, mMax: 2,
 *   features: ["rv_20d"], forwardFeatures: [], embargo: 2, validShare: 0.2, seeds: [1], synthDays: 300,
 *   synthSeeds: [3], synthPaths: 100, synthModels: ["static"], synthForward: [], synthFolds: 1,
 *   synthTestShare: 0.3, synthExpiryDays: [21, 42] };
 * const out = await syntheticStudyHandler({ path: { dgp: "skewJump", seed: 3 } }, { shared: p, index: 0, worker: 0,
 *   log: () => {} });
 * console.assert("long" in out);
 * ```
 */
export const syntheticStudyHandler: WorkerHandler<
  SyntheticStudyJob,
  SyntheticPath | FitOutcome | CvOutcome,
  SyntheticStudyParams | FitShared
> = (job, ctx) => {
  if ("path" in job) return syntheticPathHandler(job.path, { shared: ctx.shared as SyntheticStudyParams });
  return tunedFitHandler(job, { ...ctx, shared: ctx.shared as FitShared });
};

/**
 * Add one path of DGP `dgp` to a fit batch: its two sides' matrices and folds under `"<dgp>/synthetic<seed>|<side>"`
 * and its fit jobs (`syntheticJobs`), so paths of several DGPs with the same seeds share one batch.
 *
 * @example
 * ```ts
 * import { addDgpPath, syntheticPathHandler } from "./synthetic_study.ts";
 * const p = { mpor: 2, imTau: 0.99, lookback: 100, contractBbl: 1000, tau: 0.99, mMin: 0.5, mMax: 2,
 *   features: ["rv_20d"], forwardFeatures: [], embargo: 2, validShare: 0.2, seeds: [1], synthDays: 300,
 *   synthSeeds: [3], synthPaths: 100, synthModels: ["static"], synthForward: [], synthFolds: 1,
 *   synthTestShare: 0.3, synthExpiryDays: [21, 42] };
 * const batch = { data: {}, folds: {}, jobs: [], params: p };
 * addDgpPath(batch, "baseline", syntheticPathHandler({ dgp: "baseline", seed: 3 }, { shared: p }), p);
 * console.assert(Object.keys(batch.data).join() === "baseline/synthetic3|long,baseline/synthetic3|short");
 * ```
 */
export function addDgpPath(batch: FitBatch, dgp: string, path: SyntheticPath, p: SyntheticParams): void {
  for (const side of ["long", "short"] as const) {
    const key = `${dgp}/${syntheticKey(path.seed, side)}`;
    batch.data[key] = path[side].data;
    batch.folds[key] = path[side].folds.map((f) => f.split);
  }
  for (const j of syntheticJobs(path, p)) batch.jobs.push({ ...j, data: `${dgp}/${j.data}` });
}

/**
 * The runs of DGP `dgp` from a batch built with {@link addDgpPath}, keyed as `evaluateSynthetic` reads them.
 *
 * @example
 * ```ts
 * import { dgpRuns } from "./synthetic_study.ts";
 * const runs = new Map([["skewJump/synthetic1|long|mlp|1", new Float64Array(2)], ["baseline/synthetic1|long|mlp|1", new Float64Array(3)]]);
 * console.assert(dgpRuns(runs, "baseline").get("synthetic1|long|mlp|1")!.length === 3);
 * ```
 */
export function dgpRuns(runs: ReadonlyMap<string, Float64Array>, dgp: string): Map<string, Float64Array> {
  const prefix = `${dgp}/`, out = new Map<string, Float64Array>();
  for (const [k, v] of runs) if (k.startsWith(prefix)) out.set(k.slice(prefix.length), v);
  return out;
}

/** An estimate with its interval. */
export interface Interval {
  estimate: number;
  lo: number;
  hi: number;
}

/** One path's row of {@link captureOverPaths}. */
export interface CapturePathRow {
  seed: number;
  stressShare: number;
  testRows: number;
  /** The oracle's average margin relative to static's, and its Diebold–Mariano test on pinball loss against static. */
  oracleMarginRatio: number;
  oracleDmStat: number;
  oracleDmP: number;
  /** Per model: shares of the oracle's margin saving and pinball gain over static (networks: mean over seeds). */
  marginSaving: Record<string, number>;
  pinballGain: Record<string, number>;
}

/** Oracle capture over paths of one side ({@link captureOverPaths}). */
export interface CaptureOverPaths {
  paths: number;
  /** How the estimate and interval are formed. */
  method: string;
  models: Record<string, { marginSaving: Interval; pinballGain: Interval }>;
  /** Paths where the oracle's pinball loss is significantly below static's (DM p < 0.05, statistic < 0). */
  oracleBeatsStatic: number;
  rows: CapturePathRow[];
}

/** Options of {@link captureOverPaths}. */
export interface CaptureOptions {
  /** Bootstrap resamples of the paths. */
  resamples: number;
  /** Seed of the bootstrap's PRNG. */
  seed: number;
  /** Interval level (default 0.95). */
  level?: number;
}

const value = (v: unknown): number => typeof v === "number" ? v : (v as { mean: number }).mean;

/**
 * Oracle capture of `models` on one side over the paths of `m` (from `evaluateSynthetic`). Estimate: the share
 * of the oracle's saving summed over paths, `Σ_paths (1 − M_model/M_static) / Σ_paths (1 − M_oracle/M_static)`
 * (the same for the pinball gain `PL_static − PL`), as `evaluateSynthetic`'s `pooled`; interval: percentile
 * bootstrap over paths (paths resampled with replacement, `resamples` times, with `createPrng(seed)`). A
 * network's per-path value is its mean over seeds.
 *
 * @throws {RangeError} when a model is missing, there are no paths, or the options are out of range
 * @example
 * ```ts
 * import { captureOverPaths } from "./synthetic_study.ts";
 * const side = (ratio: number, pl: number) => ({ testRows: 10, static: { marginRatio: 1, pinball: 1, dmStat: 0, dmP: 1 },
 *   oracle: { marginRatio: 0.8, pinball: 0.9, dmStat: -2, dmP: 0.01 },
 *   linear: { marginRatio: ratio, pinball: pl, dmStat: -1, dmP: 0.3 } });
 * const m = { paths: [{ seed: 1, stressShare: 0.1, long: side(0.9, 0.95) }, { seed: 2, stressShare: 0.2, long: side(0.85, 0.92) }] };
 * // deno-lint-ignore no-explicit-any
 * const c = captureOverPaths(m as any, "long", ["linear"], { resamples: 100, seed: 1 });
 * console.assert(Math.abs(c.models.linear.marginSaving.estimate - 0.625) < 1e-12 && c.oracleBeatsStatic === 2);
 * ```
 */
export function captureOverPaths(
  m: Pick<SyntheticMetrics, "paths">,
  side: StudySide,
  models: readonly string[],
  opts: CaptureOptions,
): CaptureOverPaths {
  const n = m.paths.length, level = opts.level ?? 0.95;
  if (n === 0) throw new RangeError(`captureOverPaths: no paths`);
  if (!Number.isInteger(opts.resamples) || opts.resamples < 1) {
    throw new RangeError(`captureOverPaths: resamples must be an integer >= 1, got ${opts.resamples}`);
  }
  if (!(level > 0 && level < 1)) throw new RangeError(`captureOverPaths: level must be in (0, 1), got ${level}`);
  const sides = m.paths.map((x) => (x as unknown as Record<string, Record<string, unknown>>)[side]);
  const get = (i: number, model: string, key: string): number => {
    const e = sides[i][model] as Record<string, unknown> | undefined;
    if (e === undefined) {
      throw new RangeError(`captureOverPaths: path ${m.paths[i].seed} ${side} has no model "${model}"`);
    }
    return value(e[key]);
  };
  const saveO = Float64Array.from({ length: n }, (_, i) => 1 - get(i, "oracle", "marginRatio"));
  const gainO = Float64Array.from({ length: n }, (_, i) => get(i, "static", "pinball") - get(i, "oracle", "pinball"));
  const per: Record<string, { save: Float64Array; gain: Float64Array }> = {};
  for (const k of models) {
    per[k] = {
      save: Float64Array.from({ length: n }, (_, i) => 1 - get(i, k, "marginRatio")),
      gain: Float64Array.from({ length: n }, (_, i) => get(i, "static", "pinball") - get(i, k, "pinball")),
    };
  }
  const ratio = (num: Float64Array, den: Float64Array, idx: ArrayLike<number>) => {
    let a = 0, b = 0;
    for (let j = 0; j < idx.length; j++) {
      a += num[idx[j]];
      b += den[idx[j]];
    }
    return a / b;
  };
  const all = Int32Array.from({ length: n }, (_, i) => i);
  const rng = createPrng(opts.seed);
  const boot: Record<string, { save: Float64Array; gain: Float64Array }> = {};
  for (const k of models) boot[k] = { save: new Float64Array(opts.resamples), gain: new Float64Array(opts.resamples) };
  const idx = new Int32Array(n);
  for (let b = 0; b < opts.resamples; b++) {
    for (let j = 0; j < n; j++) idx[j] = rng.int(n);
    for (const k of models) {
      boot[k].save[b] = ratio(per[k].save, saveO, idx);
      boot[k].gain[b] = ratio(per[k].gain, gainO, idx);
    }
  }
  const a = (1 - level) / 2;
  const interval = (est: number, draws: Float64Array): Interval => {
    const s = draws.filter(Number.isFinite).sort();
    return { estimate: est, lo: quantileSorted(s, a), hi: quantileSorted(s, 1 - a) };
  };
  const out: CaptureOverPaths["models"] = {};
  for (const k of models) {
    out[k] = {
      marginSaving: interval(ratio(per[k].save, saveO, all), boot[k].save),
      pinballGain: interval(ratio(per[k].gain, gainO, all), boot[k].gain),
    };
  }
  const rows: CapturePathRow[] = m.paths.map((x, i) => ({
    seed: x.seed,
    stressShare: x.stressShare,
    testRows: sides[i].testRows as number,
    oracleMarginRatio: get(i, "oracle", "marginRatio"),
    oracleDmStat: get(i, "oracle", "dmStat"),
    oracleDmP: get(i, "oracle", "dmP"),
    marginSaving: Object.fromEntries(models.map((k) => [k, per[k].save[i] / saveO[i]])),
    pinballGain: Object.fromEntries(models.map((k) => [k, per[k].gain[i] / gainO[i]])),
  }));
  return {
    paths: n,
    method: `pooled ratio over paths; ${level * 100}% percentile bootstrap over paths (${opts.resamples} resamples)`,
    models: out,
    oracleBeatsStatic: rows.filter((r) => r.oracleDmP < 0.05 && r.oracleDmStat < 0).length,
    rows,
  };
}
