/**
 * e11 — a synthetic market whose margin answer is non-linear (issue 14 §3). On the baseline synthetic market the
 * scale-free conditional quantile is almost linear in ATM vol, so linear quantile regression captures the oracle's
 * saving by construction. Here the same synthetic-track pipeline runs on two data-generating processes:
 *
 * - `skewJump` (`lib/market/synthetic_nonlinear.ts`): crash jumps arrive only when the market is stressed AND on
 *   alert; the option market prices the alert as a steeper put skew, the stress shows in the ATM level, so the
 *   oracle quantile is an interaction of the two (a linear model in the features cannot represent it);
 * - `baseline` (`lib/market/synthetic_market.ts`, the e04 synthetic track's dynamics), for contrast.
 *
 * Each DGP: `synthSeeds` independent paths (`lib/study` `syntheticPathHandler`, on `workers` workers), per path and
 * side static, linear QR, forest and the MLP (`seeds`) fitted on one walk-forward block and scored against the
 * oracle (`evaluateSynthetic`); the MLP of every path and side tuned first by rolling-origin CV inside the block's
 * training window (`runTunedBatch`: `cvFolds` periods of `cvValidRows` rows, the grid `gridHidden` × `gridLr` ×
 * `gridWeightDecay`), and trained with early stopping under the cap `netEpochs` (`metrics.training`); `captureOverPaths` pools the oracle capture over paths with a percentile bootstrap
 * interval over paths and counts the paths where the oracle beats static (DM p < 0.05). Headline: long side (the
 * side the crashes hit), best learned non-linear model by its estimate vs linear.
 * @module
 */
import { runStage } from "../../../lib/pipeline/harness.ts";
import { runOnWorkers } from "../../../lib/pipeline/workers.ts";
import {
  CV_PERIOD_SCHEMA,
  FOREST_SCHEMA,
  NETWORK_SCHEMA,
  STUDY_SCHEMA,
  TUNING_SCHEMA,
} from "../../../lib/study/study_params.ts";
import { checkSyntheticParams, type SyntheticPath } from "../../../lib/study/synthetic_path.ts";
import { type FitBatch, runSeries } from "../../../lib/study/fit_jobs.ts";
import { evaluateSynthetic } from "../../../lib/study/synthetic_evaluation.ts";
import { SYNTHETIC_DGPS } from "../../../lib/study/synthetic_dgp.ts";
import { CORE_MODELS } from "../../../lib/study/walk_forward_batch.ts";
import { summarise } from "../../../lib/evaluation/summarise.ts";
import { trainingSummary } from "../../../lib/study/training_summary.ts";
import { runTunedBatch, tuningGrids } from "../../../lib/study/series_hyper_cv.ts";
import { seriesTuningRecord } from "../../../lib/study/series_tuning_record.ts";
import {
  addDgpPath,
  type CaptureOverPaths,
  captureOverPaths,
  dgpRuns,
  syntheticStudyHandler,
} from "../../../lib/study/synthetic_study.ts";
import type { CaptureHeadline, DgpHeadline, DgpMetrics, Metrics, Params } from "./outputs.ts";

/** Best of `candidates` by the estimate of `measure`, and linear QR. */
function headlineOf(c: CaptureOverPaths, measure: "marginSaving" | "pinballGain", candidates: string[]) {
  const bestModel = candidates.reduce((a, b) => c.models[b][measure].estimate > c.models[a][measure].estimate ? b : a);
  return { paths: c.paths, bestModel, best: c.models[bestModel][measure], linear: c.models.linear[measure] };
}

await runStage<Params>(import.meta.url, {
  schema: {
    ...STUDY_SCHEMA,
    ...NETWORK_SCHEMA,
    ...FOREST_SCHEMA,
    ...TUNING_SCHEMA,
    ...CV_PERIOD_SCHEMA,
    forwardFeatures: { type: "string[]" },
    embargo: { type: "integer", min: 0 },
    validShare: { type: "number", min: 0.05, max: 0.5 },
    seeds: { type: "integer[]", minLength: 1 },
    linearRidge: { type: "number", min: 0 },
    workers: { type: "integer", min: 1, max: 8 },
    dgps: { type: "string[]", enum: [...SYNTHETIC_DGPS], minLength: 1 },
    synthDays: { type: "integer", min: 300 },
    synthSeeds: { type: "integer[]", min: 0, minLength: 2 },
    synthPaths: { type: "integer", min: 100 },
    synthModels: { type: "string[]", enum: CORE_MODELS },
    synthForward: { type: "string[]" },
    synthExpiryDays: { type: "integer[]", min: 1, minLength: 2 },
    synthStrikeZ: { type: "number[]", minLength: 5 },
    synthFolds: { type: "integer", min: 1 },
    synthTestShare: { type: "number", min: 0.05, max: 0.8 },
    resamples: { type: "integer", min: 100 },
    bootstrapSeed: { type: "integer", min: 0 },
  },
  async run(ctx) {
    const p = ctx.params;
    checkSyntheticParams(p);
    if (!p.synthModels.includes("linear")) throw new RangeError(`synthModels must include "linear"`);
    const nonlinear = p.synthModels.filter((m) => m !== "static" && m !== "linear");
    if (nonlinear.length === 0) throw new RangeError(`synthModels must include a non-linear model`);
    const script = new URL("./worker.ts", import.meta.url);
    const pathJobs = p.dgps.flatMap((dgp) => p.synthSeeds.map((seed) => ({ path: { dgp, seed } })));
    const run = { workers: p.workers, script, handler: syntheticStudyHandler };
    const built = await runOnWorkers(pathJobs, { ...run, shared: p }) as SyntheticPath[];
    ctx.log(`${built.length} paths built`);
    const batch: FitBatch = { data: {}, folds: {}, jobs: [], params: p };
    built.forEach((path, i) => addDgpPath(batch, pathJobs[i].path.dgp, path, p));
    ctx.log(`${batch.jobs.length} fits on ${p.workers} worker(s), the MLPs tuned by rolling-origin CV first`);
    const grids = tuningGrids(p), cv = { ...p, seed: p.seeds[0] };
    const tuned = await runTunedBatch(batch, grids, cv, { workers: p.workers, script });
    const { jobs, outcomes } = tuned, runs = runSeries(jobs, outcomes);

    const dgps: Record<string, DgpMetrics> = {};
    const heads: Record<string, DgpHeadline> = {};
    for (const dgp of p.dgps) {
      const paths = built.filter((_, i) => pathJobs[i].path.dgp === dgp);
      const ev = evaluateSynthetic(paths, dgpRuns(runs, dgp), p);
      const side = (s: "long" | "short") => {
        const models = Object.keys(ev[s].pooled).filter((k) => k !== "static");
        const capture = captureOverPaths(ev, s, models, { resamples: p.resamples, seed: p.bootstrapSeed });
        return { capture, summary: ev[s] };
      };
      dgps[dgp] = { stressShare: ev.stressShare, long: side("long"), short: side("short") };
      const c = dgps[dgp].long.capture;
      const cands = Object.keys(c.models).filter((k) => nonlinear.some((m) => k === m || k === `${m}Ens`));
      heads[dgp] = {
        oracleCapture: headlineOf(c, "marginSaving", cands) as CaptureHeadline,
        pinballCapture: headlineOf(c, "pinballGain", cands) as CaptureHeadline,
        oracleBeatsStatic: c.oracleBeatsStatic,
      };
      const h = heads[dgp].oracleCapture;
      ctx.log(
        `${dgp}: margin saving captured, ${h.bestModel} ${h.best.estimate.toFixed(3)} [${h.best.lo.toFixed(3)}, ` +
          `${h.best.hi.toFixed(3)}], linear ${h.linear.estimate.toFixed(3)} [${h.linear.lo.toFixed(3)}, ` +
          `${h.linear.hi.toFixed(3)}]; oracle beats static on ${c.oracleBeatsStatic}/${c.paths} paths`,
      );
    }
    const main = p.dgps[0], first = built[0];
    const metrics: Metrics = {
      headline: {
        dgp: main,
        side: "long",
        method: dgps[main].long.capture.method,
        ...heads[main],
        baseline: heads.baseline ?? heads[main],
      },
      design: {
        paths: p.synthSeeds.length,
        days: p.synthDays,
        testRows: summarise(built.map((x) =>
          x.long.folds.reduce((s, f) => s + f.split.test.end - f.split.test.start, 0)
        )).mean,
        features: first.features,
        models: p.synthModels,
        nonlinearModels: nonlinear,
        seeds: p.seeds,
        nSeeds: p.seeds.length,
      },
      training: trainingSummary(jobs, outcomes, p.netEpochs),
      tuning: seriesTuningRecord(grids, tuned.choices, tuned.cvOutcomes, cv),
      dgps,
    };
    return { [`metrics.${ctx.profile}.json`]: metrics };
  },
});
