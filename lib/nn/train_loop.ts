/**
 * The mini-batch training loop shared by the tfjs networks: per epoch a seeded
 * permutation of the training rows, one {@link HostAdam} step per batch on the
 * caller's batch loss, a validation score, early stopping after `patience`
 * epochs without improvement, and the weights of the best epoch restored.
 * @module
 */
import { createPrng, permutation, type Prng } from "../core/prng.ts";
import { fitStandardizer, standardize, type Standardizer } from "./standardizer.ts";
import { HostAdam } from "./host_adam.ts";
import { tf } from "./tf_backend.ts";

/** What {@link trainLoop} needs. */
export interface TrainLoopSpec {
  /** Model name for error messages. */
  readonly kind: string;
  readonly model: tf.LayersModel;
  readonly nTrain: number;
  readonly epochs: number;
  readonly batchSize: number;
  readonly patience: number;
  readonly learningRate: number;
  /** Source of the batch order (forked from the model seed). */
  readonly batchRng: Prng;
  /** Mean loss over the batch rows `idx` (indices into the training split), as a tfjs scalar. */
  batchLoss(idx: Int32Array): tf.Scalar;
  /** Validation score of the current weights (lower is better). */
  validLoss(): number;
  onEpoch?(e: { epoch: number; trainLoss: number; validLoss: number }): void;
}

/** Loss curves and the best epoch of {@link trainLoop}. */
export interface TrainLoopResult {
  trainLoss: number[];
  validLoss: number[];
  bestEpoch: number;
}

/**
 * Train `spec.model` in place; on return it holds the best epoch's weights.
 *
 * @throws {RangeError} when the training loss is not finite (naming the epoch)
 * @example
 * ```ts
 * import { createPrng } from "../core/prng.ts";
 * import { ensureBackend, tf } from "./tf_backend.ts";
 * await ensureBackend();
 * const model = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [1] })] });
 * const x = tf.tensor2d([[0], [1], [2], [3]]), y = tf.tensor2d([[1], [3], [5], [7]]);
 * const res = trainLoop({
 *   kind: "demo", model, nTrain: 4, epochs: 5, batchSize: 2, patience: 5, learningRate: 0.1,
 *   batchRng: createPrng(1),
 *   batchLoss: (idx) => tf.losses.meanSquaredError(tf.gather(y, idx), model.apply(tf.gather(x, idx)) as tf.Tensor) as tf.Scalar,
 *   validLoss: () => tf.tidy(() => tf.losses.meanSquaredError(y, model.predict(x) as tf.Tensor).dataSync()[0]),
 * });
 * ```
 */
export function trainLoop(spec: TrainLoopSpec): TrainLoopResult {
  const { model, nTrain, batchSize } = spec;
  const vars = model.trainableWeights.map((w) => w.read() as tf.Variable);
  const optimizer = new HostAdam(vars, { learningRate: spec.learningRate });
  const trainLoss: number[] = [], validLoss: number[] = [];
  let best = Infinity, bestEpoch = 0, wait = 0;
  let bestWeights = snapshotWeights(model);
  for (let epoch = 1; epoch <= spec.epochs; epoch++) {
    const order = permutation(nTrain, spec.batchRng);
    let sum = 0;
    for (let s = 0; s < nTrain; s += batchSize) {
      const idx = order.subarray(s, Math.min(s + batchSize, nTrain));
      const { value, grads } = tf.variableGrads(() => spec.batchLoss(idx), vars);
      optimizer.step(vars.map((v) => grads[v.name]));
      sum += value.dataSync()[0] * idx.length;
      value.dispose();
      tf.dispose(grads);
    }
    const tl = sum / nTrain;
    const vl = spec.validLoss();
    trainLoss.push(tl);
    validLoss.push(vl);
    spec.onEpoch?.({ epoch, trainLoss: tl, validLoss: vl });
    if (!Number.isFinite(tl)) {
      throw new RangeError(`${spec.kind}.fit: training loss diverged at epoch ${epoch}: ${tl}`);
    }
    if (vl < best - 1e-9) {
      best = vl;
      bestEpoch = epoch;
      bestWeights = snapshotWeights(model);
      wait = 0;
    } else if (++wait >= spec.patience) break;
  }
  restoreWeights(model, bestWeights);
  return { trainLoss, validLoss, bestEpoch };
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
