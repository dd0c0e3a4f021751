/**
 * The mini-batch training loop of every network in the workspace (lib/models'
 * forecasters and classifier, lib/deepmargin's transformer and MLP): per epoch
 * a learning rate from the schedule ({@link learningRateAt}), a seeded batch
 * order (by default a permutation of the training rows cut into consecutive
 * batches; `batches` lets a model form its own, e.g. length-sorted), one
 * {@link HostAdam} step per batch on the caller's batch loss, a validation
 * score from the caller's callback, early stopping after `patience` epochs
 * without improvement, and the weights of the best epoch restored.
 * @module
 */
import { createPrng, permutation, type Prng } from "../core/prng.ts";
import { fitStandardizer, standardize, type Standardizer } from "./standardizer.ts";
import { HostAdam } from "./host_adam.ts";
import { tf } from "./tf_backend.ts";

/**
 * Learning rate per epoch: constant, linear from `learningRate` (first epoch) to `final` (last epoch), or
 * reduce-on-plateau: `learningRate` until `patience` epochs in a row bring no improvement of the validation score,
 * then multiplied by `factor` (and the count restarts), never below `min`.
 */
export type LearningRateSchedule =
  | { readonly kind: "constant" }
  | { readonly kind: "linear"; readonly final: number }
  | { readonly kind: "plateau"; readonly factor: number; readonly patience: number; readonly min: number };

/**
 * The learning rate of epoch `epoch` (1-based) of `epochs` under a schedule.
 *
 * @throws {RangeError} on an epoch outside [1, epochs] or a non-positive final rate
 * @example
 * ```ts
 * learningRateAt(0.002, { kind: "linear", final: 0.0001 }, 3, 3); // ≈ 0.0001 (the last epoch)
 * learningRateAt(0.002, { kind: "constant" }, 3, 3); // 0.002
 * ```
 */
export function learningRateAt(
  learningRate: number,
  schedule: LearningRateSchedule,
  epoch: number,
  epochs: number,
): number {
  if (!Number.isInteger(epoch) || epoch < 1 || epoch > epochs) {
    throw new RangeError(`learningRateAt: epoch must be an integer in [1, ${epochs}], got ${epoch}`);
  }
  if (schedule.kind === "constant") return learningRate;
  if (schedule.kind === "plateau") {
    throw new RangeError("learningRateAt: a plateau schedule depends on the validation scores (trainLoop applies it)");
  }
  if (!(schedule.final > 0) || !Number.isFinite(schedule.final)) {
    throw new RangeError(`learningRateAt: schedule.final must be finite and > 0, got ${schedule.final}`);
  }
  return epochs > 1 ? learningRate + (schedule.final - learningRate) * ((epoch - 1) / (epochs - 1)) : learningRate;
}

/** What {@link trainLoop} needs. */
export interface TrainLoopSpec {
  /** Model name for error messages. */
  readonly kind: string;
  /** The network: a tfjs layers model (its trainable weights are trained) ... */
  readonly model?: tf.LayersModel;
  /** ... or a list of variables (exactly one of `model` and `variables`). */
  readonly variables?: readonly tf.Variable[];
  readonly nTrain: number;
  readonly epochs: number;
  readonly batchSize: number;
  /** Stop after this many epochs without improvement (`Infinity`: never). */
  readonly patience: number;
  readonly learningRate: number;
  /** Learning rate per epoch (default constant). */
  readonly schedule?: LearningRateSchedule;
  /** An epoch improves when its validation score is below the best by more than this (default 1e-9). */
  readonly minImprovement?: number;
  /** Source of the batch order (forked from the model seed). */
  readonly batchRng: Prng;
  /**
   * The batches of one epoch (indices into the training rows), drawn from `rng`; default: a permutation of
   * the `nTrain` rows cut into consecutive batches of `batchSize`.
   */
  batches?(rng: Prng, epoch: number): readonly Int32Array[];
  /**
   * Mean loss over the batch rows `idx` (indices into the training split), as a tfjs scalar (differentiated by
   * tfjs); exactly one of `batchLoss` and `hostLoss`.
   */
  batchLoss?(idx: Int32Array): tf.Scalar;
  /**
   * Host mode: the mean loss over the batch rows `idx` and its gradient per trained variable (the order of the
   * model's trainable weights or of `variables`), computed on the host from the current float32 `weights` (one
   * array per variable). The loop then keeps the weights on the host during an epoch ({@link HostAdam.stepHost})
   * and writes them into the network before `validLoss`; the loss is summed as float32, as in tfjs mode, so a host
   * pass with tfjs's arithmetic trains bit-identically.
   */
  hostLoss?(idx: Int32Array, weights: readonly Float32Array[]): { loss: number; grads: readonly Float32Array[] };
  /** Validation score of the current weights (lower is better). */
  validLoss(): number;
  onEpoch?(e: { epoch: number; trainLoss: number; validLoss: number; learningRate: number }): void;
}

/** Loss curves and the best epoch of {@link trainLoop}. */
export interface TrainLoopResult {
  trainLoss: number[];
  validLoss: number[];
  /** 1-based; 0 when no epoch improved on the initial weights' score of Infinity. */
  bestEpoch: number;
  /** Validation score of the best epoch (Infinity when none). */
  bestValidLoss: number;
}

/** The default batch order: a seeded permutation cut into consecutive batches. */
function consecutiveBatches(rng: Prng, nTrain: number, batchSize: number): Int32Array[] {
  const order = permutation(nTrain, rng);
  const out: Int32Array[] = [];
  for (let s = 0; s < nTrain; s += batchSize) out.push(order.subarray(s, Math.min(s + batchSize, nTrain)));
  return out;
}

/** The trained variables and a snapshot / restore of the network's weights. */
function weightAccess(spec: TrainLoopSpec): {
  vars: tf.Variable[];
  snapshot: () => WeightSnapshot[];
  restore: (w: readonly WeightSnapshot[]) => void;
} {
  const { model, variables } = spec;
  if ((model === undefined) === (variables === undefined)) {
    throw new TypeError(`${spec.kind}.fit: trainLoop needs exactly one of model and variables`);
  }
  if (model !== undefined) {
    return {
      vars: model.trainableWeights.map((w) => w.read() as tf.Variable),
      snapshot: () => snapshotWeights(model),
      restore: (w) => restoreWeights(model, w),
    };
  }
  const vars = [...variables!];
  return {
    vars,
    snapshot: () => vars.map((v) => ({ shape: v.shape.slice(), data: (v.dataSync() as Float32Array).slice() })),
    restore: (w) =>
      vars.forEach((v, k) => {
        const t = tf.tensor(w[k].data, w[k].shape, "float32");
        v.assign(t);
        t.dispose();
      }),
  };
}

/**
 * Train the network of `spec` in place; on return it holds the best epoch's weights.
 *
 * @throws {RangeError} when the training loss is not finite (naming the epoch)
 * @throws {TypeError} unless exactly one of `model` and `variables`, and exactly one of `batchLoss` and `hostLoss`,
 *   is given
 * @example
 * ```ts
 * import { createPrng } from "../core/prng.ts";
 * import { ensureBackend, tf } from "./tf_backend.ts";
 * await ensureBackend();
 * const model = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [1] })] });
 * const x = tf.tensor2d([[0], [1], [2], [3]]), y = tf.tensor2d([[1], [3], [5], [7]]);
 * const res = trainLoop({
 *   kind: "demo", model, nTrain: 4, epochs: 5, batchSize: 2, patience: 5, learningRate: 0.1,
 *   schedule: { kind: "linear", final: 0.01 },
 *   batchRng: createPrng(1),
 *   batchLoss: (idx) => tf.losses.meanSquaredError(tf.gather(y, idx), model.apply(tf.gather(x, idx)) as tf.Tensor) as tf.Scalar,
 *   validLoss: () => tf.tidy(() => tf.losses.meanSquaredError(y, model.predict(x) as tf.Tensor).dataSync()[0]),
 * });
 * console.log(res.bestEpoch, res.bestValidLoss);
 * ```
 */
export function trainLoop(spec: TrainLoopSpec): TrainLoopResult {
  const { nTrain, batchSize } = spec;
  const { vars, snapshot, restore } = weightAccess(spec);
  const schedule = spec.schedule ?? { kind: "constant" };
  const minImprovement = spec.minImprovement ?? 1e-9;
  if ((spec.batchLoss === undefined) === (spec.hostLoss === undefined)) {
    throw new TypeError(`${spec.kind}.fit: trainLoop needs exactly one of batchLoss and hostLoss`);
  }
  if (schedule.kind === "plateau") checkPlateau(schedule, spec.kind);
  const optimizer = new HostAdam(vars, { learningRate: spec.learningRate });
  const trainLoss: number[] = [], validLoss: number[] = [];
  let best = Infinity, bestEpoch = 0, wait = 0;
  let plateauLr = spec.learningRate, plateauWait = 0;
  let bestWeights = snapshot();
  for (let epoch = 1; epoch <= spec.epochs; epoch++) {
    const lr = schedule.kind === "plateau"
      ? plateauLr
      : learningRateAt(spec.learningRate, schedule, epoch, spec.epochs);
    optimizer.learningRate = lr;
    const batches = spec.batches
      ? spec.batches(spec.batchRng, epoch)
      : consecutiveBatches(spec.batchRng, nTrain, batchSize);
    let sum = 0, rows = 0;
    for (const idx of batches) {
      rows += idx.length;
      if (spec.hostLoss !== undefined) {
        const { loss, grads } = spec.hostLoss(idx, optimizer.hostWeights);
        optimizer.stepHost(grads);
        sum += Math.fround(loss) * idx.length;
        continue;
      }
      const { value, grads } = tf.variableGrads(() => spec.batchLoss!(idx), vars);
      optimizer.step(vars.map((v) => grads[v.name]));
      sum += value.dataSync()[0] * idx.length;
      value.dispose();
      tf.dispose(grads);
    }
    if (spec.hostLoss !== undefined) optimizer.writeBack();
    const tl = sum / rows; // rows === nTrain unless `batches` draws a subset of the training rows
    const vl = spec.validLoss();
    trainLoss.push(tl);
    validLoss.push(vl);
    spec.onEpoch?.({ epoch, trainLoss: tl, validLoss: vl, learningRate: lr });
    if (!Number.isFinite(tl)) {
      throw new RangeError(`${spec.kind}.fit: training loss diverged at epoch ${epoch}: ${tl}`);
    }
    if (vl < best - minImprovement) {
      best = vl;
      bestEpoch = epoch;
      bestWeights = snapshot();
      wait = 0;
      plateauWait = 0;
    } else {
      if (++wait >= spec.patience) break;
      if (schedule.kind === "plateau" && ++plateauWait >= schedule.patience) {
        plateauLr = Math.max(schedule.min, plateauLr * schedule.factor);
        plateauWait = 0;
      }
    }
  }
  restore(bestWeights);
  return { trainLoss, validLoss, bestEpoch, bestValidLoss: best };
}

function checkPlateau(s: { factor: number; patience: number; min: number }, kind: string): void {
  if (!(s.factor > 0 && s.factor < 1)) {
    throw new RangeError(`${kind}.fit (lib/nn/train_loop.ts): schedule.factor must be in (0, 1), got ${s.factor}`);
  }
  if (!Number.isInteger(s.patience) || s.patience < 1) {
    throw new RangeError(
      `${kind}.fit (lib/nn/train_loop.ts): schedule.patience must be an integer >= 1, got ${s.patience}`,
    );
  }
  if (!(s.min > 0) || !Number.isFinite(s.min)) {
    throw new RangeError(`${kind}.fit (lib/nn/train_loop.ts): schedule.min must be finite and > 0, got ${s.min}`);
  }
}

/** What every network's `fit` prepares before training: see {@link fitSetup}. */
export interface FitSetup {
  /** Standardizer fitted on the training features. */
  scaler: Standardizer;
  /** Standardized training and validation features (float32, row-major). */
  xs: Float32Array;
  xv: Float32Array;
  /** Initialiser seeds, one per call (from the first fork of the model seed). */
  nextSeed: () => number;
  /** Batch order (the second fork of the model seed). */
  batchRng: Prng;
}

/**
 * Standardize the splits on the training features and fork the model seed
 * into initialiser seeds and the batch order.
 *
 * @example
 * ```ts
 * const s = fitSetup(7, Float64Array.of(1, 2, 3, 4), Float64Array.of(5, 6), 2);
 * s.xs.length; // 4
 * ```
 */
export function fitSetup(seed: number, trainX: Float64Array, validX: Float64Array, d: number): FitSetup {
  const scaler = fitStandardizer(trainX, d);
  const rng = createPrng(seed);
  const initRng = rng.fork(), batchRng = rng.fork();
  return {
    scaler,
    xs: standardize(trainX, scaler),
    xv: standardize(validX, scaler),
    nextSeed: () => initRng.nextUint32() & 0x7fffffff,
    batchRng,
  };
}

/**
 * The hyperparameters of {@link trainLoop} taken from a model config.
 *
 * @example
 * ```ts
 * const config = { epochs: 10, batchSize: 64, patience: 3, learningRate: 1e-3, hidden: [8] };
 * loopHyper(config); // { epochs: 10, batchSize: 64, patience: 3, learningRate: 0.001 }
 * ```
 */
export function loopHyper(
  c: { epochs: number; batchSize: number; patience: number; learningRate: number },
): Pick<TrainLoopSpec, "epochs" | "batchSize" | "patience" | "learningRate"> {
  return { epochs: c.epochs, batchSize: c.batchSize, patience: c.patience, learningRate: c.learningRate };
}

/** A copy of every weight of `model` (shape and float32 values). */
export interface WeightSnapshot {
  shape: number[];
  data: Float32Array;
}

/**
 * Copy all weights of a model out of tfjs.
 *
 * @example
 * ```ts
 * import { ensureBackend, tf } from "./tf_backend.ts";
 * await ensureBackend();
 * const w = snapshotWeights(tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [2] })] }));
 * w.length; // 2 (kernel, bias)
 * ```
 */
export function snapshotWeights(model: tf.LayersModel): WeightSnapshot[] {
  return model.weights.map((w) => {
    const v = w.read();
    return { shape: v.shape.slice(), data: (v.dataSync() as Float32Array).slice() };
  });
}

/**
 * Set all weights of a model from a snapshot (same architecture).
 *
 * @example
 * ```ts
 * import { ensureBackend, tf } from "./tf_backend.ts";
 * await ensureBackend();
 * const m = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [2] })] });
 * restoreWeights(m, snapshotWeights(m));
 * ```
 */
export function restoreWeights(model: tf.LayersModel, w: readonly WeightSnapshot[]): void {
  const tensors = w.map((e) => tf.tensor(e.data, e.shape, "float32"));
  model.setWeights(tensors);
  tensors.forEach((t) => t.dispose());
}
