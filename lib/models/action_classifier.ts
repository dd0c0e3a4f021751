/**
 * The 3-class "raise / keep / lower" alternative target (docs/architecture.md §1.1): an
 * MLP classifier on the same standardized features as the multiplier models,
 * trained with weighted softmax cross-entropy (class weights "balanced" by
 * inverse training frequency, or none), Adam on seeded mini-batches and early
 * stopping on the validation cross-entropy. Labels come from
 * `actionLabels` in `lib/target` (0 = lower, 1 = keep, 2 = raise).
 *
 * A classifier does not output a multiplier; {@link actionMultiplier} turns
 * the predicted class into one (a step up or down from a reference multiplier).
 * @module
 */
import { clipMultiplier } from "../targets/bounded_multiplier.ts";
import { validateFeatures } from "./dataset.ts";
import { mlpStack, mlpStackShapes } from "./mlp.ts";
import { checkInt, checkPositive } from "../core/check.ts";
import {
  buildTidy,
  type LoopReport,
  loopReport,
  networkOutputs,
  savedNetwork,
  trainNetwork,
} from "./neural_forecaster.ts";
import { softmaxCrossEntropy } from "../nn/softmax_cross_entropy.ts";
import { DenseStackHost } from "../nn/dense_stack_host.ts";
import { standardize } from "../nn/standardizer.ts";
import { ensureBackend, type tf } from "../nn/tf_backend.ts";
import { fitSetup } from "../nn/train_loop.ts";
import { decodeNetworkState, type FittedNetwork } from "../nn/network_state.ts";

/** Number of classes: lower, keep, raise. */
export const N_ACTIONS = 3;

/** A labelled split: `n` rows of `d` features and a class in `[0, 3)` per row. */
export interface LabelledSet {
  readonly x: Float64Array;
  readonly d: number;
  readonly y: Int8Array;
}

/** Configuration of {@link actionClassifier}. */
export interface ActionClassifierConfig {
  /** Hidden ReLU layer widths, default `[16]`. */
  readonly hidden: readonly number[];
  readonly epochs: number;
  readonly batchSize: number;
  readonly learningRate: number;
  readonly patience: number;
  readonly seed: number;
  /** `"balanced"` (default): weight each class by `n / (3·n_k)` on the training split; `"none"`: 1. */
  readonly classWeighting: "balanced" | "none";
  /** Minimum rows of the training split, default 20. */
  readonly minTrain: number;
}

/** Defaults of {@link ActionClassifierConfig}. */
export const ACTION_CLASSIFIER_DEFAULTS: ActionClassifierConfig = Object.freeze({
  hidden: [16],
  epochs: 100,
  batchSize: 64,
  learningRate: 1e-3,
  patience: 10,
  seed: 0,
  classWeighting: "balanced" as const,
  minTrain: 20,
});

/**
 * Validated classifier config.
 *
 * @throws {RangeError} naming the key and value (unknown keys included)
 * @example
 * ```ts
 * const c = actionClassifierConfig({ hidden: [8], epochs: 20 });
 * ```
 */
export function actionClassifierConfig(input: Partial<ActionClassifierConfig> = {}): ActionClassifierConfig {
  const name = "actionClassifier";
  for (const k of Object.keys(input)) {
    if (!(k in ACTION_CLASSIFIER_DEFAULTS)) throw new RangeError(`${name}: unknown config key "${k}"`);
  }
  const c = { ...ACTION_CLASSIFIER_DEFAULTS, ...input };
  if (!Array.isArray(c.hidden)) throw new RangeError(`${name}: hidden must be an array of widths, got ${c.hidden}`);
  c.hidden.forEach((h, i) => checkInt(name, `hidden[${i}]`, h, 1));
  checkInt(name, "epochs", c.epochs, 1);
  checkInt(name, "batchSize", c.batchSize, 1);
  checkPositive(name, "learningRate", c.learningRate);
  checkInt(name, "patience", c.patience, 1);
  checkInt(name, "minTrain", c.minTrain, 2);
  if (!Number.isInteger(c.seed)) throw new RangeError(`${name}: seed must be an integer, got ${c.seed}`);
  if (c.classWeighting !== "balanced" && c.classWeighting !== "none") {
    throw new RangeError(`${name}: classWeighting must be "balanced" or "none", got ${c.classWeighting}`);
  }
  return { ...c, hidden: [...c.hidden] };
}

/** What {@link ActionClassifier.fit} reports. */
export interface ClassifierFitReport extends LoopReport {
  /** Class weights used (lower, keep, raise). */
  classWeight: number[];
  /** Training class counts (lower, keep, raise). */
  trainCounts: number[];
}

function validateLabelled(s: LabelledSet, name: string, minRows: number): number {
  if (s === null || typeof s !== "object") throw new TypeError(`${name}: must be an object, got ${s}`);
  if (!Number.isInteger(s.d) || s.d < 1) throw new RangeError(`${name}.d must be an integer ≥ 1, got ${s.d}`);
  const n = validateFeatures(s.x, s.d, `${name}.x`);
  if (!(s.y instanceof Int8Array) || s.y.length !== n) {
    throw new RangeError(`${name}.y must be an Int8Array of length n = ${n}, got ${s.y?.length}`);
  }
  for (let i = 0; i < n; i++) {
    if (!(s.y[i] >= 0 && s.y[i] < N_ACTIONS)) {
      throw new RangeError(
        `${name}.y[${i}] = ${s.y[i]} is not a class in [0, ${N_ACTIONS}) (drop unlabelled rows first)`,
      );
    }
  }
  if (n < minRows) throw new RangeError(`${name}: too few samples: ${n} rows, need at least ${minRows}`);
  return n;
}

/**
 * The raise/keep/lower classifier.
 *
 * @example
 * ```ts
 * const x = Float64Array.from({ length: 200 }, (_, i) => Math.sin(i));
 * const y = Int8Array.from(x, (v) => (v < -0.3 ? 0 : v > 0.3 ? 2 : 1));
 * const f = actionClassifier({ hidden: [8], epochs: 30, learningRate: 0.01, seed: 1 });
 * await f.fit({ x: x.slice(0, 150), d: 1, y: y.slice(0, 150) }, { x: x.slice(150), d: 1, y: y.slice(150) });
 * const cls = f.predictClass(Float64Array.of(-0.9, 0, 0.9)); // [0, 1, 2]
 * ```
 */
export class ActionClassifier {
  readonly kind = "action_classifier";
  readonly config: ActionClassifierConfig;
  private trained: FittedNetwork | undefined;

  constructor(config: ActionClassifierConfig) {
    this.config = config;
  }

  /**
   * Fit on `train`, early-stop on `valid` (both time-ordered; labels in [0, 3)).
   *
   * @throws {RangeError} on bad features/labels (naming split, row and value) or too few rows
   */
  async fit(
    train: LabelledSet,
    valid: LabelledSet,
    opts: { onEpoch?: (e: { epoch: number; trainLoss: number; validLoss: number }) => void } = {},
  ): Promise<ClassifierFitReport> {
    const c = this.config;
    const nTrain = validateLabelled(train, "train", c.minTrain);
    const nValid = validateLabelled(valid, "valid", 1);
    if (valid.d !== train.d) throw new RangeError(`valid.d = ${valid.d} differs from train.d = ${train.d}`);
    await ensureBackend();
    this.dispose();
    const d = train.d;
    const counts = [0, 0, 0];
    for (const v of train.y) counts[v]++;
    const classWeight = Float64Array.from(
      counts,
      (k) => c.classWeighting === "none" ? 1 : k === 0 ? 0 : nTrain / (N_ACTIONS * k),
    );
    const { scaler, xs, xv, nextSeed, batchRng } = fitSetup(c.seed, train.x, valid.x, d);
    const model = buildTidy(() => buildClassifierNet(c.hidden, d, nextSeed));
    const loop = trainNetwork({
      kind: this.kind,
      model,
      host: new DenseStackHost(mlpStackShapes(c.hidden, d, N_ACTIONS)),
      nTrain,
      config: c,
      batchRng,
      xs,
      d,
      L: 0,
      loss: (idx) => {
        const yb = Int8Array.from(idx, (i) => train.y[i]);
        return (z) => softmaxCrossEntropy(z, yb, classWeight);
      },
      validLoss: () => softmaxCrossEntropy(networkOutputs(model, xv, d, 0), valid.y, classWeight).loss,
      onEpoch: opts.onEpoch,
    });
    this.trained = { model, scaler, d };
    return {
      ...loopReport(nTrain, nValid, loop),
      classWeight: Array.from(classWeight),
      trainCounts: counts,
    };
  }

  /**
   * Class probabilities, `n × 3` row-major (lower, keep, raise).
   *
   * @throws {TypeError} when not fitted; {@link RangeError} on non-finite features
   */
  predictProba(x: Float64Array): Float64Array {
    const t = this.trained;
    if (t === undefined) throw new TypeError(`${this.kind}.predictProba: model is not fitted (call fit or load first)`);
    validateFeatures(x, t.d, `${this.kind}.predictProba x`);
    const z = networkOutputs(t.model, standardize(x, t.scaler), t.d, 0);
    const p = new Float64Array(z.length);
    for (let o = 0; o < z.length; o += N_ACTIONS) {
      const mx = Math.max(z[o], z[o + 1], z[o + 2]);
      let s = 0;
      for (let k = 0; k < N_ACTIONS; k++) s += p[o + k] = Math.exp(z[o + k] - mx);
      for (let k = 0; k < N_ACTIONS; k++) p[o + k] /= s;
    }
    return p;
  }

  /** Most probable class per row (ties go to the lower class code). */
  predictClass(x: Float64Array): Int8Array {
    const p = this.predictProba(x);
    const out = new Int8Array(p.length / N_ACTIONS);
    for (let i = 0; i < out.length; i++) {
      const o = i * N_ACTIONS;
      let best = 0;
      for (let k = 1; k < N_ACTIONS; k++) if (p[o + k] > p[o + best]) best = k;
      out[i] = best;
    }
    return out;
  }

  /** Config and weights as JSON-safe data (restore with {@link loadActionClassifier}). */
  save(): { kind: string; format: 1; config: ActionClassifierConfig; state: Record<string, unknown> } {
    return savedNetwork(this.kind, this.config, this.trained);
  }

  /** @internal used by {@link loadActionClassifier} */
  async restore(state: Record<string, unknown>): Promise<void> {
    await ensureBackend();
    this.dispose();
    this.trained = decodeNetworkState(
      this.kind,
      state,
      (d) => buildTidy(() => buildClassifierNet(this.config.hidden, d, () => 0)),
    );
  }

  dispose(): void {
    this.trained?.model.dispose();
    this.trained = undefined;
  }
}

/**
 * Create an (unfitted) raise/keep/lower classifier.
 *
 * @throws {RangeError} on an invalid config
 * @example
 * ```ts
 * const f = actionClassifier({ hidden: [8], seed: 3 });
 * ```
 */
export function actionClassifier(config: Partial<ActionClassifierConfig> = {}): ActionClassifier {
  return new ActionClassifier(actionClassifierConfig(config));
}

/**
 * Restore a saved classifier (identical predictions).
 *
 * @throws {TypeError} on a wrong kind or malformed state
 * @example
 * ```ts
 * const x = Float64Array.from({ length: 60 }, (_, i) => i % 3);
 * const y = Int8Array.from(x);
 * const f = actionClassifier({ epochs: 2 });
 * await f.fit({ x: x.slice(0, 40), d: 1, y: y.slice(0, 40) }, { x: x.slice(40), d: 1, y: y.slice(40) });
 * const g = await loadActionClassifier(f.save());
 * ```
 */
export async function loadActionClassifier(
  saved: { kind: string; config: unknown; state: unknown },
): Promise<ActionClassifier> {
  if (saved?.kind !== "action_classifier") {
    throw new TypeError(`loadActionClassifier: saved model has kind ${saved?.kind}`);
  }
  const f = actionClassifier(saved.config as Partial<ActionClassifierConfig>);
  await f.restore(saved.state as Record<string, unknown>);
  return f;
}

/** Options of {@link actionMultiplier}. */
export interface ActionPolicy {
  /** The multiplier for "keep" (e.g. the static multiplier calibrated in-sample). */
  readonly reference: number;
  /** Step added for "raise" and subtracted for "lower" (≥ 0). */
  readonly step: number;
  readonly mMin: number;
  readonly mMax: number;
}

/**
 * Multiplier from predicted classes: `clip(reference + step·(class − 1), mMin, mMax)`.
 *
 * @throws {RangeError} on a negative step, a non-finite reference or a class outside [0, 3)
 * @example
 * ```ts
 * actionMultiplier(Int8Array.of(0, 1, 2), { reference: 1.1, step: 0.2, mMin: 0.8, mMax: 1.5 }); // [0.9, 1.1, 1.3]
 * ```
 */
export function actionMultiplier(cls: Int8Array, p: ActionPolicy): Float64Array {
  if (!(p.step >= 0) || !Number.isFinite(p.step)) {
    throw new RangeError(`actionMultiplier: step must be ≥ 0, got ${p.step}`);
  }
  if (!Number.isFinite(p.reference)) {
    throw new RangeError(`actionMultiplier: reference must be finite, got ${p.reference}`);
  }
  return Float64Array.from(cls, (k, i) => {
    if (!(k >= 0 && k < N_ACTIONS)) throw new RangeError(`actionMultiplier: class[${i}] = ${k} is not in [0, 3)`);
    return clipMultiplier(p.reference + p.step * (k - 1), p.mMin, p.mMax);
  });
}

function buildClassifierNet(hidden: readonly number[], d: number, nextSeed: () => number): tf.LayersModel {
  return mlpStack(hidden, d, nextSeed, N_ACTIONS);
}
