/**
 * The DeepMargin study's training jobs: the labelled dataset (what the e05
 * stage writes) tokenized into examples, the list of models to train (one
 * transformer and one MLP per seed, and a transformer trained on small
 * portfolios only for the unseen-size test), and one job trained through
 * {@link trainModel} with its predictions of `y` on the evaluation sets.
 * Every job is seeded on its own, so a job's outcome does not depend on the
 * worker that runs it or on the jobs run before it.
 *
 * @example
 * ```ts
 * import { deepMarginJobs } from "./training.ts";
 * const jobs = deepMarginJobs({ seeds: [1, 2], epochs: 4, mlpEpochs: 20, sizeSplit: 10,
 *   transformer: { dModel: 16, heads: 2, layers: 1, dff: 32, hidden: 16 }, mlpHidden: 32 });
 * console.log(jobs.map((j) => j.name)); // transformer_s1, mlp_s1, transformer_s2, mlp_s2, transformer_small_s1
 * ```
 * @module
 */
import type { Panel } from "../data/panel.ts";
import { type LabelledPortfolio, toPortfolio } from "./dataset.ts";
import { marginFromY, targetY } from "./inference.ts";
import { buildMarketDay, type MarketDayOptions } from "./market_day.ts";
import {
  type Example,
  fitNormalisation,
  initWeights,
  type ModelConfig,
  type ModelWeights,
  predictTf,
  trainModel,
} from "./model.ts";
import { createTokenizer, type Tokenizer } from "./tokenizer.ts";
import type { MarketDay } from "./market_day.ts";

/** A day's tokenizer (the input set): `createTokenizer` (wide tokens) or e.g. the anchor tokenizer. */
export type TokenizerFactory = (day: MarketDay, offset: number) => Tokenizer;

/** One market day of a dataset: panel row, date and portfolios per split. */
export interface DatasetDay {
  index: number;
  date: string;
  counts: Record<string, number>;
}

/** The labelled dataset (the e05 stage's `dataset.{profile}.json`). */
export interface DeepMarginDataset {
  days: DatasetDay[];
  dayOptions: MarketDayOptions;
  stats: {
    portfolios: number;
    positions: number;
    bySet: Record<string, number>;
    instrumentsRevalued: number;
    span2Scenarios: number;
    referenceChecked: number;
  };
  rows: LabelledPortfolio[];
}

/** Tokenized examples of a dataset, and the row indices of each split. */
export interface PreparedData {
  ds: DeepMarginDataset;
  ex: Example[];
  bySet: Record<string, number[]>;
}

/**
 * Tokenize every portfolio of a dataset on its market day (panel rows as in the dataset) with `tokenizer`
 * (default: the wide tokens of `createTokenizer`).
 *
 * @throws {RangeError} when a row's SPAN-like margin differs from its label (dataset and code disagree)
 * @example
 * ```ts ignore
 * const prep = prepareExamples(dataset, panel, 1000);
 * prep.bySet.test.length; // test portfolios
 * ```
 */
export function prepareExamples(
  ds: DeepMarginDataset,
  panel: Panel,
  offset: number,
  tokenizer: TokenizerFactory = (day, o) => createTokenizer(day, { offset: o }),
): PreparedData {
  const tokenizers = new Map(
    ds.days.map((d) => [d.index, tokenizer(buildMarketDay(panel, d.index, ds.dayOptions), offset)]),
  );
  const bySet: Record<string, number[]> = {};
  const ex: Example[] = ds.rows.map((r, i) => {
    (bySet[r.set] ??= []).push(i);
    const tk = tokenizers.get(r.day);
    if (tk === undefined) throw new RangeError(`prepareExamples: row ${i} is on day ${r.day}, not in ds.days`);
    const t = tk.tokenize(toPortfolio(r));
    if (!Object.is(t.span, r.span)) {
      throw new RangeError(
        `prepareExamples: SPAN-like margin of row ${i} (${t.span}) differs from its label ${r.span}`,
      );
    }
    return { n: t.n, tokens: t.tokens, context: t.context, agg: tk.aggregate(t) };
  });
  return { ds, ex, bySet };
}

/**
 * Median absolute USD error of predictions `yHat` (of `y`) on rows `idx`.
 *
 * @example
 * ```ts
 * import { medaeUsd } from "./training.ts";
 * const row = { set: "val", day: 0, positions: [], span: 0, span2: 500, rr: 400, rr2: 500, nov: 0 };
 * medaeUsd([row], [0], [0], 1000); // |max(0, 1400·e⁰ − 1000) − 500| = 100
 * ```
 */
export function medaeUsd(rows: LabelledPortfolio[], idx: number[], yHat: ArrayLike<number>, offset: number): number {
  const e = idx.map((i, k) => Math.abs(marginFromY(yHat[k], rows[i].rr, rows[i].nov, offset) - rows[i].span2));
  e.sort((a, b) => a - b);
  const m = e.length >> 1;
  return e.length % 2 ? e[m] : (e[m - 1] + e[m]) / 2;
}

/** One model to train. */
export interface TrainJob {
  name: string;
  config: ModelConfig;
  epochs: number;
  /** Train only on portfolios with at most this many positions (unseen-size test). */
  maxTrainSize?: number;
  /** Relative cost (workers take the costliest jobs first). */
  cost: number;
  /** Input set (tokenizer) the job trains on, for callers that prepare several; absent: the only one. */
  inputs?: string;
}

/** Architecture and epochs of the study's models. */
export interface JobPlan {
  seeds: readonly number[];
  epochs: number;
  mlpEpochs: number;
  sizeSplit: number;
  transformer: Omit<ModelConfig, "kind" | "seed">;
  mlpHidden: number;
}

/**
 * The study's jobs: per seed a transformer (`transformer_s<seed>`) and an MLP (`mlp_s<seed>`),
 * and a transformer on portfolios of at most `sizeSplit` positions with the first seed (`transformer_small_s<seed>`).
 *
 * @example
 * ```ts
 * import { deepMarginJobs } from "./training.ts";
 * const jobs = deepMarginJobs({ seeds: [1], epochs: 2, mlpEpochs: 3, sizeSplit: 10,
 *   transformer: { dModel: 16, heads: 2, layers: 1, dff: 32, hidden: 16 }, mlpHidden: 32 });
 * jobs.length; // 3
 * ```
 */
export function deepMarginJobs(p: JobPlan): TrainJob[] {
  const t = (seed: number): ModelConfig => ({ kind: "transformer", ...p.transformer, seed });
  const jobs: TrainJob[] = [];
  for (const s of p.seeds) {
    jobs.push({ name: `transformer_s${s}`, config: t(s), epochs: p.epochs, cost: p.epochs });
    jobs.push({
      name: `mlp_s${s}`,
      config: { ...t(s), kind: "mlp", hidden: p.mlpHidden },
      epochs: p.mlpEpochs,
      cost: p.mlpEpochs / 15,
    });
  }
  const s0 = p.seeds[0];
  jobs.push({
    name: `transformer_small_s${s0}`,
    config: t(s0),
    epochs: p.epochs,
    maxTrainSize: p.sizeSplit,
    cost: (p.epochs * p.sizeSplit) / 40,
  });
  return jobs;
}

/** Optimiser settings shared by the jobs. */
export interface TrainSettings {
  offset: number;
  batchSize: number;
  learningRate: number;
  finalLearningRate: number;
  huberDelta: number;
  /** Early stopping on the validation score (`trainModel`'s `patience`); default: none (every epoch of the cap). */
  patience?: number;
  /** Training portfolios per epoch (`trainModel`'s `epochSample`); default: all. */
  epochSample?: number;
  /** Reduce-on-plateau learning rate (`trainModel`'s `plateau`); default: linear decay over the cap. */
  plateau?: { factor: number; patience: number };
  /** Smallest decrease of the validation median absolute error (USD) that counts as an improvement; default 0. */
  minImprovement?: number;
}

/** A trained job: its predictions of `y` per evaluation set (in dataset order) and its training curve. */
export interface TrainOutcome {
  name: string;
  /** 0-based epoch whose weights were kept. */
  bestEpoch: number;
  /** Per epoch (0-based): mean training loss, validation median absolute USD error, learning rate. */
  history: { epoch: number; loss: number; val: number; lr?: number }[];
  pred: Record<string, number[]>;
  trainSize: number;
  weights?: ModelWeights;
}

/**
 * Train one job on prepared data (validation score: median absolute USD error) and predict `val`, `test` and
 * `oot`; `keepWeights` returns the trained weights too.
 *
 * @throws {RangeError} from the model (empty training set, diverging loss)
 * @example
 * ```ts ignore
 * const out = await runTrainJob(jobs[0], prep, settings, (m) => console.error(m));
 * out.pred.test.length === prep.bySet.test.length;
 * ```
 */
export async function runTrainJob(
  job: TrainJob,
  prep: PreparedData,
  settings: TrainSettings,
  log: (m: string) => void = () => {},
  keepWeights = false,
): Promise<TrainOutcome> {
  const { ds, ex, bySet } = prep;
  const rows = ds.rows;
  const fits = (i: number) => job.maxTrainSize === undefined || rows[i].positions.length <= job.maxTrainSize;
  const trIdx = bySet.train.filter(fits), vaIdx = bySet.val.filter(fits);
  const w = initWeights(job.config);
  const train = trIdx.map((i) => ex[i]);
  fitNormalisation(w, train);
  const y = Float64Array.from(trIdx, (i) => targetY(rows[i].rr2, rows[i].rr, settings.offset));
  const res = await trainModel(
    w,
    train,
    y,
    vaIdx.map((i) => ex[i]),
    (yh) => medaeUsd(rows, vaIdx, yh, settings.offset),
    {
      epochs: job.epochs,
      batchSize: settings.batchSize,
      learningRate: settings.learningRate,
      finalLearningRate: settings.finalLearningRate,
      huberDelta: settings.huberDelta,
      seed: job.config.seed + 1000,
      patience: settings.patience,
      epochSample: settings.epochSample,
      plateau: settings.plateau,
      minImprovement: settings.minImprovement,
      onEpoch: (e, l, v, lr) =>
        log(
          `${job.name} epoch ${e + 1}/${job.epochs} lr ${lr.toPrecision(3)} loss ${l.toFixed(5)} val MedAE ${
            v.toFixed(0)
          }`,
        ),
    },
  );
  const pred: Record<string, number[]> = {};
  for (const s of ["val", "test", "oot"]) pred[s] = Array.from(await predictTf(w, bySet[s].map((i) => ex[i])));
  return {
    name: job.name,
    bestEpoch: res.bestEpoch,
    history: res.history,
    pred,
    trainSize: trIdx.length,
    weights: keepWeights ? w : undefined,
  };
}
