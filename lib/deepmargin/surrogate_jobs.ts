/**
 * DeepMargin v2's jobs (issue 15): for every input set (`input_sets.ts`) and seed a transformer and an MLP, one
 * transformer on small portfolios only (the unseen-size test), and per input set the ridge and forest baselines on
 * pooled token features (`pooled_features.ts`, `delta_baselines.ts`). Every network trains under the same rule —
 * the same epoch cap per family, the same early stopping on the validation median absolute USD error and the same
 * learning-rate schedule (`TrainSettings`) — so budgets are equal by construction. Jobs are independent and seeded:
 * an outcome does not depend on the worker that runs it.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { surrogateJobs } from "./surrogate_jobs.ts";
 * const jobs = surrogateJobs({ seeds: [1], inputs: ["anchor", "wide"], epochs: 3, mlpEpochs: 5, sizeSplit: 10,
 *   smallInputs: "anchor", transformer: { dModel: 16, heads: 2, layers: 1, dff: 32, hidden: 16 }, mlpHidden: 32,
 *   forest: { trees: 5, rows: 500, maxDepth: 8 } });
 * assert.deepEqual(jobs.map((j) => j.name), [
 *   "transformer_anchor_s1", "mlp_anchor_s1", "ridge_anchor", "forest_anchor",
 *   "transformer_wide_s1", "mlp_wide_s1", "ridge_wide", "forest_wide", "transformer_small_anchor_s1",
 * ]);
 * ```
 * @module
 */
import { TOKEN_FEATURES } from "./tokenizer.ts";
import { CONTEXT_TOKEN_FEATURES } from "./tokenizer.ts";
import { targetY } from "./inference.ts";
import type { ModelConfig } from "./model.ts";
import { pooledMatrix } from "./pooled_features.ts";
import { fitForestDelta, fitRidgeDelta } from "./delta_baselines.ts";
import {
  medaeUsd,
  type PreparedData,
  runTrainJob,
  type TrainJob,
  type TrainOutcome,
  type TrainSettings,
} from "./training.ts";
import type { InputSet } from "./input_sets.ts";

/** A network job on one input set. */
export interface NetJob extends TrainJob {
  type: "net";
  inputs: InputSet;
}

/** A baseline job (ridge or forest on the pooled token features of one input set). */
export interface BaselineJob {
  type: "ridge" | "forest";
  name: string;
  inputs: InputSet;
  cost: number;
}

/** Any job of the study. */
export type SurrogateJob = NetJob | BaselineJob;

/** What the study trains. */
export interface SurrogatePlan {
  seeds: readonly number[];
  /** Seeds of the networks of an input set when they differ from `seeds` (e.g. fewer for the wide tokens). */
  inputSeeds?: Partial<Record<InputSet, readonly number[]>>;
  inputs: readonly InputSet[];
  /** Epoch cap of the transformers (early stopping on validation within it). */
  epochs: number;
  /** Epoch cap of the MLPs. */
  mlpEpochs: number;
  sizeSplit: number;
  /** Input set of the small-portfolio transformer. */
  smallInputs: InputSet;
  transformer: Omit<ModelConfig, "kind" | "seed">;
  mlpHidden: number;
  forest: { trees: number; rows: number; maxDepth: number };
}

/**
 * The jobs, per input set: `transformer_<inputs>_s<seed>`, `mlp_<inputs>_s<seed>` per seed of the set
 * (`inputSeeds[inputs]`, default `seeds`), `ridge_<inputs>`,
 * `forest_<inputs>`; then `transformer_small_<smallInputs>_s<first seed>` (portfolios of at most `sizeSplit`
 * positions). `cost` is in transformer-epoch units (ordering only: the costliest jobs start first).
 *
 * @example
 * ```ts
 * import { surrogateJobs } from "./surrogate_jobs.ts";
 * surrogateJobs({ seeds: [1, 2], inputs: ["anchor"], epochs: 3, mlpEpochs: 5, sizeSplit: 10, smallInputs: "anchor",
 *   transformer: { dModel: 16, heads: 2, layers: 1, dff: 32, hidden: 16 }, mlpHidden: 32,
 *   forest: { trees: 5, rows: 500, maxDepth: 8 } }).length; // 7
 * ```
 */
export function surrogateJobs(p: SurrogatePlan): SurrogateJob[] {
  const t = (seed: number): ModelConfig => ({ kind: "transformer", ...p.transformer, seed });
  const jobs: SurrogateJob[] = [];
  for (const inputs of p.inputs) {
    for (const s of p.inputSeeds?.[inputs] ?? p.seeds) {
      jobs.push({
        type: "net",
        inputs,
        name: `transformer_${inputs}_s${s}`,
        config: t(s),
        epochs: p.epochs,
        cost: p.epochs,
      });
      jobs.push({
        type: "net",
        inputs,
        name: `mlp_${inputs}_s${s}`,
        config: { ...t(s), kind: "mlp", hidden: p.mlpHidden },
        epochs: p.mlpEpochs,
        cost: p.mlpEpochs / 8,
      });
    }
    jobs.push({ type: "ridge", inputs, name: `ridge_${inputs}`, cost: 0.5 });
    jobs.push({ type: "forest", inputs, name: `forest_${inputs}`, cost: (p.forest.trees * p.forest.rows) / 4000 });
  }
  const s0 = p.seeds[0];
  jobs.push({
    type: "net",
    inputs: p.smallInputs,
    name: `transformer_small_${p.smallInputs}_s${s0}`,
    config: t(s0),
    epochs: p.epochs,
    maxTrainSize: p.sizeSplit,
    cost: (p.epochs * p.sizeSplit) / 40,
  });
  return jobs;
}

/** A fitted baseline's predictions of `y` per evaluation set (in `bySet` order). */
export interface BaselineOutcome {
  name: string;
  type: "ridge" | "forest";
  pred: Record<string, number[]>;
  trainSize: number;
  /** Ridge: the λ chosen on validation. */
  lambda?: number;
}

/** Outcome of any job. */
export type SurrogateOutcome = (TrainOutcome & { type: "net" }) | BaselineOutcome;

/** Options of {@link runSurrogateJob}. */
export interface ForestSettings {
  trees: number;
  rows: number;
  maxDepth: number;
}

/**
 * Run one job on the prepared data of its input set: a network through `runTrainJob` (validation score: median
 * absolute USD error, early stopping as `settings.patience`), a baseline on pooled token features (ridge: λ by the
 * validation median absolute USD error; forest: seeded, at most `forest.rows` training rows).
 *
 * @throws {RangeError} from the fits (empty sets, non-finite features)
 * @example
 * ```ts ignore
 * const out = await runSurrogateJob(jobs[0], prep, settings, forest);
 * out.pred.oot.length === prep.bySet.oot.length;
 * ```
 */
export async function runSurrogateJob(
  job: SurrogateJob,
  prep: PreparedData,
  settings: TrainSettings,
  forest: ForestSettings,
  log: (m: string) => void = () => {},
  keepWeights = false,
): Promise<SurrogateOutcome> {
  if (job.type === "net") return { type: "net", ...(await runTrainJob(job, prep, settings, log, keepWeights)) };
  const { ds, ex, bySet } = prep;
  const rows = ds.rows, c = settings.offset;
  const mat = (set: string) => pooledMatrix(bySet[set].map((i) => ex[i]), TOKEN_FEATURES, CONTEXT_TOKEN_FEATURES);
  const d = 3 * TOKEN_FEATURES + CONTEXT_TOKEN_FEATURES;
  const yOf = (set: string) => Float64Array.from(bySet[set], (i) => targetY(rows[i].rr2, rows[i].rr, c));
  const x = mat("train"), y = yOf("train");
  let model: { predict(x: Float64Array): Float64Array };
  let lambda: number | undefined, trainSize = bySet.train.length;
  if (job.type === "ridge") {
    const r = fitRidgeDelta({
      x,
      y,
      d,
      xVal: mat("val"),
      yVal: yOf("val"),
      score: (yh) => medaeUsd(rows, bySet.val, yh, c),
    });
    model = r;
    lambda = r.lambda;
    log(`${job.name}: λ = ${r.lambda}`);
  } else {
    const f = fitForestDelta(x, y, d, {
      nEstimators: forest.trees,
      maxTrainRows: forest.rows,
      maxDepth: forest.maxDepth,
      seed: 1,
    });
    model = f;
    trainSize = f.trainRows;
    log(`${job.name}: ${forest.trees} trees on ${f.trainRows} rows`);
  }
  const pred: Record<string, number[]> = {};
  for (const s of ["val", "test", "oot"]) pred[s] = Array.from(model.predict(mat(s)));
  return { name: job.name, type: job.type, pred, trainSize, ...(lambda === undefined ? {} : { lambda }) };
}
