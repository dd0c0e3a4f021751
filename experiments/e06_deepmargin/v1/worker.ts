/**
 * e06 training worker: loads the e05 dataset and the crude panel, tokenizes
 * every portfolio, then trains the models of its jobs (transformer / MLP,
 * one seed each) and returns their predictions of `y` on the evaluation sets.
 * The two cores train different seeds in parallel (tfjs wasm is single-threaded).
 * @module
 */
import { panelFromCsv } from "../../../lib/data/mod.ts";
import { buildMarketDay, type MarketDayOptions } from "../../../lib/deepmargin/market_day.ts";
import { type LabelledPortfolio, toPortfolio } from "../../../lib/deepmargin/dataset.ts";
import { createTokenizer, type Tokenizer } from "../../../lib/deepmargin/tokenizer.ts";
import {
  type Example,
  fitNormalisation,
  initWeights,
  type ModelConfig,
  type ModelWeights,
  predictTf,
  trainModel,
} from "../../../lib/deepmargin/model.ts";
import { marginFromY, targetY } from "../../../lib/deepmargin/inference.ts";

/** One model to train. */
export interface TrainJob {
  name: string;
  config: ModelConfig;
  epochs: number;
  /** Train only on portfolios with at most this many positions (unseen-size test). */
  maxTrainSize?: number;
}

/** What a worker needs. */
export interface TrainRequest {
  datasetPath: string;
  panelPath: string;
  jobs: TrainJob[];
  offset: number;
  batchSize: number;
  learningRate: number;
  finalLearningRate: number;
  huberDelta: number;
  /** Return the weights of these jobs (for latency measurements). */
  keepWeights: string[];
}

/** A trained job's predictions (`y`) per evaluation set, in dataset order. */
export interface TrainOutcome {
  name: string;
  bestEpoch: number;
  history: { epoch: number; loss: number; val: number }[];
  pred: Record<string, number[]>;
  trainSize: number;
  weights?: ModelWeights;
}

/** The dataset written by e05. */
export interface Dataset {
  days: { index: number; date: string; counts: Record<string, number> }[];
  dayOptions: MarketDayOptions;
  stats: Record<string, unknown>;
  rows: LabelledPortfolio[];
}

/** Tokenized examples with their labels. */
export interface Prepared {
  ds: Dataset;
  ex: Example[];
  bySet: Record<string, number[]>;
  tokenizers: Map<number, Tokenizer>;
}

/** Load the dataset and tokenize every portfolio. */
export async function prepare(datasetPath: string, panelPath: string, offset: number): Promise<Prepared> {
  const ds = JSON.parse(await Deno.readTextFile(datasetPath)) as Dataset;
  const panel = panelFromCsv(await Deno.readTextFile(panelPath), "data/derived/crude_panel.csv");
  const tokenizers = new Map<number, Tokenizer>();
  for (const d of ds.days) {
    tokenizers.set(d.index, createTokenizer(buildMarketDay(panel, d.index, ds.dayOptions), { offset }));
  }
  const bySet: Record<string, number[]> = {};
  const ex: Example[] = ds.rows.map((r, i) => {
    (bySet[r.set] ??= []).push(i);
    const tk = tokenizers.get(r.day)!;
    const t = tk.tokenize(toPortfolio(r));
    if (!Object.is(t.span, r.span)) throw new Error(`e06: SPAN-like margin of row ${i} differs from e05's label`);
    return { n: t.n, tokens: t.tokens, context: t.context, agg: tk.aggregate(t) };
  });
  return { ds, ex, bySet, tokenizers };
}

/** Median of absolute USD errors of predictions `yHat` on rows `idx`. */
export function medaeUsd(rows: LabelledPortfolio[], idx: number[], yHat: ArrayLike<number>, offset: number): number {
  const e = idx.map((i, k) => Math.abs(marginFromY(yHat[k], rows[i].rr, rows[i].nov, offset) - rows[i].span2));
  e.sort((a, b) => a - b);
  const m = e.length >> 1;
  return e.length % 2 ? e[m] : (e[m - 1] + e[m]) / 2;
}

/** Train every job of a request on prepared data. */
export async function runTrainJobs(
  req: TrainRequest,
  prep: Prepared,
  log: (m: string) => void,
): Promise<TrainOutcome[]> {
  const { ds, ex, bySet } = prep;
  const rows = ds.rows;
  const out: TrainOutcome[] = [];
  for (const job of req.jobs) {
    const trIdx = bySet.train.filter((i) =>
      job.maxTrainSize === undefined || rows[i].positions.length <= job.maxTrainSize
    );
    const vaIdx = bySet.val.filter((i) =>
      job.maxTrainSize === undefined || rows[i].positions.length <= job.maxTrainSize
    );
    const w = initWeights(job.config);
    const train = trIdx.map((i) => ex[i]);
    fitNormalisation(w, train);
    const y = Float64Array.from(trIdx, (i) => targetY(rows[i].rr2, rows[i].rr, req.offset));
    const t0 = performance.now();
    const res = await trainModel(w, train, y, vaIdx.map((i) => ex[i]), (yh) => medaeUsd(rows, vaIdx, yh, req.offset), {
      epochs: job.epochs,
      batchSize: req.batchSize,
      learningRate: req.learningRate,
      finalLearningRate: req.finalLearningRate,
      huberDelta: req.huberDelta,
      seed: job.config.seed + 1000,
      onEpoch: (e, l, v) =>
        log(
          `${job.name} epoch ${e + 1}/${job.epochs} loss ${l.toFixed(5)} val MedAE ${v.toFixed(0)} (${
            ((performance.now() - t0) / 1000).toFixed(0)
          } s)`,
        ),
    });
    const pred: Record<string, number[]> = {};
    for (const s of ["val", "test", "oot"]) pred[s] = Array.from(await predictTf(w, bySet[s].map((i) => ex[i])));
    out.push({
      name: job.name,
      bestEpoch: res.bestEpoch,
      history: res.history,
      pred,
      trainSize: trIdx.length,
      weights: req.keepWeights.includes(job.name) ? w : undefined,
    });
  }
  return out;
}

// deno-lint-ignore no-explicit-any
const self_ = globalThis as any;
if (typeof self_.WorkerGlobalScope !== "undefined" && self_ instanceof self_.WorkerGlobalScope) {
  self_.onmessage = async (e: MessageEvent<TrainRequest & { id: number }>) => {
    const log = (m: string) => console.error(`[e06 worker ${e.data.id}] ${m}`);
    try {
      const prep = await prepare(e.data.datasetPath, e.data.panelPath, e.data.offset);
      log(`tokenized ${prep.ex.length} portfolios`);
      self_.postMessage({ outcomes: await runTrainJobs(e.data, prep, log) });
    } catch (err) {
      self_.postMessage({ error: `${(err as Error).name}: ${(err as Error).message}\n${(err as Error).stack}` });
    }
    self_.close();
  };
}
