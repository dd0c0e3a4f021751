/**
 * LSTM over the last `lookback` rows of the time-ordered feature frame → one
 * logit → scaled sigmoid multiplier. Windows are built by the model from the
 * frame (the first rows of a split are edge-padded with its first row).
 * The recurrence is the standard LSTM with logistic gates (as PyTorch's),
 * computed by the fused sequence op of `lstm_op.ts`; training runs on the host form
 * (`LstmHeadHost`: the same WebAssembly kernels, no tfjs kernel per step).
 * @module
 */
import type { Forecaster, SavedForecaster } from "./forecaster.ts";
import type { NetworkSpec, NeuralTrainConfig } from "./neural_forecaster.ts";
import { loadNeural, networkConfig, networkDefaults, NeuralForecaster } from "./neural_forecaster.ts";
import { Linear } from "../nn/linear_op.ts";
import { Lstm } from "../nn/lstm_op.ts";
import { LstmHeadHost } from "../nn/host_network.ts";
import { tf } from "../nn/tf_backend.ts";
import { orthogonalInitializer } from "../nn/orthogonal_init.ts";

/** Configuration of {@link lstm}. */
export interface LstmConfig extends NeuralTrainConfig {
  /** Window length in rows (days), default 20. */
  readonly lookback: number;
  /** LSTM units, default 16. */
  readonly units: number;
}

/** Defaults of {@link LstmConfig}. */
export const LSTM_DEFAULTS: LstmConfig = networkDefaults({ lookback: 20, units: 16 });

/**
 * Validated LSTM config.
 *
 * @example
 * ```ts
 * const c = lstmConfig({ lookback: 10, units: 8 });
 * ```
 */
export function lstmConfig(input: Partial<LstmConfig> = {}): LstmConfig {
  return networkConfig("lstm", LSTM_DEFAULTS, input, ["lookback", "units"]);
}

/** Architecture of the LSTM. */
export const LSTM_SPEC: NetworkSpec<LstmConfig> = {
  kind: "lstm",
  lookback: (c) => c.lookback,
  build(c, d, nextSeed, outputBias) {
    const model = tf.sequential();
    model.add(
      new Lstm({
        units: c.units,
        inputShape: [c.lookback, d],
        kernelInitializer: tf.initializers.glorotUniform({ seed: nextSeed() }),
        recurrentInitializer: orthogonalInitializer({ seed: nextSeed() }),
        unitForgetBias: true,
      }),
    );
    model.add(
      new Linear({
        units: 1,
        kernelInitializer: tf.initializers.glorotUniform({ seed: nextSeed() }),
        biasInitializer: tf.initializers.constant({ value: outputBias }),
      }),
    );
    return model;
  },
  host: (c, d) => new LstmHeadHost({ L: c.lookback, d, units: c.units }, [{ inputs: c.units, units: 1, relu: false }]),
};

/**
 * Create an (unfitted) LSTM forecaster.
 *
 * @throws {RangeError} on an invalid config
 * @example
 * ```ts
 * import { syntheticQuantileProblem } from "../testing/synthetic_quantile_problem.ts";
 * const { train, valid, test } = syntheticQuantileProblem({ nTrain: 200, nValid: 50, nTest: 10, seed: 1, tau: 0.99 });
 * const f = lstm({ lookback: 5, units: 4, epochs: 1 });
 * await f.fit(train, valid);
 * ```
 */
export function lstm(config: Partial<LstmConfig> = {}): Forecaster<LstmConfig> {
  return new NeuralForecaster(LSTM_SPEC, lstmConfig(config));
}

/**
 * Restore a saved LSTM.
 *
 * @example
 * ```ts
 * import { syntheticQuantileProblem } from "../testing/synthetic_quantile_problem.ts";
 * const { train, valid, test } = syntheticQuantileProblem({ nTrain: 200, nValid: 50, nTest: 10, seed: 1, tau: 0.99 });
 * const f = lstm({ lookback: 5, units: 4, epochs: 1 });
 * await f.fit(train, valid);
 * const g = await loadLstm(f.save());
 * ```
 */
export function loadLstm(saved: SavedForecaster): Promise<Forecaster<LstmConfig>> {
  return loadNeural(saved, LSTM_SPEC, lstmConfig);
}
