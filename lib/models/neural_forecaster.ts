/**
 * The training machinery shared by the tfjs networks (MLP, LSTM, Transformer):
 * standardisation on the training split, window building for sequence models,
 * the scaled-sigmoid output, the pinball / breach / smoothness objective
 * (`multiplier_objective.ts`, one op with an exact host-side gradient), Adam
 * (`host_adam.ts`, one host loop per variable) with seeded self-shuffled
 * mini-batches, early stopping on the validation loss with best-weight
 * restore, and exact save/load of the weights.
 * @module
 */
import { empiricalQuantile } from "../targets/empirical_quantile.ts";
import { boundedMultiplier, clipMultiplier, multiplierLogit } from "../targets/bounded_multiplier.ts";
import { type Dataset, validateFeatures, validateSplits } from "./dataset.ts";
import type { FitOptions, FitReport, Forecaster, PredictOptions, SavedForecaster } from "./forecaster.ts";
import { checkInt, checkPositive } from "../core/check.ts";
import { BASE_DEFAULTS, type BaseModelConfig, mergeConfig } from "./model_config.ts";
import { standardize } from "../nn/standardizer.ts";
import { fitSetup, loopHyper, trainLoop, type TrainLoopResult } from "../nn/train_loop.ts";
import type { Prng } from "../core/prng.ts";
import { hostLossOp, type OutputLoss } from "../nn/host_loss_op.ts";
import { decodeNetworkState, encodeNetworkState, type FittedNetwork } from "../nn/network_state.ts";
import { objectiveAndGradient } from "../nn/multiplier_objective.ts";
import type { HostNetwork } from "../nn/host_network.ts";
import { ensureBackend, tf } from "../nn/tf_backend.ts";

/** Training hyperparameters shared by the networks. */
export interface NeuralTrainConfig extends BaseModelConfig {
  /** Maximum epochs. */
  readonly epochs: number;
  readonly batchSize: number;
  /** Adam learning rate. */
  readonly learningRate: number;
  /** Early stopping: epochs without validation improvement before stopping. */
  readonly patience: number;
  /** Weight λ of the asymmetric breach penalty `λ·mean(max(r − m, 0)²)`. */
  readonly breachPenalty: number;
  /** Weight μ of the smoothness penalty `μ·mean(|m_t − m_{t−1}|)` on consecutive days. */
  readonly smoothness: number;
  /**
   * `"pinball"` (default): pinball loss at τ of the ratio `r` against `m` — `m` learns the conditional
   * τ-quantile. `"mse"`: squared error of `m` against `r`, for the alternative target where the caller
   * passes the backtest-optimal multiplier (`backtestOptimalMultiplier`) as `r`.
   */
  readonly objective: "pinball" | "mse";
}

/** Defaults of the training hyperparameters (without the base fields). */
export const TRAIN_DEFAULTS = Object.freeze({
  epochs: 100,
  batchSize: 64,
  learningRate: 1e-3,
  patience: 10,
  breachPenalty: 0,
  smoothness: 0,
  objective: "pinball" as "pinball" | "mse",
});

/**
 * Validate the training fields of a network config.
 *
 * @throws {RangeError} naming the model, key and value
 * @example
 * ```ts
 * import { BASE_DEFAULTS } from "./model_config.ts";
 * validateTrainConfig("mlp", { ...BASE_DEFAULTS, ...TRAIN_DEFAULTS });
 * ```
 */
export function validateTrainConfig(model: string, c: NeuralTrainConfig): void {
  checkInt(model, "epochs", c.epochs, 1);
  checkInt(model, "batchSize", c.batchSize, 1);
  checkPositive(model, "learningRate", c.learningRate);
  checkInt(model, "patience", c.patience, 1);
  checkPositive(model, "breachPenalty", c.breachPenalty, true);
  checkPositive(model, "smoothness", c.smoothness, true);
  if (c.objective !== "pinball" && c.objective !== "mse") {
    throw new RangeError(`${model}: objective must be "pinball" or "mse", got ${c.objective}`);
  }
}

/**
 * A network's defaults: the base and training defaults plus its own fields.
 *
 * @example
 * ```ts
 * const defaults = networkDefaults({ units: 16 }); // { tau: 0.99, …, epochs: 100, …, units: 16 }
 * ```
 */
export function networkDefaults<E extends object>(extra: E): Readonly<BaseModelConfig & typeof TRAIN_DEFAULTS & E> {
  return Object.freeze({ ...BASE_DEFAULTS, ...TRAIN_DEFAULTS, ...extra });
}

/**
 * A network's validated config: `input` merged over `defaults` (unknown keys are errors), the training fields
 * checked, and each of `intKeys` an integer ≥ 1.
 *
 * @throws {RangeError} naming the model, key and value
 * @example
 * ```ts
 * const c = networkConfig("lstm", networkDefaults({ lookback: 20, units: 16 }), { units: 8 }, ["lookback", "units"]);
 * ```
 */
export function networkConfig<C extends NeuralTrainConfig>(
  model: string,
  defaults: C,
  input: Partial<C>,
  intKeys: readonly (keyof C & string)[],
): C {
  const c = mergeConfig(model, defaults, input);
  validateTrainConfig(model, c);
  for (const k of intKeys) checkInt(model, k, c[k] as number, 1);
  return c;
}

/** How a concrete network is built. */
export interface NetworkSpec<C extends NeuralTrainConfig> {
  readonly kind: string;
  /** Window length for sequence models (input `[b, L, d]`); 0 for flat input `[b, d]`. */
  lookback(config: C): number;
  /**
   * Build the network mapping inputs to one logit `z` per row. `nextSeed()`
   * gives a fresh initialiser seed for each layer; `outputBias` initialises
   * the final bias so that training starts at the static multiplier.
   */
  build(config: C, d: number, nextSeed: () => number, outputBias: number): tf.LayersModel;
  /**
   * The host form of the built network (same weights in the order of its trainable weights), when there is one:
   * `fit` then trains on the host (bit-identical to tfjs autodiff, without per-step tfjs kernels).
   */
  host?(config: C, d: number): HostNetwork;
}

type Trained = FittedNetwork;

const MAX_ROWS_PER_CALL = 8192;

/**
 * A {@link Forecaster} backed by a tfjs network described by `spec`.
 *
 * @example
 * ```ts
 * import { MLP_SPEC, mlpConfig } from "./mlp.ts";
 * import { syntheticQuantileProblem } from "../testing/synthetic_quantile_problem.ts";
 * const { train, valid, test } = syntheticQuantileProblem({ nTrain: 200, nValid: 50, nTest: 10, seed: 1, tau: 0.99 });
 * const f = new NeuralForecaster(MLP_SPEC, mlpConfig({ hidden: [16], epochs: 2 }));
 * await f.fit(train, valid);
 * ```
 */
export class NeuralForecaster<C extends NeuralTrainConfig> implements Forecaster<C> {
  readonly kind: string;
  readonly config: C;
  private readonly spec: NetworkSpec<C>;
  private trained: Trained | undefined;
  /** The host form used for prediction (built once per input width; `undefined` when the spec has none). */
  #host: { d: number; net: HostNetwork | undefined } | undefined;

  #hostFor(d: number): HostNetwork | undefined {
    if (this.#host?.d !== d) this.#host = { d, net: this.spec.host?.(this.config, d) };
    return this.#host.net;
  }

  constructor(spec: NetworkSpec<C>, config: C) {
    this.spec = spec;
    this.kind = spec.kind;
    this.config = config;
  }

  async fit(train: Dataset, valid: Dataset, opts: FitOptions = {}): Promise<FitReport> {
    const c = this.config;
    const { nTrain, nValid } = validateSplits(this.kind, train, valid, c.minTrain);
    await ensureBackend();
    this.dispose();

    const d = train.d, L = this.spec.lookback(c);
    const { scaler, xs, xv, nextSeed, batchRng } = fitSetup(c.seed, train.x, valid.x, d);
    const rTrain = Float32Array.from(train.r), rValid = Float64Array.from(valid.r);
    // Start at the static answer: the τ-quantile (pinball) or the mean (mse) of the training target.
    const start = c.objective === "mse"
      ? train.r.reduce((s, v) => s + v, 0) / nTrain
      : empiricalQuantile(train.r, c.tau);
    const q0 = clipMultiplier(start, c.mMin, c.mMax);
    const model = buildTidy(() => this.spec.build(c, d, nextSeed, multiplierLogit(q0, c.mMin, c.mMax, 1e-3)));
    // With smoothness, each row's previous day is appended (its logit enters the smoothness penalty).
    const batchRows = (idx: Int32Array): Int32Array => {
      if (!(c.smoothness > 0)) return idx;
      const b = idx.length, rows = new Int32Array(2 * b);
      rows.set(idx);
      for (let i = 0; i < b; i++) rows[b + i] = Math.max(idx[i] - 1, 0);
      return rows;
    };
    const host = this.spec.host?.(c, d);
    // the validation score from the host's prediction pass when it has one (bit for bit tfjs's predict)
    const validOutputs = (): Float64Array => predictWith(model, xv, d, L, c, host);
    const loop = trainNetwork({
      kind: this.kind,
      model,
      host,
      nTrain,
      config: c,
      batchRng,
      xs,
      d,
      L,
      rows: batchRows,
      loss: (idx) => {
        const r = gather(rTrain, idx);
        return (z) => objectiveAndGradient(z, r, c);
      },
      validLoss: () => objective(rValid, validOutputs(), c),
      onEpoch: opts.onEpoch,
    });
    this.trained = { model, scaler, d };
    const mv = predictWith(model, xv, d, L, c, host);
    return {
      kind: this.kind,
      ...loopReport(nTrain, nValid, loop),
      validPinball: objective(rValid, mv, { ...c, objective: "pinball", breachPenalty: 0, smoothness: 0 }),
    };
  }

  predict(x: Float64Array, opts: PredictOptions = {}): Float64Array {
    const t = this.trained;
    if (t === undefined) throw new TypeError(`${this.kind}.predict: model is not fitted (call fit or load first)`);
    const n = validateFeatures(x, t.d, `${this.kind}.predict x`);
    const L = this.spec.lookback(this.config);
    const h = opts.history;
    if (h === undefined || L === 0) {
      if (h !== undefined) validateFeatures(h, t.d, `${this.kind}.predict history`);
      return predictWith(t.model, standardize(x, t.scaler), t.d, L, this.config, this.#hostFor(t.d));
    }
    const nh = validateFeatures(h, t.d, `${this.kind}.predict history`);
    const keep = Math.min(nh, L - 1);
    const all = new Float64Array((keep + n) * t.d);
    all.set(h.subarray((nh - keep) * t.d));
    all.set(x, keep * t.d);
    return predictWith(t.model, standardize(all, t.scaler), t.d, L, this.config, this.#hostFor(t.d)).slice(keep);
  }

  save(): SavedForecaster {
    return savedNetwork(this.kind, this.config, this.trained);
  }

  /**
   * Restore the state written by {@link save} (used by each model's `load*`).
   *
   * @throws {TypeError} when the state does not match the architecture
   */
  async restoreState(state: Readonly<Record<string, unknown>>): Promise<void> {
    await ensureBackend();
    this.dispose();
    this.trained = decodeNetworkState(
      this.kind,
      state,
      (d) => buildTidy(() => this.spec.build(this.config, d, () => 0, 0)),
    );
  }

  dispose(): void {
    this.trained?.model.dispose();
    this.trained = undefined;
    this.#host = undefined;
  }
}

/** What {@link trainNetwork} needs. */
export interface TrainNetworkSpec {
  readonly kind: string;
  /** The network (disposed when training throws). */
  readonly model: tf.LayersModel;
  /** Its host form: when given, training runs on the host (bit-identical to tfjs autodiff, see `trainLoop`). */
  readonly host?: HostNetwork;
  readonly nTrain: number;
  readonly config: { epochs: number; batchSize: number; patience: number; learningRate: number };
  readonly batchRng: Prng;
  /** Standardized training features (row-major, `d` per row) and the window length (0: flat input). */
  readonly xs: Float32Array;
  readonly d: number;
  readonly L: number;
  /** The frame rows a batch feeds the network (default: the batch rows themselves). */
  rows?(idx: Int32Array): Int32Array;
  /** The loss of the network outputs for the batch rows `idx`. */
  loss(idx: Int32Array): OutputLoss;
  validLoss(): number;
  onEpoch?(e: { epoch: number; trainLoss: number; validLoss: number; learningRate: number }): void;
}

/**
 * Train a network of this folder with {@link trainLoop}: batches of the standardized frame through the tfjs model
 * with a host loss ({@link hostLossOp}), or wholly on the host when `spec.host` is given. Disposes the model and
 * rethrows when training fails.
 *
 * @example
 * ```ts
 * import { createPrng } from "../core/prng.ts";
 * import { DenseStackHost } from "../nn/dense_stack_host.ts";
 * import { ensureBackend } from "../nn/tf_backend.ts";
 * import { mlpStack, mlpStackShapes } from "./mlp.ts";
 * await ensureBackend();
 * let seed = 1;
 * const model = mlpStack([4], 1, () => seed++, 1);
 * const xs = Float32Array.of(0, 1, 2, 3), target = Float32Array.of(0, 2, 4, 6);
 * const mse = (idx: Int32Array) => (z: Float32Array) => {
 *   let loss = 0;
 *   const dz = Float32Array.from(z, (v, i) => 2 * (v - target[idx[i]]) / z.length);
 *   z.forEach((v, i) => loss += (v - target[idx[i]]) ** 2 / z.length);
 *   return { loss, dz };
 * };
 * const res = trainNetwork({
 *   kind: "demo", model, host: new DenseStackHost(mlpStackShapes([4], 1, 1)), nTrain: 4,
 *   config: { epochs: 3, batchSize: 2, patience: 3, learningRate: 0.01 }, batchRng: createPrng(1),
 *   xs, d: 1, L: 0, loss: mse, validLoss: () => 0,
 * });
 * ```
 */
export function trainNetwork(spec: TrainNetworkSpec): TrainLoopResult {
  const { model, host, xs, d, L } = spec;
  const rows = spec.rows ?? ((idx: Int32Array) => idx);
  try {
    return trainLoop({
      kind: spec.kind,
      model,
      nTrain: spec.nTrain,
      ...loopHyper(spec.config),
      batchRng: spec.batchRng,
      ...(host === undefined
        ? {
          batchLoss: (idx: Int32Array) =>
            hostLossOp(model.apply(batchInput(xs, d, L, rows(idx)), { training: true }) as tf.Tensor, spec.loss(idx)),
        }
        : {
          hostLoss: (idx: Int32Array, weights: readonly Float32Array[]) => {
            const r = rows(idx);
            return host.lossAndGrads(batchArray(xs, d, L, r), r.length, weights, spec.loss(idx));
          },
        }),
      validLoss: spec.validLoss,
      onEpoch: spec.onEpoch,
    });
  } catch (e) {
    model.dispose();
    throw e;
  }
}

/**
 * The saved form of a fitted network (format 1: config and {@link encodeNetworkState}'s state).
 *
 * @throws {TypeError} when `trained` is undefined (not fitted)
 * @example
 * ```ts
 * import { ensureBackend, tf } from "../nn/tf_backend.ts";
 * await ensureBackend();
 * const model = tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [1] })] });
 * const s = savedNetwork("demo", { seed: 1 }, { model, scaler: { mean: Float64Array.of(0), sd: Float64Array.of(1) }, d: 1 });
 * s.format; // 1
 * ```
 */
export function savedNetwork<C extends object>(
  kind: string,
  config: C,
  trained: FittedNetwork | undefined,
): { kind: string; format: 1; config: C; state: Record<string, unknown> } {
  if (trained === undefined) throw new TypeError(`${kind}.save: model is not fitted`);
  return { kind, format: 1, config: { ...config }, state: encodeNetworkState(trained) };
}

/** The training-loop part of a fit report ({@link loopReport}). */
export interface LoopReport {
  /** Training rows. */
  nTrain: number;
  /** Validation rows. */
  nValid: number;
  /** Epochs run. */
  epochs: number;
  /** Epoch whose weights were kept (early stopping), 1-based. */
  bestEpoch: number;
  /** Training loss per epoch. */
  trainLoss: number[];
  /** Validation loss per epoch. */
  validLoss: number[];
}

/**
 * The training-loop part of a fit report: split sizes, epochs run, the kept (1-based) epoch and both loss curves, in
 * that key order (shared by the forecasters' and the action classifier's reports).
 *
 * @example
 * ```ts
 * const r = loopReport(80, 20, { trainLoss: [0.3, 0.2], validLoss: [0.4, 0.35], bestEpoch: 2, bestValidLoss: 0.35 });
 * r.epochs; // 2
 * ```
 */
export function loopReport(nTrain: number, nValid: number, loop: TrainLoopResult): LoopReport {
  return {
    nTrain,
    nValid,
    epochs: loop.trainLoss.length,
    bestEpoch: loop.bestEpoch,
    trainLoss: loop.trainLoss,
    validLoss: loop.validLoss,
  };
}

/**
 * Build a model inside a tidy scope: initialiser temporaries (e.g. the LSTM's
 * `unitForgetBias`) are freed, weights (variables) kept.
 *
 * @example
 * ```ts
 * import { ensureBackend, tf } from "../nn/tf_backend.ts";
 * await ensureBackend();
 * const model = buildTidy(() => tf.sequential({ layers: [tf.layers.dense({ units: 1, inputShape: [3] })] }));
 * ```
 */
export function buildTidy(build: () => tf.LayersModel): tf.LayersModel {
  let model: tf.LayersModel | undefined;
  tf.tidy(() => {
    model = build();
  });
  return model!;
}

function gather(r: Float32Array, idx: Int32Array): Float32Array {
  const out = new Float32Array(idx.length);
  for (let i = 0; i < idx.length; i++) out[i] = r[idx[i]];
  return out;
}

/**
 * Input tensor for rows `rows` of the standardized frame: `[b, d]` (`L = 0`) or windows `[b, L, d]` (edge-padded).
 *
 * @example
 * ```ts
 * import { ensureBackend } from "../nn/tf_backend.ts";
 * await ensureBackend();
 * const t = batchInput(Float32Array.of(1, 2, 3, 4, 5, 6), 2, 0, [2, 0]); // [[5, 6], [1, 2]]
 * ```
 */
export function batchInput(xs: Float32Array, d: number, L: number, rows: ArrayLike<number>): tf.Tensor {
  const out = batchArray(xs, d, L, rows);
  return L === 0 ? tf.tensor2d(out, [rows.length, d]) : tf.tensor3d(out, [rows.length, L, d]);
}

/**
 * The values of {@link batchInput} as a row-major array (`[b, d]` or `[b, L, d]`).
 *
 * @example
 * ```ts
 * batchArray(Float32Array.of(1, 2, 3, 4, 5, 6), 2, 0, [2, 0]); // Float32Array [5, 6, 1, 2]
 * ```
 */
export function batchArray(xs: Float32Array, d: number, L: number, rows: ArrayLike<number>): Float32Array {
  const b = rows.length;
  if (L === 0) {
    const out = new Float32Array(b * d);
    for (let i = 0; i < b; i++) out.set(xs.subarray(rows[i] * d, rows[i] * d + d), i * d);
    return out;
  }
  const out = new Float32Array(b * L * d);
  for (let i = 0; i < b; i++) {
    const t = rows[i];
    for (let k = 0; k < L; k++) {
      const src = Math.max(t - (L - 1) + k, 0);
      out.set(xs.subarray(src * d, src * d + d), (i * L + k) * d);
    }
  }
  return out;
}

/**
 * The network's raw outputs for every row of the standardized frame (windows edge-padded when `L > 0`),
 * row-major, predicted in chunks of at most 8,192 rows.
 *
 * @example
 * ```ts
 * import { ensureBackend, tf } from "../nn/tf_backend.ts";
 * await ensureBackend();
 * const model = tf.sequential({ layers: [tf.layers.dense({ units: 3, inputShape: [2] })] });
 * const z = networkOutputs(model, new Float32Array(10), 2, 0); // 5 rows × 3 outputs
 * ```
 */
export function networkOutputs(model: tf.LayersModel, xs: Float32Array, d: number, L: number): Float32Array {
  const n = xs.length / d;
  let out: Float32Array | undefined;
  for (let s = 0; s < n; s += MAX_ROWS_PER_CALL) {
    const e = Math.min(n, s + MAX_ROWS_PER_CALL);
    const rows = new Int32Array(e - s);
    for (let i = 0; i < rows.length; i++) rows[i] = s + i;
    const z = tf.tidy(() => (model.predict(batchInput(xs, d, L, rows)) as tf.Tensor).dataSync() as Float32Array);
    out ??= new Float32Array(n * (z.length / (e - s)));
    out.set(z, s * (z.length / (e - s)));
  }
  return out ?? new Float32Array(0);
}

/**
 * {@link networkOutputs} by the host network's prediction pass (`host.outputs`) with the model's current weights.
 *
 * @example
 * ```ts
 * import { DenseStackHost } from "../nn/dense_stack_host.ts";
 * import { ensureBackend } from "../nn/tf_backend.ts";
 * import { mlpStack, mlpStackShapes } from "./mlp.ts";
 * await ensureBackend();
 * let seed = 1;
 * const model = mlpStack([4], 1, () => seed++, 1);
 * hostOutputs(new DenseStackHost(mlpStackShapes([4], 1, 1)), model, Float32Array.of(0, 1, 2), 1, 0); // 3 logits
 * ```
 */
export function hostOutputs(
  host: HostNetwork,
  model: tf.LayersModel,
  xs: Float32Array,
  d: number,
  L: number,
): Float32Array {
  const weights = model.trainableWeights.map((w) => w.read().dataSync() as Float32Array);
  const n = xs.length / d;
  const out = new Float32Array(n);
  for (let s = 0; s < n; s += MAX_ROWS_PER_CALL) {
    const e = Math.min(n, s + MAX_ROWS_PER_CALL);
    const rows = new Int32Array(e - s);
    for (let i = 0; i < rows.length; i++) rows[i] = s + i;
    out.set(host.outputs!(batchArray(xs, d, L, rows), e - s, weights).subarray(0, e - s), s);
  }
  return out;
}

/**
 * Multipliers `mMin + (mMax − mMin)·σ(z)` of the network's single output, one per row: from the host form's
 * prediction pass when there is one (bit for bit tfjs's `predict`, tested in `hostOutputs`), else from tfjs.
 */
function predictWith(
  model: tf.LayersModel,
  xs: Float32Array,
  d: number,
  L: number,
  c: NeuralTrainConfig,
  host?: HostNetwork,
): Float64Array {
  const z = host?.outputs === undefined ? networkOutputs(model, xs, d, L) : hostOutputs(host, model, xs, d, L);
  return Float64Array.from(z, (v) => boundedMultiplier(v, c.mMin, c.mMax));
}

/** The training objective evaluated in float64 on a time-ordered split. */
function objective(r: Float64Array, m: Float64Array, c: NeuralTrainConfig): number {
  let p = 0, br = 0, sm = 0;
  for (let i = 0; i < r.length; i++) {
    const u = r[i] - m[i];
    p += c.objective === "mse" ? u * u : u >= 0 ? c.tau * u : (c.tau - 1) * u;
    if (u > 0) br += u * u;
    const dm = i > 0 ? m[i] - m[i - 1] : 0;
    sm += dm * dm;
  }
  const n = r.length;
  return p / n + c.breachPenalty * br / n + c.smoothness * sm / n;
}

/**
 * Shared body of the `load*` functions of the networks.
 *
 * @throws {TypeError} when `saved.kind` is not `spec.kind`
 * @example
 * ```ts
 * import { mlp, MLP_SPEC, mlpConfig } from "./mlp.ts";
 * import { syntheticQuantileProblem } from "../testing/synthetic_quantile_problem.ts";
 * const { train, valid, test } = syntheticQuantileProblem({ nTrain: 200, nValid: 50, nTest: 10, seed: 1, tau: 0.99 });
 * const f = mlp({ hidden: [4], epochs: 1 });
 * await f.fit(train, valid);
 * const g = await loadNeural(f.save(), MLP_SPEC, mlpConfig);
 * ```
 */
export async function loadNeural<C extends NeuralTrainConfig>(
  saved: SavedForecaster,
  spec: NetworkSpec<C>,
  makeConfig: (c: Partial<C>) => C,
): Promise<NeuralForecaster<C>> {
  if (saved?.kind !== spec.kind) throw new TypeError(`load ${spec.kind}: saved model has kind ${saved?.kind}`);
  const f = new NeuralForecaster(spec, makeConfig(saved.config as Partial<C>));
  if (saved.state === null) throw new TypeError(`load ${spec.kind}: saved model has no state (was it fitted?)`);
  await f.restoreState(saved.state);
  return f;
}
