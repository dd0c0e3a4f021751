/**
 * The synthetic track's evaluation: on every path of {@link buildSyntheticPath} the fitted multipliers are
 * compared with the oracle (`lib/evaluation` `oracleCapture`): distance to the oracle, and the share of the
 * oracle's pinball gain and margin saving over the static benchmark each model captures; reported per path
 * and as mean ± sd across paths (for the networks the per-path value is the mean over seeds), and pooled.
 *
 * @example
 * ```ts
 * import { evaluateSynthetic } from "./synthetic_evaluation.ts";
 * import { buildSyntheticPath, syntheticJobs } from "./synthetic_path.ts";
 * import { runFitJobs, runSeries } from "./fit_jobs.ts";
 * const p = { mpor: 2, imTau: 0.99, lookback: 100, contractBbl: 1000, tau: 0.99, mMin: 0.8, mMax: 1.5,
 *   features: ["rv_20d", "ewma_to_im"], forwardFeatures: [], embargo: 2, validShare: 0.2, seeds: [1],
 *   synthDays: 500, synthSeeds: [7], synthPaths: 100, synthModels: ["static", "linear"], synthForward: [],
 *   synthFolds: 1, synthTestShare: 0.3, linearRidge: 0.01 };
 * const path = buildSyntheticPath(p, 7), jobs = syntheticJobs(path, p);
 * const data = { "synthetic7|long": path.long.data, "synthetic7|short": path.short.data };
 * const folds = { "synthetic7|long": path.long.folds.map((f) => f.split), "synthetic7|short": path.short.folds.map((f) => f.split) };
 * const runs = runSeries(jobs, await runFitJobs({ data, folds, jobs, params: p }));
 * const out = evaluateSynthetic([path], runs, p);
 * console.assert(out.nPaths === 1);
 * ```
 * @module
 */
import { modelSeeds } from "./model_factory.ts";
import { runKey } from "./fit_jobs.ts";
import type { StudySide } from "./crude_study.ts";
import { foldRows } from "./walk_forward.ts";
import { syntheticKey, type SyntheticParams, type SyntheticPath } from "./synthetic_path.ts";
import { featureAblation } from "../evaluation/feature_ablation.ts";
import { oracleCapture, type OracleCaptureResult } from "../evaluation/oracle_capture.ts";
import { seedEnsemble } from "../evaluation/seed_ensemble.ts";
import { summarise, summariseRuns, type Summary } from "../evaluation/summarise.ts";

const SIDES: readonly StudySide[] = ["long", "short"];

type Stat = Record<keyof OracleCaptureResult, number>;

/** A model's oracle-capture metrics: numbers (one run, or the oracle) or summaries (over seeds or paths). */
export type CaptureMetrics = Record<keyof OracleCaptureResult, number> | Record<keyof OracleCaptureResult, Summary>;

/** One path's side: test rows, the oracle, each model (and `<model>Ens`) and the ablation. */
export interface SyntheticPathSide {
  testRows: number;
  ablation?: { gainCapturedDiff: number; pinballDiff: number; ensDmStat: number; ensDmP: number };
  [model: string]: CaptureMetrics | number | SyntheticPathSide["ablation"];
}

/** One side across paths. */
export interface SyntheticSideMetrics {
  folds: number;
  testRows: Summary;
  /** Shares of the oracle's gain and saving summed over paths, per model. */
  pooled: Record<string, { pinballGainCaptured: number; marginSavingCaptured: number }>;
  ablation?: Record<string, Summary> & { pathsFullBetter: number; pathsFullWorse: number };
  [model: string]:
    | CaptureMetrics
    | number
    | Summary
    | SyntheticSideMetrics["pooled"]
    | SyntheticSideMetrics["ablation"];
}

/** Result of {@link evaluateSynthetic}. */
export interface SyntheticMetrics {
  days: number;
  nPaths: number;
  seeds: number[];
  features: number;
  histFeatures: number;
  forwardFeatures: number;
  stressShare: Summary;
  paths: { seed: number; stressShare: number; long: SyntheticPathSide; short: SyntheticPathSide }[];
  long: SyntheticSideMetrics;
  short: SyntheticSideMetrics;
}

/** One path's evaluation of one side: oracle, per model the summary over seeds, ensembles, ablation. */
function evaluatePathSide(path: SyntheticPath, s: StudySide, runs: Map<string, Float64Array>, p: SyntheticParams) {
  const side = path[s];
  const rows = foldRows(side.folds);
  const r = Float64Array.from(rows, (i) => side.data.r[i]), im = Float64Array.from(rows, (i) => side.im[i]);
  const oracle = Float64Array.from(rows, (i) => side.oracle[i]);
  const loss = Float64Array.from(r, (v, i) => v * im[i]);
  const get = (model: string, seed: number) => runs.get(runKey(syntheticKey(path.seed, s), model, seed))!;
  const bench = get("static", p.seeds[0]);
  const stat = (m: Float64Array): Stat => ({
    ...oracleCapture({ loss, im, r, m, bench, oracle, tau: p.tau, mpor: p.mpor }),
  });
  const res: Record<string, unknown> = { testRows: rows.length, oracle: stat(oracle) };
  const seedRuns: Record<string, Float64Array[]> = {};
  for (const model of p.synthModels) {
    const kind = model === "mlpHist" ? "mlp" : model;
    seedRuns[model] = modelSeeds(kind, p.seeds).map((seed) => get(model, seed));
    res[model] = summariseRuns(seedRuns[model].map(stat));
    if (seedRuns[model].length > 1) res[`${model}Ens`] = stat(seedEnsemble(seedRuns[model]));
  }
  if (seedRuns.mlp?.length > 1 && seedRuns.mlpHist?.length > 1) {
    const a = featureAblation({ r, full: seedRuns.mlp, reduced: seedRuns.mlpHist, tau: p.tau, mpor: p.mpor });
    const g = (k: string) => (res[k] as Record<string, { mean: number }>).pinballGainCaptured.mean;
    res.ablation = {
      gainCapturedDiff: g("mlp") - g("mlpHist"),
      pinballDiff: a.pinballDiff.mean,
      ensDmStat: a.ensDmStat,
      ensDmP: a.ensDmP,
    };
  }
  return res as SyntheticPathSide;
}

/**
 * Evaluate every path and summarise across paths. Per side: `oracle`, each model and each
 * `<model>Ens` as `{metric: {mean, sd, min, max, n}}` over paths (per-path value of a network:
 * its mean over seeds), `ablation` (MLP with minus without the option-surface features) over
 * paths with the number of paths where the full-feature ensemble is significantly better
 * (DM p < 0.05) and worse; `pooled` the shares of the gain and saving summed over paths
 * (margin saving as 1 − margin / static margin); `paths` holds each path's own results.
 *
 * @example
 * ```ts
 * import { evaluateSynthetic } from "./synthetic_evaluation.ts";
 * import { buildSyntheticPath, syntheticJobs } from "./synthetic_path.ts";
 * import { runFitJobs, runSeries } from "./fit_jobs.ts";
 * const p = { mpor: 2, imTau: 0.99, lookback: 100, contractBbl: 1000, tau: 0.99, mMin: 0.8, mMax: 1.5,
 *   features: ["rv_20d"], forwardFeatures: [], embargo: 2, validShare: 0.2, seeds: [1], synthDays: 500,
 *   synthSeeds: [8], synthPaths: 100, synthModels: ["static"], synthForward: [], synthFolds: 1, synthTestShare: 0.3 };
 * const path = buildSyntheticPath(p, 8), jobs = syntheticJobs(path, p);
 * const keys = ["synthetic8|long", "synthetic8|short"] as const;
 * const data = { [keys[0]]: path.long.data, [keys[1]]: path.short.data };
 * const folds = { [keys[0]]: path.long.folds.map((f) => f.split), [keys[1]]: path.short.folds.map((f) => f.split) };
 * const out = evaluateSynthetic([path], runSeries(jobs, await runFitJobs({ data, folds, jobs, params: p })), p);
 * console.assert(out.long.pooled.static.pinballGainCaptured === 0); // static captures none of the oracle's gain
 * ```
 */
export function evaluateSynthetic(
  paths: readonly SyntheticPath[],
  runs: Map<string, Float64Array>,
  p: SyntheticParams,
): SyntheticMetrics {
  const perPath = paths.map((path) => ({
    seed: path.seed,
    stressShare: path.stressShare,
    long: evaluatePathSide(path, "long", runs, p),
    short: evaluatePathSide(path, "short", runs, p),
  }));
  const first = paths[0];
  const out: Record<string, unknown> = {
    days: p.synthDays,
    nPaths: paths.length,
    seeds: paths.map((x) => x.seed),
    features: first.features.length,
    histFeatures: first.histFeatures.length,
    forwardFeatures: p.synthForward.length,
    stressShare: summarise(paths.map((x) => x.stressShare)),
    paths: perPath,
  };
  // A path's value of a metric: the number itself, or the seed mean of a summary.
  const value = (v: unknown) => typeof v === "number" ? v : (v as { mean: number }).mean;
  const across = (items: Record<string, unknown>[]) => {
    const keys = Object.keys(items[0]);
    return summariseRuns(items.map((it) => Object.fromEntries(keys.map((k) => [k, value(it[k])]))));
  };
  for (const s of SIDES) {
    const sides = perPath.map((x) => x[s]);
    const res: Record<string, unknown> = {
      folds: p.synthFolds,
      testRows: summarise(sides.map((x) => x.testRows as number)),
    };
    for (const k of Object.keys(sides[0])) {
      if (k === "testRows" || k === "ablation") continue;
      res[k] = across(sides.map((x) => x[k] as Record<string, unknown>));
    }
    // Pooled over paths (robust where a path's oracle gain or saving is small):
    // Σ (PL_static − PL_model) / Σ (PL_static − PL_oracle), and the same for 1 − margin / static margin.
    const pooled: Record<string, { pinballGainCaptured: number; marginSavingCaptured: number }> = {};
    const pb = (x: Record<string, unknown>, k: string, f: "pinball" | "marginRatio") =>
      value((x[k] as Record<string, unknown>)[f]);
    for (const k of Object.keys(sides[0])) {
      if (k === "testRows" || k === "ablation" || k === "oracle") continue;
      let gain = 0, gainO = 0, save = 0, saveO = 0;
      for (const x of sides) {
        gain += pb(x, "static", "pinball") - pb(x, k, "pinball");
        gainO += pb(x, "static", "pinball") - pb(x, "oracle", "pinball");
        save += 1 - pb(x, k, "marginRatio");
        saveO += 1 - pb(x, "oracle", "marginRatio");
      }
      pooled[k] = { pinballGainCaptured: gain / gainO, marginSavingCaptured: save / saveO };
    }
    res.pooled = pooled;
    if (sides[0].ablation) {
      const ab = sides.map((x) => x.ablation as Record<string, number>);
      res.ablation = {
        ...across(ab),
        pathsFullBetter: ab.filter((a) => a.ensDmP < 0.05 && a.ensDmStat < 0).length,
        pathsFullWorse: ab.filter((a) => a.ensDmP < 0.05 && a.ensDmStat > 0).length,
      };
    }
    out[s] = res;
  }
  return out as unknown as SyntheticMetrics;
}
