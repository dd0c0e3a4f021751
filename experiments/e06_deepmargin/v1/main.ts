/**
 * e06 — DeepMargin: a permutation-invariant transformer over a portfolio's
 * instrument tokens, and an MLP on hand-aggregated features, learn
 * `y = ln((RR2 + c)/(RR + c))`, i.e. `SPAN2 ≈ (1 + δ)·SPAN`, from the e05
 * portfolios (lib/deepmargin, trained through lib/nn). Evaluated against the
 * SPAN 2-like reference on the in-sample test portfolios, the out-of-time
 * portfolios and (with a model trained on small portfolios only) unseen
 * portfolio sizes; several seeds. Baselines: SPAN alone and SPAN with one
 * constant δ fitted on the training set. Latency (full profile only;
 * wall-clock): single-portfolio p50/p99 of SPAN-like + tokenization + network,
 * network alone, batched throughput, and the SPAN 2-like reference
 * `span2Margin` on the same portfolios.
 * @module
 */
import { runStage } from "../../../lib/pipeline/harness.ts";
import { runOnWorkers } from "../../../lib/pipeline/workers.ts";
import { readCrudePanel } from "../../../lib/data/read_crude_panel.ts";
import { buildMarketDay } from "../../../lib/deepmargin/market_day.ts";
import { toPortfolio } from "../../../lib/deepmargin/dataset.ts";
import { deepMarginJobs, type TrainSettings } from "../../../lib/deepmargin/training.ts";
import { datasetDays, evaluateDeepMargin, trainingSummary } from "../../../lib/deepmargin/evaluation.ts";
import { measureLatency } from "../../../lib/deepmargin/latency.ts";
import { prepared, type Shared, trainJob } from "./worker.ts";
import { ANCHOR, type Metrics, type Params, type Series } from "./outputs.ts";

await runStage<Params>(import.meta.url, {
  schema: {
    offset: { type: "number", min: 1 },
    heads: { type: "integer", min: 1 },
    hidden: { type: "integer", min: 1 },
    mlpHidden: { type: "integer", min: 1 },
    batchSize: { type: "integer", min: 1 },
    learningRate: { type: "number", min: 0 },
    finalLearningRate: { type: "number", min: 0 },
    huberDelta: { type: "number", min: 0 },
    sizeSplit: { type: "integer", min: 1, max: 19 },
    scatterPoints: { type: "integer", min: 10 },
    latencyPortfolios: { type: "integer", min: 10 },
    referencePortfolios: { type: "integer", min: 1 },
    mapeFloor: { type: "number", min: 0 },
    dModel: { type: "integer", min: 1 },
    layers: { type: "integer", min: 1 },
    dff: { type: "integer", min: 1 },
    epochs: { type: "integer", min: 1 },
    mlpEpochs: { type: "integer", min: 1 },
    seeds: { type: "integer[]", min: 0, minLength: 1 },
    workers: { type: "integer", min: 1, max: 8 },
    measureLatency: { type: "boolean" },
  },
  async run(ctx) {
    const p = ctx.params;
    const datasetPath = await ctx.upstream("e05_deepmargin_data", `dataset.${ctx.profile}.json`);
    const panel = await readCrudePanel(ctx);
    const settings: TrainSettings = {
      offset: p.offset,
      batchSize: p.batchSize,
      learningRate: p.learningRate,
      finalLearningRate: p.finalLearningRate,
      huberDelta: p.huberDelta,
    };
    const jobs = deepMarginJobs({
      seeds: p.seeds,
      epochs: p.epochs,
      mlpEpochs: p.mlpEpochs,
      sizeSplit: p.sizeSplit,
      transformer: { dModel: p.dModel, heads: p.heads, layers: p.layers, dff: p.dff, hidden: p.hidden },
      mlpHidden: p.mlpHidden,
    });
    const s0 = p.seeds[0];
    const shared: Shared = { datasetPath, panel, settings, keepWeights: [`transformer_s${s0}`, `mlp_s${s0}`] };
    const t0 = performance.now();
    const prep = await prepared(shared);
    ctx.log(`tokenized ${prep.ex.length} portfolios in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    const outcomes = await runOnWorkers(jobs, {
      workers: p.workers,
      script: new URL("./worker.ts", import.meta.url),
      shared,
      handler: trainJob,
      cost: (j) => j.cost,
      jobId: (j) => j.name,
      onProgress: (e) =>
        ctx.log(e.kind === "log" ? `[w${e.worker}] ${e.message}` : `${e.job} done (${e.done}/${e.total})`),
    });
    ctx.log(`trained ${outcomes.length} models in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
    const byName = new Map(outcomes.map((o) => [o.name, o]));
    const rows = prep.ds.rows, bySet = prep.bySet;
    const evaluation = evaluateDeepMargin({
      rows,
      bySet,
      outcomes: byName,
      seeds: p.seeds,
      offset: p.offset,
      sizeSplit: p.sizeSplit,
      scatterPoints: p.scatterPoints,
      mapeFloor: p.mapeFloor,
    });

    // latency (wall clock; full profile only): test portfolios of the first day first, re-priced on that day
    let latency: Metrics["latency"] = { measured: false };
    if (p.measureLatency) {
      const dayIdx = prep.ds.days[0].index;
      const test = bySet.test.filter((i) => rows[i].day === dayIdx).concat(
        bySet.test.filter((i) => rows[i].day !== dayIdx),
      );
      const lat = measureLatency({
        day: buildMarketDay(panel, dayIdx, prep.ds.dayOptions),
        weights: byName.get(`transformer_s${s0}`)!.weights!,
        portfolios: test.slice(0, p.latencyPortfolios).map((i) => toPortfolio(rows[i])),
        offset: p.offset,
        referencePortfolios: p.referencePortfolios,
        now: () => performance.now(),
      });
      // labelling every portfolio with span2Margin directly, at its measured mean cost
      latency = { ...lat, directLabelHours: (lat.referenceMs.mean * rows.length) / 3_600_000 };
      ctx.log(`latency: ${JSON.stringify(latency)}`);
    }

    const metrics: Metrics = {
      seeds: p.seeds.length,
      anchor: ANCHOR,
      data: prep.ds.stats,
      days: datasetDays(prep.ds.days),
      ...evaluation.metrics,
      training: trainingSummary(outcomes),
      latency,
    };
    const series: Series = {
      ...evaluation.series,
      history: Object.fromEntries(outcomes.map((o) => [o.name, o.history])),
    };
    return { [`metrics.${ctx.profile}.json`]: metrics, [`series.${ctx.profile}.json`]: series };
  },
});
