/**
 * e06 v2 — DeepMargin as a like-for-like reproduction (issue 15). Networks learn `y = ln((RR2 + c)/(RR + c))`,
 * i.e. `SPAN2 ≈ (1 + δ)·SPAN`, from the e05 portfolios on two input sets: *anchor-like* tokens (position
 * descriptors and the SPAN-like risk array: what ION's network could see; the headline) and e06 v1's *wide* tokens
 * (which add P&L at the label engine's own FHS/stressed moves and stress scenarios). Per input set and seed a
 * transformer and an MLP, trained under one rule (epoch cap per family, early stopping on the validation median
 * absolute USD error, the same learning-rate schedule); baselines SPAN alone, one constant δ, ridge and a forest
 * on pooled token features. Validation and test portfolios identical to a training portfolio are left out.
 * Errors (`surrogateMetrics`) on the test dates and out of time, by size, on unseen sizes. Latency (full
 * profile only; wall clock, volatile): surrogate vs the warm exact per-date cache vs the exact engine from scratch,
 * warm and cold (`measureWarmColdLatency`).
 * @module
 */
import { runStage } from "../../../lib/pipeline/harness.ts";
import { runOnWorkers } from "../../../lib/pipeline/workers.ts";
import { readCrudePanel } from "../../../lib/data/read_crude_panel.ts";
import { buildMarketDay } from "../../../lib/deepmargin/market_day.ts";
import { toPortfolio } from "../../../lib/deepmargin/dataset.ts";
import { datasetDays } from "../../../lib/deepmargin/evaluation.ts";
import { findDuplicatePortfolios } from "../../../lib/deepmargin/duplicate_portfolios.ts";
import { INPUT_SETS, inputSetTokenizer } from "../../../lib/deepmargin/input_sets.ts";
import { surrogateJobs, type SurrogateOutcome } from "../../../lib/deepmargin/surrogate_jobs.ts";
import { evaluateSurrogates } from "../../../lib/deepmargin/surrogate_study.ts";
import { surrogateHeadline, trainingRecords } from "../../../lib/deepmargin/surrogate_summary.ts";
import { measureWarmColdLatency } from "../../../lib/deepmargin/warm_cold_latency.ts";
import type { TrainSettings } from "../../../lib/deepmargin/training.ts";
import { loadDataset, type Shared, trainJob } from "./worker.ts";
import { ANCHOR, type Metrics, type Params, type Series } from "./outputs.ts";

const int = { type: "integer", min: 1 } as const, num = { type: "number", min: 0 } as const;

await runStage<Params>(import.meta.url, {
  schema: {
    offset: { type: "number", min: 1 },
    ...Object.fromEntries(
      [
        ...["heads", "hidden", "mlpHidden", "batchSize", "patience", "scatterPoints", "latencyPortfolios"],
        ...["epochSample", "exactLatencyPortfolios", "forestTrees", "forestRows", "forestDepth", "dModel", "layers"],
        ...["dff", "epochs", "mlpEpochs", "lrPatience"],
      ].map((k) => [k, int]),
    ),
    lrFactor: { type: "number", min: 0.01, max: 0.99 },
    ...Object.fromEntries(
      ["learningRate", "finalLearningRate", "huberDelta", "mapeFloor", "minImprovement"].map((k) => [k, num]),
    ),
    sizeSplit: { type: "integer", min: 1, max: 19 },
    seeds: { type: "integer[]", min: 0, minLength: 1 },
    wideSeeds: { type: "integer[]", min: 0, minLength: 1 },
    workers: { type: "integer", min: 1, max: 8 },
    measureLatency: { type: "boolean" },
  },
  async run(ctx) {
    const p = ctx.params;
    const datasetPath = await ctx.upstream("e05_deepmargin_data", `dataset.${ctx.profile}.json`);
    const panel = await readCrudePanel(ctx);
    // optimiser settings: the params of the same names (offset, batchSize, rates, patience, epochSample, minImprovement)
    const settings: TrainSettings = { ...p, plateau: { factor: p.lrFactor, patience: p.lrPatience } };
    const inputSeeds = { wide: p.wideSeeds };
    const forest = { trees: p.forestTrees, rows: p.forestRows, maxDepth: p.forestDepth };
    const jobs = surrogateJobs({
      seeds: p.seeds,
      inputSeeds,
      inputs: INPUT_SETS,
      epochs: p.epochs,
      mlpEpochs: p.mlpEpochs,
      sizeSplit: p.sizeSplit,
      smallInputs: "anchor",
      transformer: { dModel: p.dModel, heads: p.heads, layers: p.layers, dff: p.dff, hidden: p.hidden },
      mlpHidden: p.mlpHidden,
      forest,
    });
    const s0 = p.seeds[0];
    const shared: Shared = { datasetPath, panel, settings, forest, keepWeights: [`transformer_anchor_s${s0}`] };
    const t0 = performance.now();
    const { ds, bySet } = await loadDataset(datasetPath);
    const dup = findDuplicatePortfolios(ds.rows);
    const outcomes: SurrogateOutcome[] = await runOnWorkers(jobs, {
      workers: p.workers,
      script: new URL("./worker.ts", import.meta.url),
      shared,
      handler: trainJob,
      cost: (j) => j.cost,
      jobId: (j) => j.name,
      onProgress: (e) =>
        ctx.log(e.kind === "log" ? `[w${e.worker}] ${e.message}` : `${e.job} done (${e.done}/${e.total})`),
    });
    ctx.log(`ran ${outcomes.length} jobs in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
    const rows = ds.rows;
    const study = evaluateSurrogates({
      rows,
      bySet,
      pred: Object.fromEntries(outcomes.map((o) => [o.name, o.pred])),
      trainSize: Object.fromEntries(outcomes.map((o) => [o.name, o.trainSize])),
      inputs: INPUT_SETS,
      seeds: p.seeds,
      inputSeeds,
      offset: p.offset,
      apeFloor: p.mapeFloor,
      sizeSplit: p.sizeSplit,
      smallInputs: "anchor",
      scatterPoints: p.scatterPoints,
    });
    const tr = trainingRecords(outcomes, (name) => name.startsWith("mlp_") ? p.mlpEpochs : p.epochs);
    // latency (wall clock; full profile only): test portfolios of the first day first, re-priced on that day
    let latency: Metrics["latency"] = { measured: false };
    if (p.measureLatency) {
      const dayIdx = ds.days[0].index;
      const test = bySet.test.filter((i) => rows[i].day === dayIdx).concat(
        bySet.test.filter((i) => rows[i].day !== dayIdx),
      );
      const net = outcomes.find((o) => o.name === `transformer_anchor_s${s0}`);
      if (net?.type !== "net" || net.weights === undefined) {
        throw new RangeError("e06 v2: no anchor transformer weights");
      }
      const lat = measureWarmColdLatency({
        day: buildMarketDay(panel, dayIdx, ds.dayOptions),
        weights: net.weights,
        portfolios: test.slice(0, p.latencyPortfolios).map((i) => toPortfolio(rows[i])),
        tokenizer: (day) => inputSetTokenizer("anchor")(day, p.offset),
        offset: p.offset,
        exactPortfolios: Math.min(p.exactLatencyPortfolios, p.latencyPortfolios),
        now: () => performance.now(),
        log: ctx.log,
      });
      latency = { measured: true, ...lat };
      ctx.log(`latency: ${JSON.stringify(lat.speedupP50)}`);
    }
    const headline = surrogateHeadline(study.metrics, ANCHOR.ratio, latency.measured ? latency : null);
    const duplicates: Metrics["duplicates"] = {};
    for (const [s, d] of Object.entries(dup.sets)) {
      duplicates[s] = { n: d.n, duplicates: d.duplicates, kept: bySet[s].length };
    }
    const metrics: Metrics = {
      headline,
      seeds: p.seeds.length,
      anchor: ANCHOR,
      data: ds.stats,
      days: datasetDays(ds.days),
      duplicates,
      ...study.metrics,
      training: tr.records,
      anyBestAtCap: Object.values(tr.records).some((t) => t.bestAtCap),
      bestEpochAtCap: Object.values(tr.records).filter((t) => t.bestAtCap).length,
      ridgeLambda: tr.ridgeLambda,
      latency,
    };
    const series: Series = { ...study.series, history: tr.history };
    return { [`metrics.${ctx.profile}.json`]: metrics, [`series.${ctx.profile}.json`]: series };
  },
});
