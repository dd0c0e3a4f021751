/**
 * Transformer encoder over the last `lookback` rows: linear embedding +
 * learned positional embedding, `layers` × (multi-head self-attention, add &
 * LayerNorm, ReLU feed-forward, add & LayerNorm), the last time step → one
 * logit → scaled sigmoid multiplier. Training runs on the host form
 * (`TransformerHost` of `lib/nn/transformer_host.ts`: no tfjs kernel per step; its last block computes only the last
 * time step after attention, which is all the output reads).
 * @module
 */
import type { Forecaster, SavedForecaster } from "./forecaster.ts";
import { LayerNorm } from "../nn/layer_norm.ts";
import { MultiHeadSelfAttention } from "../nn/multi_head_attention.ts";
import type { NetworkSpec, NeuralTrainConfig } from "./neural_forecaster.ts";
import { loadNeural, networkConfig, networkDefaults, NeuralForecaster } from "./neural_forecaster.ts";
import { Linear } from "../nn/linear_op.ts";
import { tf } from "../nn/tf_backend.ts";
import { TransformerHost } from "../nn/transformer_host.ts";

/** Configuration of {@link transformer}. */
export interface TransformerConfig extends NeuralTrainConfig {
  /** Window length in rows, default 20. */
  readonly lookback: number;
  /** Model width, default 16. */
  readonly dModel: number;
  /** Attention heads (must divide dModel), default 2. */
  readonly heads: number;
  /** Encoder blocks, default 1. */
  readonly layers: number;
  /** Feed-forward width, default 32. */
  readonly ffn: number;
}

/** Defaults of {@link TransformerConfig}. */
export const TRANSFORMER_DEFAULTS: TransformerConfig = networkDefaults({
  lookback: 20,
  dModel: 16,
  heads: 2,
  layers: 1,
  ffn: 32,
});

/**
 * Validated Transformer config (`heads` must divide `dModel`).
 *
 * @example
 * ```ts
 * const c = transformerConfig({ dModel: 8, heads: 2 });
 * ```
 */
export function transformerConfig(input: Partial<TransformerConfig> = {}): TransformerConfig {
  const c = networkConfig("transformer", TRANSFORMER_DEFAULTS, input, ["lookback", "dModel", "heads", "layers", "ffn"]);
  if (c.dModel % c.heads !== 0) {
    throw new RangeError(`transformer: dModel (${c.dModel}) must be divisible by heads (${c.heads})`);
  }
  return c;
}

/** Adds a learned `[L, dModel]` positional embedding. */
class PositionalEmbedding extends tf.layers.Layer {
  static className = "DynimPositionalEmbedding";
  private pos!: tf.LayerVariable;
  constructor(private readonly seed: number) {
    super({});
  }
  override build(inputShape: tf.Shape | tf.Shape[]): void {
    const s = inputShape as tf.Shape;
    this.pos = this.addWeight(
      "pos",
      [s[1] as number, s[2] as number],
      "float32",
      tf.initializers.randomUniform({ minval: -0.05, maxval: 0.05, seed: this.seed }),
    );
    this.built = true;
  }
  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => tf.add(Array.isArray(inputs) ? inputs[0] : inputs, this.pos.read()));
  }
}

/** Keeps the last time step: `[b, L, D] → [b, D]`. */
class LastStep extends tf.layers.Layer {
  static className = "DynimLastStep";
  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    const s = inputShape as tf.Shape;
    return [s[0], s[2]];
  }
  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const x = (Array.isArray(inputs) ? inputs[0] : inputs) as tf.Tensor3D;
      const [b, L, D] = x.shape;
      return tf.reshape(tf.slice(x, [0, L - 1, 0], [b, 1, D]), [b, D]);
    });
  }
}

/** Architecture of the Transformer encoder. */
export const TRANSFORMER_SPEC: NetworkSpec<TransformerConfig> = {
  kind: "transformer",
  lookback: (c) => c.lookback,
  build(c, d, nextSeed, outputBias) {
    const input = tf.input({ shape: [c.lookback, d] });
    const dense = (units: number, activation?: "relu") =>
      new Linear({ units, activation, kernelInitializer: tf.initializers.glorotUniform({ seed: nextSeed() }) });
    let x = dense(c.dModel).apply(input) as tf.SymbolicTensor;
    x = new PositionalEmbedding(nextSeed()).apply(x) as tf.SymbolicTensor;
    for (let l = 0; l < c.layers; l++) {
      const a = new MultiHeadSelfAttention({ heads: c.heads, seed: nextSeed() }).apply(x) as tf.SymbolicTensor;
      x = new LayerNorm().apply(tf.layers.add().apply([x, a]) as tf.SymbolicTensor) as tf.SymbolicTensor;
      const f = dense(c.dModel).apply(dense(c.ffn, "relu").apply(x)) as tf.SymbolicTensor;
      x = new LayerNorm().apply(tf.layers.add().apply([x, f]) as tf.SymbolicTensor) as tf.SymbolicTensor;
    }
    const last = new LastStep({}).apply(x) as tf.SymbolicTensor;
    const out = new Linear({
      units: 1,
      kernelInitializer: tf.initializers.glorotUniform({ seed: nextSeed() }),
      biasInitializer: tf.initializers.constant({ value: outputBias }),
    }).apply(last) as tf.SymbolicTensor;
    return tf.model({ inputs: input, outputs: out });
  },
  host: (c, d) =>
    new TransformerHost({ L: c.lookback, d, dModel: c.dModel, heads: c.heads, layers: c.layers, ffn: c.ffn }),
};

/**
 * Create an (unfitted) Transformer-encoder forecaster.
 *
 * @throws {RangeError} on an invalid config
 * @example
 * ```ts
 * import { syntheticQuantileProblem } from "../testing/synthetic_quantile_problem.ts";
 * const { train, valid, test } = syntheticQuantileProblem({ nTrain: 200, nValid: 50, nTest: 10, seed: 1, tau: 0.99 });
 * const f = transformer({ lookback: 5, dModel: 8, heads: 2, epochs: 1 });
 * await f.fit(train, valid);
 * ```
 */
export function transformer(config: Partial<TransformerConfig> = {}): Forecaster<TransformerConfig> {
  return new NeuralForecaster(TRANSFORMER_SPEC, transformerConfig(config));
}

/**
 * Restore a saved Transformer.
 *
 * @example
 * ```ts
 * import { syntheticQuantileProblem } from "../testing/synthetic_quantile_problem.ts";
 * const { train, valid, test } = syntheticQuantileProblem({ nTrain: 200, nValid: 50, nTest: 10, seed: 1, tau: 0.99 });
 * const f = transformer({ lookback: 5, dModel: 8, heads: 2, epochs: 1 });
 * await f.fit(train, valid);
 * const g = await loadTransformer(f.save());
 * ```
 */
export function loadTransformer(saved: SavedForecaster): Promise<Forecaster<TransformerConfig>> {
  return loadNeural(saved, TRANSFORMER_SPEC, transformerConfig);
}
