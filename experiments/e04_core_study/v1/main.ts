/**
 * e04 — the core study. Can a learned correction factor `m_t ∈ [mMin, mMax]` on top of a baseline HS VaR initial
 * margin keep 99% coverage while holding less, and steadier, margin than a static multiplier?
 *
 * Real track (`lib/study` `walkForwardBatch`): long and short one WTI front-month contract (rolled P&L as in
 * e01), MPOR h, IM_t = HS VaR of the last `lookback` overlapping h-day P&Ls, target r_t = L_{t,t+h} / IM_t,
 * crude features at t plus `ewma_to_im`. Yearly walk-forward: for test year Y the pre-test span holds every row
 * whose loss is realised before Y (plus an embargo); models train on its first (1 − validShare), the networks
 * early-stop on the rest. Nothing is tuned on test data. The fits are independent seeded jobs
 * (`fitJobHandler`) on `workers` workers of `lib/pipeline`'s pool; `evaluateWalkForward` scores them.
 *
 * Synthetic track (`buildSyntheticPath`, `evaluateSynthetic`): independent paths of the seeded synthetic market
 * whose oracle (the true conditional 99% quantile) gives the oracle multiplier; walk-forward over blocks of the
 * last part of each path; distance to the oracle and the share of its pinball gain and margin saving captured.
 *
 * Outputs (typed in `outputs.ts`): per side and model every backtest metric over seeds, `<model>Ens`, `byYear`,
 * `ablation`, `design`, `synthetic`; series of test dates, loss, IM, static and best-network multipliers.
 * @module
 */
import { runStage } from "../../../lib/pipeline/harness.ts";
import { runOnWorkers } from "../../../lib/pipeline/workers.ts";
import { readCrudePanel } from "../../../lib/data/mod.ts";
import { mean } from "../../../lib/core/stats.ts";
import * as study from "../../../lib/study/mod.ts";
import { addSyntheticPath, CORE_MODELS, walkForwardBatch } from "../../../lib/study/walk_forward_batch.ts";
import { evaluateWalkForward } from "../../../lib/study/walk_forward_evaluation.ts";
import { evaluateSynthetic } from "../../../lib/study/synthetic_evaluation.ts";
import { fitJobHandler } from "./worker.ts";
import type { Metrics, Params, Series } from "./outputs.ts";

const r3 = (x: number) => Math.round(x * 1000) / 1000;
const r0 = (x: number) => Math.round(x);

await runStage<Params>(import.meta.url, {
  schema: {
    ...study.STUDY_SCHEMA,
    ...study.NETWORK_SCHEMA,
    ...study.FOREST_SCHEMA,
    ...study.SEQUENCE_SCHEMA,
    forwardFeatures: { type: "string[]" },
    testYears: { type: "integer[]", min: 1990, max: 2030, minLength: 1 },
    embargo: { type: "integer", min: 0 },
    validShare: { type: "number", min: 0.05, max: 0.5 },
    models: { type: "string[]", enum: CORE_MODELS, minLength: 1 },
    seeds: { type: "integer[]", minLength: 1 },
    linearRidge: { type: "number", min: 0 },
    trafficSims: { type: "integer", min: 100 },
    workers: { type: "integer", min: 1, max: 8 },
    synthDays: { type: "integer", min: 0 },
    synthSeeds: { type: "integer[]", min: 0, minLength: 1 },
    synthPaths: { type: "integer", min: 100 },
    synthModels: { type: "string[]", enum: CORE_MODELS },
    synthForward: { type: "string[]" },
    synthFolds: { type: "integer", min: 1 },
    synthTestShare: { type: "number", min: 0.05, max: 0.8 },
  },
  async run(ctx) {
    const p = ctx.params;
    study.checkStudyParams(p);
    study.checkSyntheticParams(p);
    const tStart = performance.now();
    const panel = await readCrudePanel(ctx, p.sampleEnd);
    const wf = walkForwardBatch(panel, p), { batch, folds, nReal } = wf, sDates = wf.study.long.dates;
    ctx.log(`sample ${sDates[0]} … ${sDates.at(-1)}: ${sDates.length} rows, ${p.features.length} features`);
    const paths = (p.synthDays > 0 ? p.synthSeeds : []).map((seed) => {
      const path = study.buildSyntheticPath(p, seed);
      addSyntheticPath(batch, path, p);
      ctx.log(
        `synthetic path ${seed}: ${path.long.data.dates.length} rows, stress share ${path.stressShare.toFixed(3)}`,
      );
      return path;
    });

    // ---------- fit everything ----------
    ctx.log(`${batch.jobs.length} fits (${nReal} real-track) on ${p.workers} worker(s)`);
    const tFit = performance.now(), seconds: number[] = [];
    const { jobs, ...shared } = batch;
    const outcomes = await runOnWorkers(jobs, {
      workers: p.workers,
      script: new URL("./worker.ts", import.meta.url),
      shared,
      handler: fitJobHandler,
      onProgress: (e) => e.kind === "done" && (seconds[Number(e.job)] = e.seconds),
    });
    const runs = study.runSeries(jobs, outcomes);
    ctx.log(`fitted in ${((performance.now() - tFit) / 1000).toFixed(0)}s wall`);

    // ---------- real track ----------
    const ev = evaluateWalkForward(wf, runs, p), { evalRows, zone } = ev;
    const metrics = { long: ev.sides.long.metrics, short: ev.sides.short.metrics } as Omit<Metrics, "params">;
    const series = { dates: evalRows.map((i) => sDates[i]) } as Series;
    for (const side of study.STUDY_SIDES) {
      const s = ev.sides[side], b = s.best;
      const best = b && { best: b.model, bestMean: Array.from(b.mean, r3), bestLo: Array.from(b.lo, r3) };
      const loss = Array.from(s.loss, r0), im = Array.from(s.im, r0);
      series[side] = {
        loss,
        im,
        static: Array.from(s.static, r3),
        ...best,
        ...(b && { bestHi: Array.from(b.hi, r3) }),
      };
      ctx.log(`${side}: evaluated ${p.models.length} models on ${evalRows.length} rows`);
    }
    const fits = Object.fromEntries(p.models.map((model) => {
      const v = jobs.slice(0, nReal).flatMap((j, k) => j.model === model ? [outcomes[k]] : []);
      return [model, {
        fits: v.length,
        meanEpochs: mean(v.map((x) => x.epochs)),
        meanBestEpoch: mean(v.map((x) => x.bestEpoch)),
      }];
    }));
    const first = folds[0].split, last = folds[folds.length - 1].split, nHist = wf.histFeatures.length;
    const from = (col: Float64Array) => panel.dates[col.findIndex((v) => Number.isFinite(v))];
    metrics.design = {
      ...{ sampleFrom: sDates[0], sampleTo: sDates[sDates.length - 1], sampleRows: sDates.length },
      ...{ nFeatures: p.features.length, nHistFeatures: nHist, nForwardFeatures: p.features.length - nHist },
      ...{ testFrom: sDates[evalRows[0]], testTo: sDates[evalRows[evalRows.length - 1]], testRows: evalRows.length },
      ...{ ovxFrom: from(panel.columns.ovx), vix3mFrom: from(panel.columns.vix3m) },
      ...{ firstTestYear: folds[0].id, lastTestYear: folds[folds.length - 1].id, nFolds: folds.length },
      ...{ nSeeds: p.seeds.length, firstTrainRows: first.train.end, lastTrainRows: last.train.end },
      ...{ zoneGreenMax: zone.greenMax, zoneYellowMax: zone.yellowMax },
      folds: folds.map(({ id, split: sp }) => ({
        year: id,
        ...{ trainFrom: sDates[sp.train.start], trainTo: sDates[sp.train.end - 1] },
        ...{ validFrom: sDates[sp.valid.start], validTo: sDates[sp.valid.end - 1] },
        ...{ testFrom: sDates[sp.test.start], testTo: sDates[sp.test.end - 1] },
      })),
      fits,
    };

    // ---------- synthetic track ----------
    if (paths.length > 0) {
      const syn = metrics.synthetic = evaluateSynthetic(paths, runs, p);
      for (const side of study.STUDY_SIDES) {
        const o = (k: string) => (syn[side][k] as Record<"pinball", { mean: number }>).pinball.mean.toFixed(4);
        ctx.log(
          `synthetic ${side}: oracle pinball ${o("oracle")}, static ${o("static")} (mean of ${paths.length} paths)`,
        );
      }
    }
    const byModel: Record<string, number> = {};
    jobs.forEach((j, k) => {
      const tag = k < nReal ? j.model : `synthetic ${j.model}`;
      byModel[tag] = Math.round((byModel[tag] ?? 0) + seconds[k]);
    });
    ctx.log(`done in ${((performance.now() - tStart) / 1000).toFixed(0)}s; fit seconds: ${JSON.stringify(byModel)}`);
    return { [`metrics.${ctx.profile}.json`]: metrics, [`series.${ctx.profile}.json`]: series };
  },
});
