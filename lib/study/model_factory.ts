/**
 * One model factory for the study experiments: a model kind, the experiment's
 * (validated) parameters under their shared names and a seed give a
 * {@link Forecaster}. Every study stage names its hyperparameters the same way
 * (`netEpochs`, `mlpHidden`, `forestTrees`, …), so the same `params.json`
 * entries configure the same model in every experiment.
 *
 * @example
 * ```ts
 * import { makeModel } from "./model_factory.ts";
 * const m = makeModel("mlp", { tau: 0.99, mMin: 0.8, mMax: 1.5, netEpochs: 5, netBatch: 64, netLr: 0.003,
 *   netPatience: 3, mlpHidden: [8] }, 1);
 * m.kind; // "mlp"
 * ```
 * @module
 */
import {
  type Forecaster,
  linearQuantile,
  lstm,
  mlp,
  quantileForest,
  type QuantileForestModel,
  staticMultiplier,
  transformer,
} from "../models/mod.ts";

/** Model kinds the factory builds. */
export const MODEL_KINDS = ["static", "linear", "forest", "mlp", "lstm", "transformer"] as const;
/** A model kind of {@link makeModel}. */
export type ModelKind = typeof MODEL_KINDS[number];

/** Kinds trained by gradient descent from a seeded initialisation (run over every seed). */
export const NETWORK_KINDS: readonly ModelKind[] = ["mlp", "lstm", "transformer"];
/** Kinds that read a window of the last `seqLookback` rows. */
export const SEQUENCE_KINDS: readonly ModelKind[] = ["lstm", "transformer"];

/**
 * Hyperparameters under the names the study stages use in `params.json`. Only
 * the fields of the requested kind are needed: networks read `net*`,
 * `mlpHidden`, `seqLookback`, `lstmUnits`, `trf*`; the forest `forest*`; the
 * linear model `linearRidge`.
 */
export interface ModelParams {
  /** Quantile level τ of the pinball loss. */
  tau: number;
  /** Lower multiplier bound. */
  mMin: number;
  /** Upper multiplier bound. */
  mMax: number;
  netEpochs?: number;
  netBatch?: number;
  netLr?: number;
  netPatience?: number;
  mlpHidden?: number[];
  /** The MLP's L2 weight decay (absent or 0: none). */
  netWeightDecay?: number;
  /** Window length of the sequence models (rows). */
  seqLookback?: number;
  lstmUnits?: number;
  trfDModel?: number;
  trfHeads?: number;
  trfFfn?: number;
  forestTrees?: number;
  forestMaxDepth?: number;
  forestMinLeaf?: number;
  forestMaxRows?: number;
  linearRidge?: number;
}

/**
 * Whether `kind` is a network (fitted once per seed).
 *
 * @example
 * ```ts
 * isNetwork("lstm"); // true
 * isNetwork("forest"); // false
 * ```
 */
export function isNetwork(kind: string): boolean {
  return (NETWORK_KINDS as readonly string[]).includes(kind);
}

/**
 * Rows of history a model of `kind` reads before the row it predicts: `seqLookback − 1`
 * for the sequence models, 0 otherwise.
 *
 * @throws {RangeError} when a sequence kind has no `seqLookback`
 * @example
 * ```ts
 * historyRows("lstm", { tau: 0.99, mMin: 0.8, mMax: 1.5, seqLookback: 10 }); // 9
 * ```
 */
export function historyRows(kind: string, p: ModelParams): number {
  if (!(SEQUENCE_KINDS as readonly string[]).includes(kind)) return 0;
  return need(kind, p, "seqLookback") - 1;
}

/**
 * The seeds a kind is fitted with: every seed for the networks, the first one for
 * the deterministic or closed-form models.
 *
 * @throws {RangeError} on an empty seed list
 * @example
 * ```ts
 * modelSeeds("linear", [1, 2, 3]); // [1]
 * ```
 */
export function modelSeeds(kind: string, seeds: readonly number[]): number[] {
  if (seeds.length === 0) throw new RangeError(`modelSeeds: no seeds for "${kind}"`);
  return isNetwork(kind) ? [...seeds] : [seeds[0]];
}

function need<K extends keyof ModelParams>(kind: string, p: ModelParams, k: K): NonNullable<ModelParams[K]> {
  const v = p[k];
  if (v === undefined) throw new RangeError(`makeModel: model "${kind}" needs parameter "${k}"`);
  return v as NonNullable<ModelParams[K]>;
}

/**
 * A fresh, unfitted model of `kind` configured from `p`, with `seed` (the forest as a
 * {@link QuantileForestModel}, whose trees can be read).
 *
 * @throws {RangeError} on an unknown kind, a missing parameter of that kind (named), or
 *   an invalid configuration (from the model's own validation)
 * @example
 * ```ts
 * const f = makeModel("forest", { tau: 0.99, mMin: 0.8, mMax: 1.5, forestTrees: 5, forestMaxDepth: 4,
 *   forestMinLeaf: 20, forestMaxRows: 400 }, 7);
 * ```
 */
export function makeModel(kind: "forest", p: ModelParams, seed: number): QuantileForestModel;
export function makeModel(kind: string, p: ModelParams, seed: number): Forecaster;
export function makeModel(kind: string, p: ModelParams, seed: number): Forecaster {
  const base = { tau: p.tau, mMin: p.mMin, mMax: p.mMax, seed };
  const train = () => ({
    epochs: need(kind, p, "netEpochs"),
    batchSize: need(kind, p, "netBatch"),
    learningRate: need(kind, p, "netLr"),
    patience: need(kind, p, "netPatience"),
  });
  switch (kind as ModelKind) {
    case "static":
      return staticMultiplier(base);
    case "linear":
      return linearQuantile({ ...base, ridge: need(kind, p, "linearRidge") });
    case "forest":
      return quantileForest({
        ...base,
        nEstimators: need(kind, p, "forestTrees"),
        maxDepth: need(kind, p, "forestMaxDepth"),
        minNumSamples: need(kind, p, "forestMinLeaf"),
        maxTrainRows: need(kind, p, "forestMaxRows"),
      });
    case "mlp":
      return mlp({
        ...base,
        ...train(),
        hidden: need(kind, p, "mlpHidden"),
        ...(p.netWeightDecay ? { weightDecay: p.netWeightDecay } : {}),
      });
    case "lstm":
      return lstm({ ...base, ...train(), lookback: need(kind, p, "seqLookback"), units: need(kind, p, "lstmUnits") });
    case "transformer":
      return transformer({
        ...base,
        ...train(),
        lookback: need(kind, p, "seqLookback"),
        dModel: need(kind, p, "trfDModel"),
        heads: need(kind, p, "trfHeads"),
        layers: 1,
        ffn: need(kind, p, "trfFfn"),
      });
  }
  throw new RangeError(`makeModel: unknown model "${kind}" (known: ${MODEL_KINDS.join(", ")})`);
}
