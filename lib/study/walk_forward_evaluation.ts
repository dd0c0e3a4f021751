/**
 * Evaluation of the core study's real-track walk-forward ({@link walkForwardBatch}) on the pooled test rows of
 * all folds, per side: every backtest metric of every model as mean/sd/min/max over seeds, `<model>Ens` for
 * the seed ensembles of the networks, the HS baseline (m = 1), per test year exceptions and margin relative to
 * static (`byYear`), the forward-feature ablation (MLP vs `mlpHist`), the hindsight static multiplier (a
 * reference only) and the best network by mean test pinball loss (a display choice: nothing is fitted on it).
 * Traffic-light zones use overlap-aware limits simulated with seeded generators (`seeds[0] + 7919` for the
 * pooled rows, `seeds[0] + 104729 + n` for a year of n rows).
 *
 * @example
 * ```ts
 * import { evaluateWalkForward } from "./walk_forward_evaluation.ts";
 * import { walkForwardBatch } from "./walk_forward_batch.ts";
 * import { runFitJobs, runSeries } from "./fit_jobs.ts";
 * import { makeCrudePanel } from "../testing/crude_panel_fixture.ts"; // a small synthetic crude panel (2010–2012)
 * const p = { mpor: 2, imTau: 0.99, lookback: 50, contractBbl: 1000, tau: 0.99, mMin: 0.8, mMax: 1.5,
 *   sampleEnd: "2013-12-31", features: ["rv_20d", "vix"], forwardFeatures: ["vix"], testYears: [2012],
 *   embargo: 2, validShare: 0.2, models: ["static", "linear"], seeds: [1], linearRidge: 0.01, trafficSims: 200 };
 * const wf = walkForwardBatch(makeCrudePanel(750, 1), p);
 * const ev = evaluateWalkForward(wf, runSeries(wf.batch.jobs, await runFitJobs(wf.batch)), p);
 * console.assert(ev.sides.long.metrics.static.marginRatio.mean === 1);
 * ```
 * @module
 */
import { createPrng } from "../core/prng.ts";
import { overlappingZoneLimits, type ZoneLimits } from "../backtest/mod.ts";
import { type BacktestResult, evaluateBacktest } from "../evaluation/evaluate_backtest.ts";
import { type AblationResult, featureAblation } from "../evaluation/feature_ablation.ts";
import { groupBreakdown, type GroupStats } from "../evaluation/group_breakdown.ts";
import { hindsightMultiplier } from "../evaluation/hindsight_multiplier.ts";
import { seedBand, seedEnsemble } from "../evaluation/seed_ensemble.ts";
import { summariseRuns, type Summary } from "../evaluation/summarise.ts";
import type { StudySide } from "./crude_study.ts";
import { runKey } from "./fit_jobs.ts";
import { isNetwork, modelSeeds } from "./model_factory.ts";
import { foldRows } from "./walk_forward.ts";
import { coreModelKind, STUDY_SIDES, type WalkForwardBatch } from "./walk_forward_batch.ts";

/** Parameters of {@link evaluateWalkForward}. */
export interface WalkForwardEvalParams {
  mpor: number;
  tau: number;
  mMin: number;
  mMax: number;
  models: readonly string[];
  seeds: readonly number[];
  /** Simulations of the overlap-aware traffic-light limits. */
  trafficSims: number;
}

/** A model's backtest metrics summarised over its runs. */
export type RunSummary = Record<keyof BacktestResult, Summary>;

/** One side's metrics: per model (and `<model>Ens`, `baselineHs`) a {@link RunSummary}, and the extras. */
export type WalkForwardSideMetrics = Record<string, RunSummary> & {
  byYear: Record<string, Record<string, GroupStats>>;
  ablation?: AblationResult & { breachRateDiff: number; marginRatioDiff: number };
  hindsightStatic: { multiplier: number };
  bestNetwork?: string;
};

/** One side's evaluation: its metrics and the series the figures draw (test rows, unrounded). */
export interface WalkForwardSide {
  metrics: WalkForwardSideMetrics;
  loss: Float64Array;
  im: Float64Array;
  /** The static benchmark's multiplier (1 without a static model). */
  static: Float64Array;
  /** The best network: its seed-ensemble (or only) multiplier and the pointwise seed range. */
  best?: { model: string; mean: Float64Array; lo: Float64Array; hi: Float64Array };
}

/** Result of {@link evaluateWalkForward}. */
export interface WalkForwardEvaluation {
  /** Sample rows of the pooled test period (fold order). */
  evalRows: number[];
  /** Traffic-light limits of the pooled test period. */
  zone: ZoneLimits;
  sides: Record<StudySide, WalkForwardSide>;
}

/**
 * Evaluate the runs (`runSeries` of the batch's outcomes) of every model on both sides.
 *
 * @throws {RangeError} when a run is missing or from the evaluation
 * @example
 * ```ts
 * import { evaluateWalkForward } from "./walk_forward_evaluation.ts";
 * import { walkForwardBatch } from "./walk_forward_batch.ts";
 * import { runFitJobs, runSeries } from "./fit_jobs.ts";
 * import { makeCrudePanel } from "../testing/crude_panel_fixture.ts";
 * const p = { mpor: 2, imTau: 0.99, lookback: 50, contractBbl: 1000, tau: 0.99, mMin: 0.8, mMax: 1.5,
 *   sampleEnd: "2013-12-31", features: ["rv_20d"], forwardFeatures: [], testYears: [2012], embargo: 2,
 *   validShare: 0.2, models: ["static"], seeds: [1], trafficSims: 200 };
 * const wf = walkForwardBatch(makeCrudePanel(750, 1), p);
 * const ev = evaluateWalkForward(wf, runSeries(wf.batch.jobs, await runFitJobs(wf.batch)), p);
 * console.assert(ev.sides.short.best === undefined && ev.evalRows.length === ev.sides.long.loss.length);
 * ```
 */
export function evaluateWalkForward(
  wf: Pick<WalkForwardBatch, "study" | "folds">,
  runs: Map<string, Float64Array>,
  p: WalkForwardEvalParams,
): WalkForwardEvaluation {
  const mpor = p.mpor, sDates = wf.study.long.dates;
  const evalRows = foldRows(wf.folds);
  const years = evalRows.map((i) => Number(sDates[i].slice(0, 4)));
  const zone = overlappingZoneLimits(evalRows.length, mpor, p.tau, createPrng(p.seeds[0] + 7919), {
    nSims: p.trafficSims,
  });
  const yzCache = new Map<number, ZoneLimits>();
  const yearZone = (n: number) => {
    if (!yzCache.has(n)) {
      yzCache.set(
        n,
        overlappingZoneLimits(n, mpor, p.tau, createPrng(p.seeds[0] + 104729 + n), { nSims: p.trafficSims }),
      );
    }
    return yzCache.get(n)!;
  };
  const models = [...p.models];
  const ones = () => new Float64Array(evalRows.length).fill(1);
  const sides = {} as Record<StudySide, WalkForwardSide>;
  for (const side of STUDY_SIDES) {
    const s = wf.study[side];
    const lossE = Float64Array.from(evalRows, (i) => s.loss[i]);
    const imE = Float64Array.from(evalRows, (i) => s.im[i]);
    const rE = Float64Array.from(evalRows, (i) => s.r[i]);
    const runsOf = (model: string) =>
      modelSeeds(coreModelKind(model), p.seeds).map((seed) => {
        const run = runs.get(runKey(side, model, seed));
        if (run === undefined) throw new RangeError(`evaluateWalkForward: no run ${runKey(side, model, seed)}`);
        return run;
      });
    const staticMult = models.includes("static") ? runsOf("static")[0] : ones();
    const evaluate = (m: Float64Array) =>
      evaluateBacktest({
        loss: lossE,
        im: imE,
        r: rE,
        m,
        bench: staticMult,
        tau: p.tau,
        mpor,
        zone,
        groups: years,
        groupZone: yearZone,
      });
    const sideOut: Record<string, unknown> = {};
    sideOut.baselineHs = summariseRuns([evaluate(ones())]);
    const ensembles: Record<string, Float64Array> = {};
    for (const model of models) {
      const mr = runsOf(model);
      sideOut[model] = summariseRuns(mr.map(evaluate));
      if (mr.length > 1) {
        ensembles[model] = seedEnsemble(mr);
        sideOut[`${model}Ens`] = summariseRuns([evaluate(ensembles[model])]);
      }
    }
    // Per test year: exceptions and margin relative to static (seed ensembles for the networks).
    const byYear: Record<string, Record<string, GroupStats>> = {};
    const perYear = (m: Float64Array) => groupBreakdown({ loss: lossE, im: imE, m, bench: staticMult, groups: years });
    byYear.baselineHs = perYear(ones());
    for (const model of models) byYear[model] = perYear(ensembles[model] ?? runsOf(model)[0]);
    sideOut.byYear = byYear;
    // Feature ablation: MLP with vs without the forward-looking features (seed ensembles and per-seed pinball).
    const mean = (k: string, f: keyof BacktestResult) => (sideOut[k] as RunSummary)[f].mean;
    if (ensembles.mlp && ensembles.mlpHist) {
      sideOut.ablation = {
        ...featureAblation({ r: rE, full: runsOf("mlp"), reduced: runsOf("mlpHist"), tau: p.tau, mpor }),
        breachRateDiff: mean("mlp", "breachRate") - mean("mlpHist", "breachRate"),
        marginRatioDiff: mean("mlp", "marginRatio") - mean("mlpHist", "marginRatio"),
      };
    }
    // Reference only (not a model): the static multiplier that would have been right on the pooled test period.
    sideOut.hindsightStatic = { multiplier: hindsightMultiplier(rE, p.tau, p) };
    // Best network by mean test pinball (display choice only — nothing is fitted on it).
    const nets = models.filter((m) => isNetwork(coreModelKind(m)));
    let best = nets[0];
    for (const k of nets) if (mean(k, "pinball") < mean(best, "pinball")) best = k;
    const out: WalkForwardSide = {
      metrics: sideOut as WalkForwardSideMetrics,
      loss: lossE,
      im: imE,
      static: staticMult,
    };
    if (best !== undefined) {
      sideOut.bestNetwork = best;
      const br = runsOf(best), band = seedBand(br);
      out.best = { model: best, mean: ensembles[best] ?? br[0], lo: band.lo, hi: band.hi };
    }
    sides[side] = out;
  }
  return { evalRows, zone, sides };
}
