/**
 * A small layer normalisation layer for tfjs (normalises the last axis, with a
 * learned gain and bias). tfjs's built-in `LayerNormalization` is several
 * times slower in training; this one uses plain mean/variance ops.
 * @module
 */
import { inputShapeOf } from "./layer_args.ts";
import { tf } from "./tf_backend.ts";

/**
 * Layer normalisation of `x` over its last axis with gain `gamma` and bias `beta` (the op of {@link LayerNorm},
 * for networks written with plain variables).
 *
 * @example
 * ```ts
 * import { ensureBackend, tf } from "./tf_backend.ts";
 * await ensureBackend();
 * const y = layerNormOp(tf.tensor2d([[1, 2, 3]]), tf.ones([3]), tf.zeros([3]), 1e-5);
 * // ≈ [[-1.22, 0, 1.22]]
 * ```
 */
export function layerNormOp(x: tf.Tensor, gamma: tf.Tensor, beta: tf.Tensor, epsilon: number): tf.Tensor {
  const axis = x.rank - 1;
  const mu = tf.mean(x, axis, true);
  const xc = tf.sub(x, mu);
  const variance = tf.mean(tf.square(xc), axis, true);
  const xn = tf.mul(xc, tf.rsqrt(tf.add(variance, epsilon)));
  return tf.add(tf.mul(xn, gamma), beta);
}

/**
 * Layer normalisation over the last axis: `γ·(x − μ)/√(σ² + ε) + β`.
 *
 * @example
 * ```ts
 * import { ensureBackend, tf } from "./tf_backend.ts";
 * await ensureBackend();
 * const ln = new LayerNorm({ epsilon: 1e-5 });
 * const y = ln.apply(tf.input({ shape: [10, 16] })) as tf.SymbolicTensor;
 * ```
 */
export class LayerNorm extends tf.layers.Layer {
  /** tfjs class name. */
  static className = "DynimLayerNorm";
  private readonly epsilon: number;
  private gamma!: tf.LayerVariable;
  private beta!: tf.LayerVariable;

  constructor(args: { epsilon?: number; name?: string } = {}) {
    super({ name: args.name });
    this.epsilon = args.epsilon ?? 1e-5;
  }

  override build(inputShape: tf.Shape | tf.Shape[]): void {
    const shape = inputShapeOf(inputShape);
    const d = shape[shape.length - 1] as number;
    this.gamma = this.addWeight("gamma", [d], "float32", tf.initializers.ones());
    this.beta = this.addWeight("beta", [d], "float32", tf.initializers.zeros());
    this.built = true;
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape | tf.Shape[] {
    return inputShape;
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const x = Array.isArray(inputs) ? inputs[0] : inputs;
      return layerNormOp(x, this.gamma.read(), this.beta.read(), this.epsilon);
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), epsilon: this.epsilon };
  }
}
