/**
 * The one interface every multiplier model implements, and the shapes of its
 * fit report and saved form.
 * @module
 */
import type { Dataset } from "./dataset.ts";
import type { BaseModelConfig } from "./model_config.ts";

/** Progress of one training epoch (passed to {@link FitOptions.onEpoch}). */
export interface EpochInfo {
  readonly epoch: number;
  readonly trainLoss: number;
  readonly validLoss: number;
}

/** Per-call options of {@link Forecaster.fit} (hyperparameters live in the model's config). */
export interface FitOptions {
  /** Called after each epoch (progress to stderr, tests). */
  readonly onEpoch?: (info: EpochInfo) => void;
}

/** Per-call options of {@link Forecaster.predict}. */
export interface PredictOptions {
  /**
   * Feature rows (n_h × d, time-ordered) that immediately precede `x`. Sequence models (LSTM,
   * Transformer) use the last `lookback − 1` of them to fill the windows of the first rows of `x`
   * instead of edge-padding; other models ignore them. No predictions are returned for
   * history rows.
   */
  readonly history?: Float64Array;
}

/** What `fit` reports. Losses are the training objective (pinball at τ plus any penalties). */
export interface FitReport {
  readonly kind: string;
  readonly nTrain: number;
  readonly nValid: number;
  /** Epochs run (1 for closed-form / non-iterative models). */
  readonly epochs: number;
  /** Epoch whose weights were kept (early stopping), 1-based. */
  readonly bestEpoch: number;
  readonly trainLoss: readonly number[];
  readonly validLoss: readonly number[];
  /** Pinball loss at τ of the kept model on the validation split. */
  readonly validPinball: number;
}

/**
 * Run a synchronous `fit` body the way {@link Forecaster.fit} reports: its report in a resolved promise, anything it
 * throws as a rejected one (never a synchronous throw).
 *
 * @example
 * ```ts
 * import { onePassReport, settleFit } from "./forecaster.ts";
 * const rep = await settleFit(() => onePassReport("static", 100, 20, 0.031, 0.035, {}));
 * console.assert(rep.epochs === 1);
 * await settleFit(() => { throw new RangeError("bad split"); }).catch((e) => console.assert(e instanceof RangeError));
 * ```
 */
export function settleFit(fit: () => FitReport): Promise<FitReport> {
  try {
    return Promise.resolve(fit());
  } catch (e) {
    return Promise.reject(e);
  }
}

/**
 * The report of a model fitted in one pass (closed form or non-iterative): reports the single epoch to
 * `opts.onEpoch` and returns it as a one-epoch {@link FitReport}.
 *
 * @example
 * ```ts
 * const rep = onePassReport("static_multiplier", 100, 20, 0.031, 0.035, {});
 * rep.epochs; // 1
 * ```
 */
export function onePassReport(
  kind: string,
  nTrain: number,
  nValid: number,
  trainLoss: number,
  validLoss: number,
  opts: FitOptions,
): FitReport {
  opts.onEpoch?.({ epoch: 1, trainLoss, validLoss });
  return {
    kind,
    nTrain,
    nValid,
    epochs: 1,
    bestEpoch: 1,
    trainLoss: [trainLoss],
    validLoss: [validLoss],
    validPinball: validLoss,
  };
}

/** JSON-serialisable saved model: kind + config + learned state. */
export interface SavedForecaster {
  readonly kind: string;
  readonly format: 1;
  readonly config: object;
  readonly state: Readonly<Record<string, unknown>> | null;
}

/**
 * A model of the correction factor `m_t ∈ [mMin, mMax]`.
 *
 * - `fit` validates both splits (finite features, enough rows) before any
 *   training, learns from `train`, uses `valid` only for early stopping, and
 *   keeps no reference to either.
 * - `predict(x, { history })` takes a time-ordered n × d frame and returns n
 *   multipliers; sequence models build their windows from it (and from
 *   `history`, the rows just before `x`, when given).
 * - `save()` returns config + state; the model's `load*` function restores
 *   bit-identical predictions.
 *
 * @example
 * ```ts
 * import { staticMultiplier } from "./static_multiplier.ts";
 * import { syntheticQuantileProblem } from "../testing/synthetic_quantile_problem.ts";
 * const { train, valid, test } = syntheticQuantileProblem({ nTrain: 200, nValid: 50, nTest: 10, seed: 1, tau: 0.99 });
 * const f: Forecaster = staticMultiplier({ tau: 0.99 });
 * await f.fit(train, valid);
 * const m = f.predict(test.x);
 * ```
 */
export interface Forecaster<C extends BaseModelConfig = BaseModelConfig> {
  readonly kind: string;
  /** Validated configuration (bounds, τ, seed, hyperparameters). */
  readonly config: C;
  fit(train: Dataset, valid: Dataset, opts?: FitOptions): Promise<FitReport>;
  predict(x: Float64Array, opts?: PredictOptions): Float64Array;
  save(): SavedForecaster;
  /** Free native resources (tfjs tensors); a no-op for pure-JS models. */
  dispose(): void;
}
