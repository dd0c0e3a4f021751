/**
 * e06 — DeepMargin: a permutation-invariant transformer over a portfolio's
 * instrument tokens, and an MLP on hand-aggregated features, learn
 * `y = ln((RR2 + c)/(RR + c))`, i.e. `SPAN2 ≈ (1 + δ)·SPAN`, from the e05
 * portfolios. Evaluated against the SPAN 2-like reference on the in-sample
 * test portfolios, the out-of-time portfolios and (with a model trained on
 * small portfolios only) unseen portfolio sizes; several seeds. Baselines:
 * SPAN alone and SPAN with one constant δ fitted on the training set.
 * Latency (full profile only; wall-clock): single-portfolio p50/p99 of
 * SPAN-like + tokenization + network, network alone, batched throughput, and
 * the SPAN 2-like reference `span2Margin` on the same portfolios.
 * @module
 */
import { runStage } from "../../../lib/pipeline/harness.ts";
import { createPrng, permutation } from "../../../lib/core/prng.ts";
import { panelFromCsv } from "../../../lib/data/mod.ts";
import { buildMarketDay } from "../../../lib/deepmargin/market_day.ts";
import { toPortfolio } from "../../../lib/deepmargin/dataset.ts";
import { createPredictor, marginFromY, targetY } from "../../../lib/deepmargin/inference.ts";
import { createTokenizer } from "../../../lib/deepmargin/tokenizer.ts";
import { span2Margin } from "../../../lib/margin/span2.ts";
import type { ModelConfig } from "../../../lib/deepmargin/model.ts";
import { prepare, type Prepared, runTrainJobs, type TrainJob, type TrainOutcome, type TrainRequest } from "./worker.ts";

interface Params {
  offset: number;
  heads: number;
  hidden: number;
  mlpHidden: number;
  batchSize: number;
  learningRate: number;
  finalLearningRate: number;
  huberDelta: number;
  sizeSplit: number;
  scatterPoints: number;
  latencyPortfolios: number;
  referencePortfolios: number;
  mapeFloor: number;
  dModel: number;
  layers: number;
  dff: number;
  epochs: number;
  mlpEpochs: number;
  seeds: number[];
  workers: number;
  measureLatency: boolean;
}

interface ErrStats {
  n: number;
  medae: number;
  mape: number;
  p95: number;
  meanAe: number;
  /** Portfolios with SPAN2 >= mapeFloor (the MAPE denominator). */
  nMape: number;
}

function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const h = (sorted.length - 1) * q, lo = Math.floor(h);
  return lo + 1 < sorted.length ? sorted[lo] + (h - lo) * (sorted[lo + 1] - sorted[lo]) : sorted[lo];
}

let mapeFloor = 0;

function errStats(pred: ArrayLike<number>, truth: ArrayLike<number>): ErrStats {
  const ae: number[] = [];
  let ape = 0, nM = 0, sum = 0;
  for (let i = 0; i < truth.length; i++) {
    const e = Math.abs(pred[i] - truth[i]);
    ae.push(e);
    sum += e;
    if (truth[i] >= mapeFloor && truth[i] > 0) {
      ape += e / truth[i];
      nM++;
    }
  }
  ae.sort((a, b) => a - b);
  return {
    n: ae.length,
    medae: quantile(ae, 0.5),
    p95: quantile(ae, 0.95),
    meanAe: sum / ae.length,
    mape: ape / nM,
    nMape: nM,
  };
}

function mean(xs: number[]): number {
  return xs.reduce((a, b) => a + b, 0) / xs.length;
}

function meanStats(list: ErrStats[]): ErrStats {
  return {
    n: list[0].n,
    nMape: list[0].nMape,
    medae: mean(list.map((s) => s.medae)),
    mape: mean(list.map((s) => s.mape)),
    p95: mean(list.map((s) => s.p95)),
    meanAe: mean(list.map((s) => s.meanAe)),
  };
}

/** Longest-processing-time assignment of jobs to workers. */
function assign(jobs: { job: TrainJob; cost: number }[], workers: number): TrainJob[][] {
  const bins = Array.from({ length: workers }, () => ({ load: 0, jobs: [] as TrainJob[] }));
  for (const j of [...jobs].sort((a, b) => b.cost - a.cost)) {
    const b = bins.reduce((m, x) => (x.load < m.load ? x : m));
    b.jobs.push(j.job);
    b.load += j.cost;
  }
  return bins.map((b) => b.jobs);
}

function runWorker(req: TrainRequest, id: number): Promise<TrainOutcome[]> {
  return new Promise((resolve, reject) => {
    const w = new Worker(new URL("./worker.ts", import.meta.url).href, { type: "module" });
    w.onmessage = (e: MessageEvent<{ outcomes?: TrainOutcome[]; error?: string }>) => {
      w.terminate();
      if (e.data.error) reject(new Error(`e06 worker ${id}: ${e.data.error}`));
      else resolve(e.data.outcomes!);
    };
    w.onerror = (e) => {
      e.preventDefault();
      w.terminate();
      reject(new Error(`e06 worker ${id}: ${e.message}`));
    };
    w.postMessage({ ...req, id });
  });
}

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
    mapeFloor = p.mapeFloor;
    const datasetPath = await ctx.upstream("e05_deepmargin_data", `dataset.${ctx.profile}.json`);
    const panelPath = await ctx.upstream("d01_panel", "crude_panel.csv");
    const tcfg = (seed: number): ModelConfig => ({
      kind: "transformer",
      dModel: p.dModel,
      heads: p.heads,
      layers: p.layers,
      dff: p.dff,
      hidden: p.hidden,
      seed,
    });
    const mcfg = (seed: number): ModelConfig => ({ ...tcfg(seed), kind: "mlp", hidden: p.mlpHidden });
    const jobs: { job: TrainJob; cost: number }[] = [];
    for (const s of p.seeds) {
      jobs.push({ job: { name: `transformer_s${s}`, config: tcfg(s), epochs: p.epochs }, cost: p.epochs });
      jobs.push({ job: { name: `mlp_s${s}`, config: mcfg(s), epochs: p.mlpEpochs }, cost: p.mlpEpochs / 15 });
    }
    const s0 = p.seeds[0];
    jobs.push({
      job: { name: `transformer_small_s${s0}`, config: tcfg(s0), epochs: p.epochs, maxTrainSize: p.sizeSplit },
      cost: (p.epochs * p.sizeSplit) / 40,
    });
    const base: Omit<TrainRequest, "jobs"> = {
      datasetPath,
      panelPath,
      offset: p.offset,
      batchSize: p.batchSize,
      learningRate: p.learningRate,
      finalLearningRate: p.finalLearningRate,
      huberDelta: p.huberDelta,
      keepWeights: [`transformer_s${s0}`, `mlp_s${s0}`],
    };
    const t0 = performance.now();
    const prep: Prepared = await prepare(datasetPath, panelPath, p.offset);
    ctx.log(`tokenized ${prep.ex.length} portfolios in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    let outcomes: TrainOutcome[];
    if (p.workers === 1) outcomes = await runTrainJobs({ ...base, jobs: jobs.map((j) => j.job) }, prep, ctx.log);
    else {
      const parts = assign(jobs, p.workers);
      ctx.log(`jobs per worker: ${parts.map((x) => x.map((j) => j.name).join("+")).join(" | ")}`);
      outcomes = (await Promise.all(parts.map((jj, id) => runWorker({ ...base, jobs: jj }, id)))).flat();
    }
    const trainSecs = (performance.now() - t0) / 1000;
    ctx.log(`trained ${outcomes.length} models in ${trainSecs.toFixed(0)} s`);
    const byName = new Map(outcomes.map((o) => [o.name, o]));
    const rows = prep.ds.rows;
    const bySet = prep.bySet;
    const c = p.offset;

    // constant-δ baseline: the median training y
    const yTrain = bySet.train.map((i) => targetY(rows[i].rr2, rows[i].rr, c)).sort((a, b) => a - b);
    const yConst = quantile(yTrain, 0.5);

    const evalSet = (set: string, subset?: (i: number) => boolean) => {
      const all = bySet[set];
      const keep = all.map((i, k) => [i, k] as const).filter(([i]) => subset === undefined || subset(i));
      const truth = keep.map(([i]) => rows[i].span2);
      const fromY = (y: (k: number, i: number) => number) =>
        keep.map(([i, k]) => marginFromY(y(k, i), rows[i].rr, rows[i].nov, c));
      const model = (name: string) => errStats(fromY((k) => byName.get(name)!.pred[set][k]), truth);
      const tSeeds = p.seeds.map((s) => model(`transformer_s${s}`));
      const mSeeds = p.seeds.map((s) => model(`mlp_s${s}`));
      const ens = errStats(
        fromY((k) => mean(p.seeds.map((s) => byName.get(`transformer_s${s}`)!.pred[set][k]))),
        truth,
      );
      const span = errStats(keep.map(([i]) => rows[i].span), truth);
      const constDelta = errStats(fromY(() => yConst), truth);
      const tMean = meanStats(tSeeds), mMean = meanStats(mSeeds);
      return {
        n: keep.length,
        span,
        constDelta,
        transformer: { seeds: tSeeds, mean: tMean, ensemble: ens },
        mlp: { seeds: mSeeds, mean: mMean },
        ratio: {
          transformerMean: span.medae / tMean.medae,
          transformerWorstSeed: Math.min(...tSeeds.map((s) => span.medae / s.medae)),
          transformerBestSeed: Math.max(...tSeeds.map((s) => span.medae / s.medae)),
          transformerEnsemble: span.medae / ens.medae,
          mlpMean: span.medae / mMean.medae,
          constDelta: span.medae / constDelta.medae,
        },
      };
    };
    const test = evalSet("test");
    const oot = evalSet("oot");
    // portfolios whose SPAN 2-like margin is zero (long options worth more than their risk) are easy for every
    // model; the same comparison without them:
    const testNonZero = evalSet("test", (i) => rows[i].span2 > 0);
    const ootNonZero = evalSet("oot", (i) => rows[i].span2 > 0);
    const zeroShare = { test: 1 - testNonZero.n / test.n, oot: 1 - ootNonZero.n / oot.n };
    const size = (i: number) => rows[i].positions.length;
    const buckets: Record<string, unknown> = {};
    for (const [lo, hi] of [[1, 5], [6, 10], [11, 15], [16, 20]]) {
      const r = evalSet("test", (i) => size(i) >= lo && size(i) <= hi);
      buckets[`s${lo}_${hi}`] = {
        n: r.n,
        span: r.span,
        transformer: r.transformer.mean,
        ratio: r.ratio.transformerMean,
      };
    }
    // unseen sizes: the small model (trained on <= sizeSplit positions) on test portfolios above sizeSplit
    const big = bySet.test.map((i, k) => [i, k] as const).filter(([i]) => size(i) > p.sizeSplit);
    const small = byName.get(`transformer_small_s${s0}`)!;
    const bigTruth = big.map(([i]) => rows[i].span2);
    const smallStats = errStats(
      big.map(([i, k]) => marginFromY(small.pred.test[k], rows[i].rr, rows[i].nov, c)),
      bigTruth,
    );
    const mainStats = errStats(
      big.map(([i, k]) => marginFromY(byName.get(`transformer_s${s0}`)!.pred.test[k], rows[i].rr, rows[i].nov, c)),
      bigTruth,
    );
    const spanBig = errStats(big.map(([i]) => rows[i].span), bigTruth);
    const unseen = {
      sizeSplit: p.sizeSplit,
      trainPortfolios: small.trainSize,
      n: big.length,
      span: spanBig,
      smallModel: smallStats,
      fullModel: mainStats,
      ratioSmall: spanBig.medae / smallStats.medae,
      ratioFull: spanBig.medae / mainStats.medae,
    };
    // implied δ on the test set (seed-0 transformer)
    const tMain = byName.get(`transformer_s${s0}`)!;
    const deltas = bySet.test.map((i, k) => [i, k] as const).filter(([i]) => rows[i].span > 0).map(([i, k]) =>
      marginFromY(tMain.pred.test[k], rows[i].rr, rows[i].nov, c) / rows[i].span - 1
    ).sort((a, b) => a - b);
    const trueDeltas = bySet.test.filter((i) => rows[i].span > 0).map((i) => rows[i].span2 / rows[i].span - 1).sort((
      a,
      b,
    ) => a - b);

    // series: scatter sample and error histograms (test set)
    const perm = permutation(bySet.test.length, createPrng(7));
    const pick = Array.from(perm.subarray(0, Math.min(p.scatterPoints, perm.length)));
    const mMain = byName.get(`mlp_s${s0}`)!;
    const scatter = pick.map((k) => {
      const i = bySet.test[k], r = rows[i];
      return {
        span2: r.span2,
        span: r.span,
        mlp: marginFromY(mMain.pred.test[k], r.rr, r.nov, c),
        transformer: marginFromY(tMain.pred.test[k], r.rr, r.nov, c),
        positions: r.positions.length,
      };
    });
    const hist = (errs: number[]) => {
      const counts = new Array(36).fill(0); // log10(|err| + 1) in [0, 7.2) by 0.2
      for (const e of errs) counts[Math.min(35, Math.floor(Math.log10(e + 1) / 0.2))]++;
      return counts;
    };
    const errsOf = (f: (i: number, k: number) => number) => bySet.test.map((i, k) => Math.abs(f(i, k) - rows[i].span2));
    const histograms = {
      binWidth: 0.2,
      span: hist(errsOf((i) => rows[i].span)),
      constDelta: hist(errsOf((i) => marginFromY(yConst, rows[i].rr, rows[i].nov, c))),
      mlp: hist(errsOf((i, k) => marginFromY(mMain.pred.test[k], rows[i].rr, rows[i].nov, c))),
      transformer: hist(errsOf((i, k) => marginFromY(tMain.pred.test[k], rows[i].rr, rows[i].nov, c))),
    };

    // latency (wall clock; full profile only)
    let latency: Record<string, unknown> = { measured: false };
    if (p.measureLatency) {
      const panel = panelFromCsv(await Deno.readTextFile(panelPath), "data/derived/crude_panel.csv");
      const dayIdx = prep.ds.days[0].index;
      const day = buildMarketDay(panel, dayIdx, prep.ds.dayOptions);
      const tok = createTokenizer(day, { offset: c });
      const predict = createPredictor(tMain.weights!);
      const pfs = bySet.test.filter((i) => rows[i].day === dayIdx).concat(
        bySet.test.filter((i) => rows[i].day !== dayIdx),
      )
        .slice(0, p.latencyPortfolios).map((i) => {
          const r = rows[i];
          return { ...toPortfolio(r), _pf: r };
        });
      // the portfolios are re-priced on one market day (latency does not depend on the date)
      const pfOnDay = pfs.map((x) => ({ positions: x.positions }));
      for (const pf of pfOnDay) {
        predict(tok.tokenize(pf).tokens, pf.positions.length, new Float32Array(0), tok.aggregate(tok.tokenize(pf))); // warm-up
      }
      const endToEnd: number[] = [], netOnly: number[] = [];
      for (let rep = 0; rep < 5; rep++) {
        for (const pf of pfOnDay) {
          const a = performance.now();
          const t = tok.tokenize(pf);
          const agg = tok.aggregate(t);
          const b = performance.now();
          predict(t.tokens, t.n, t.context, agg);
          const e = performance.now();
          endToEnd.push(e - a);
          netOnly.push(e - b);
        }
      }
      endToEnd.sort((a, b) => a - b);
      netOnly.sort((a, b) => a - b);
      const tb = performance.now();
      let count = 0;
      for (let rep = 0; rep < 5; rep++) {
        for (const pf of pfOnDay) {
          const t = tok.tokenize(pf);
          predict(t.tokens, t.n, t.context, tok.aggregate(t));
          count++;
        }
      }
      const throughput = count / ((performance.now() - tb) / 1000);
      const ref: number[] = [];
      for (const pf of pfOnDay.slice(0, p.referencePortfolios)) {
        const a = performance.now();
        span2Margin(pf, day.market, day.history, day.span2Params);
        ref.push(performance.now() - a);
      }
      ref.sort((a, b) => a - b);
      const refDefault: number[] = [];
      for (const pf of pfOnDay.slice(0, Math.min(5, p.referencePortfolios))) {
        const a = performance.now();
        span2Margin(pf, day.market, day.history, { ...day.span2Params, treeSteps: 200 });
        refDefault.push(performance.now() - a);
      }
      refDefault.sort((a, b) => a - b);
      latency = {
        measured: true,
        date: day.date,
        portfolios: pfOnDay.length,
        endToEndMs: { p50: quantile(endToEnd, 0.5), p99: quantile(endToEnd, 0.99) },
        networkMs: { p50: quantile(netOnly, 0.5), p99: quantile(netOnly, 0.99) },
        throughputPerSec: throughput,
        referenceMs: { n: ref.length, p50: quantile(ref, 0.5), p99: quantile(ref, 0.99), mean: mean(ref) },
        referenceTree200Ms: { n: refDefault.length, p50: quantile(refDefault, 0.5) },
        speedupP50: quantile(ref, 0.5) / quantile(endToEnd, 0.5),
        speedupMean: mean(ref) / mean(endToEnd),
        speedupTree200P50: quantile(refDefault, 0.5) / quantile(endToEnd, 0.5),
        // labelling every portfolio with span2Margin directly, at its measured mean cost
        directLabelHours: (mean(ref) * rows.length) / 3_600_000,
      };
      ctx.log(`latency: ${JSON.stringify(latency)}`);
    }

    const metrics = {
      seeds: p.seeds.length,
      // ION DeepMargin's published anchor (10,000 test portfolios): median absolute error of SPAN and of the network
      anchor: { spanMedae: 1136.42, networkMedae: 140.51, ratio: 1136.42 / 140.51 },
      data: prep.ds.stats,
      days: {
        inSample: prep.ds.days.filter((d) => d.counts.train !== undefined).length,
        outOfTime: prep.ds.days.filter((d) => d.counts.oot !== undefined).length,
        firstInSample: prep.ds.days[0].date,
        lastInSample: prep.ds.days.filter((d) => d.counts.train !== undefined).at(-1)!.date,
        firstOot: prep.ds.days.find((d) => d.counts.oot !== undefined)!.date,
        lastOot: prep.ds.days.at(-1)!.date,
      },
      constDeltaY: yConst,
      test,
      oot,
      zeroShare,
      testNonZero: {
        n: testNonZero.n,
        span: testNonZero.span,
        transformer: testNonZero.transformer.mean,
        mlp: testNonZero.mlp.mean,
        ratio: testNonZero.ratio,
      },
      ootNonZero: {
        n: ootNonZero.n,
        span: ootNonZero.span,
        transformer: ootNonZero.transformer.mean,
        mlp: ootNonZero.mlp.mean,
        ratio: ootNonZero.ratio,
      },
      sizes: { buckets, unseen },
      delta: {
        impliedMedian: quantile(deltas, 0.5),
        trueMedian: quantile(trueDeltas, 0.5),
        trueP05: quantile(trueDeltas, 0.05),
        trueP95: quantile(trueDeltas, 0.95),
      },
      training: Object.fromEntries(
        outcomes.map((
          o,
        ) => [o.name, {
          bestEpoch: o.bestEpoch + 1,
          trainPortfolios: o.trainSize,
          finalValMedae: o.history.at(-1)!.val,
        }]),
      ),
      latency,
    };
    const series = {
      scatter,
      histograms,
      history: Object.fromEntries(outcomes.map((o) => [o.name, o.history])),
    };
    return { [`metrics.${ctx.profile}.json`]: metrics, [`series.${ctx.profile}.json`]: series };
  },
});
