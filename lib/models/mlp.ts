/**
 * Multilayer perceptron for the correction factor: standardized features →
 * dense ReLU layers → one logit → scaled sigmoid multiplier.
 * @module
 */
import type { Forecaster, SavedForecaster } from "./forecaster.ts";
import { checkInt, checkPositive } from "../core/check.ts";
import type { NetworkSpec, NeuralTrainConfig } from "./neural_forecaster.ts";
import { loadNeural, networkConfig, networkDefaults, NeuralForecaster } from "./neural_forecaster.ts";
import { Linear } from "../nn/linear_op.ts";
import { type DenseLayerShape, DenseStackHost } from "../nn/dense_stack_host.ts";
import { tf } from "../nn/tf_backend.ts";

/** Configuration of {@link mlp}. */
export interface MlpConfig extends NeuralTrainConfig {
  /** Hidden layer widths, default `[32, 16]`. */
  readonly hidden: readonly number[];
  /** L2 weight decay λ on the kernels (`(λ/2)·Σ w²` added to the training loss), default 0 (none). */
  readonly weightDecay: number;
}

/** Defaults of {@link MlpConfig}. */
export const MLP_DEFAULTS: MlpConfig = networkDefaults({ hidden: [32, 16] as readonly number[], weightDecay: 0 });

/**
 * Validated MLP config (unknown keys, bad bounds/τ/sizes → RangeError).
 *
 * @example
 * ```ts
 * const c = mlpConfig({ hidden: [8], epochs: 20, weightDecay: 1e-4 });
 * ```
 */
export function mlpConfig(input: Partial<MlpConfig> = {}): MlpConfig {
  const c = networkConfig("mlp", MLP_DEFAULTS, input, []);
  if (!Array.isArray(c.hidden)) throw new RangeError(`mlp: hidden must be an array of widths, got ${c.hidden}`);
  c.hidden.forEach((h, i) => checkInt("mlp", `hidden[${i}]`, h, 1));
  checkPositive("mlp", "weightDecay", c.weightDecay, true);
  return { ...c, hidden: [...c.hidden] };
}

/**
 * A feed-forward stack: ReLU layers of widths `hidden` (He-normal init), then a
 * linear layer of `outputs` units (Glorot-uniform init, bias `outputBias`);
 * one `nextSeed()` per layer, in order.
 *
 * @example
 * ```ts
 * import { ensureBackend } from "../nn/tf_backend.ts";
 * await ensureBackend();
 * let seed = 1;
 * const net = mlpStack([8, 4], 3, () => seed++, 2);
 * ```
 */
export function mlpStack(
  hidden: readonly number[],
  d: number,
  nextSeed: () => number,
  outputs: number,
  outputBias = 0,
): tf.Sequential {
  const model = tf.sequential();
  hidden.forEach((units, i) => {
    model.add(
      new Linear({
        units,
        activation: "relu",
        inputShape: i === 0 ? [d] : undefined,
        kernelInitializer: tf.initializers.heNormal({ seed: nextSeed() }),
      }),
    );
  });
  model.add(
    new Linear({
      units: outputs,
      inputShape: hidden.length === 0 ? [d] : undefined,
      kernelInitializer: tf.initializers.glorotUniform({ seed: nextSeed() }),
      biasInitializer: tf.initializers.constant({ value: outputBias }),
    }),
  );
  return model;
}

/** Architecture of the MLP. */
export const MLP_SPEC: NetworkSpec<MlpConfig> = {
  kind: "mlp",
  lookback: () => 0,
  build: (c, d, nextSeed, outputBias) => mlpStack(c.hidden, d, nextSeed, 1, outputBias),
  host: (c, d) => new DenseStackHost(mlpStackShapes(c.hidden, d, 1)),
};

/**
 * The layer shapes of {@link mlpStack} (for the host training pass).
 *
 * @example
 * ```ts
 * mlpStackShapes([8], 3, 1); // [{ inputs: 3, units: 8, relu: true }, { inputs: 8, units: 1, relu: false }]
 * ```
 */
export function mlpStackShapes(hidden: readonly number[], d: number, outputs: number): DenseLayerShape[] {
  const widths = [d, ...hidden, outputs];
  return widths.slice(1).map((units, l) => ({ inputs: widths[l], units, relu: l < hidden.length }));
}

/**
 * Create an (unfitted) MLP forecaster.
 *
 * @throws {RangeError} on an invalid config
 * @example
 * ```ts
 * import { syntheticQuantileProblem } from "../testing/synthetic_quantile_problem.ts";
 * const { train, valid, test } = syntheticQuantileProblem({ nTrain: 200, nValid: 50, nTest: 10, seed: 1, tau: 0.99 });
 * const f = mlp({ hidden: [16], seed: 1, epochs: 2 });
 * await f.fit(train, valid);
 * const m = f.predict(test.x);
 * ```
 */
export function mlp(config: Partial<MlpConfig> = {}): Forecaster<MlpConfig> {
  return new NeuralForecaster(MLP_SPEC, mlpConfig(config));
}

/**
 * Restore a saved MLP (identical predictions).
 *
 * @example
 * ```ts
 * import { syntheticQuantileProblem } from "../testing/synthetic_quantile_problem.ts";
 * const { train, valid, test } = syntheticQuantileProblem({ nTrain: 200, nValid: 50, nTest: 10, seed: 1, tau: 0.99 });
 * const f = mlp({ hidden: [4], epochs: 1 });
 * await f.fit(train, valid);
 * const g = await loadMlp(f.save());
 * ```
 */
export function loadMlp(saved: SavedForecaster): Promise<Forecaster<MlpConfig>> {
  return loadNeural(saved, MLP_SPEC, mlpConfig);
}
