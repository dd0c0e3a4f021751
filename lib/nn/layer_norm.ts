/**
 * Layer normalisation over the last axis (`γ·(x − μ)/√(σ² + ε) + β`) for tfjs: the plain formula as tfjs ops
 * ({@link layerNormOp}: the reference, and the deepmargin model's op) and a fused op with a hand-written gradient
 * ({@link layerNorm}: one host pass forward, one backward, instead of autodiff through a chain of mean / sub / square
 * / rsqrt / mul kernels), which the {@link LayerNorm} layer uses. tfjs's built-in `LayerNormalization` is several
 * times slower in training.
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

/** What {@link layerNormForwardHost} keeps for {@link layerNormBackwardHost}. */
export interface LayerNormTrace {
  /** The normalised inputs `(x − μ)/√(σ² + ε)`, `[rows, d]`. */
  readonly xn: Float32Array;
  /** `1/√(σ² + ε)` per row. */
  readonly rstd: Float64Array;
}

/**
 * Layer normalisation of `rows` rows of width `d` on the host: mean and (two-pass) variance summed in float64, the
 * normalised row and the output rounded to float32. Writes `y` (and the trace arrays) when given.
 *
 * @example
 * ```ts
 * const { y } = layerNormForwardHost(Float32Array.of(1, 2, 3), 1, 3, Float32Array.of(1, 1, 1), new Float32Array(3), 1e-5);
 * // ≈ [-1.22, 0, 1.22]
 * ```
 */
export function layerNormForwardHost(
  x: Float32Array,
  rows: number,
  d: number,
  gamma: Float32Array,
  beta: Float32Array,
  epsilon: number,
  out?: { y: Float32Array; xn: Float32Array; rstd: Float64Array },
): { y: Float32Array } & LayerNormTrace {
  const y = out?.y ?? new Float32Array(rows * d), xn = out?.xn ?? new Float32Array(rows * d);
  const rstd = out?.rstd ?? new Float64Array(rows);
  for (let r = 0; r < rows; r++) {
    const o = r * d;
    let mean = 0;
    for (let j = 0; j < d; j++) mean += x[o + j];
    mean /= d;
    let v = 0;
    for (let j = 0; j < d; j++) {
      const c = x[o + j] - mean;
      v += c * c;
    }
    const s = 1 / Math.sqrt(v / d + epsilon);
    rstd[r] = s;
    for (let j = 0; j < d; j++) {
      const n = Math.fround((x[o + j] - mean) * s);
      xn[o + j] = n;
      y[o + j] = n * gamma[j] + beta[j];
    }
  }
  return { y, xn, rstd };
}

/**
 * Gradients of {@link layerNormForwardHost} given `∂y`: `∂x = s·(∂x̂ − mean(∂x̂) − x̂·mean(∂x̂⊙x̂))` with
 * `∂x̂ = ∂y⊙γ`, `∂γ = Σ_rows ∂y⊙x̂`, `∂β = Σ_rows ∂y` (sums in float64, in row order). Writes the `out` arrays when
 * given.
 *
 * @example
 * ```ts
 * const g = Float32Array.of(1, 1, 1), b = new Float32Array(3);
 * const t = layerNormForwardHost(Float32Array.of(1, 2, 3), 1, 3, g, b, 1e-5);
 * const { dgamma } = layerNormBackwardHost(Float32Array.of(1, 0, 0), t, 1, 3, g);
 * ```
 */
export function layerNormBackwardHost(
  dy: Float32Array,
  trace: LayerNormTrace,
  rows: number,
  d: number,
  gamma: Float32Array,
  out?: { dx: Float32Array; dgamma: Float32Array; dbeta: Float32Array },
): { dx: Float32Array; dgamma: Float32Array; dbeta: Float32Array } {
  const { xn, rstd } = trace;
  const dx = out?.dx ?? new Float32Array(rows * d);
  const dg = new Float64Array(d), db = new Float64Array(d);
  for (let r = 0; r < rows; r++) {
    const o = r * d;
    let a = 0, c = 0;
    for (let j = 0; j < d; j++) {
      const g = dy[o + j] * gamma[j];
      a += g;
      c += g * xn[o + j];
      dg[j] += dy[o + j] * xn[o + j];
      db[j] += dy[o + j];
    }
    a /= d;
    c /= d;
    const s = rstd[r];
    for (let j = 0; j < d; j++) dx[o + j] = s * (dy[o + j] * gamma[j] - a - xn[o + j] * c);
  }
  const dgamma = out?.dgamma ?? new Float32Array(d), dbeta = out?.dbeta ?? new Float32Array(d);
  dgamma.set(dg);
  dbeta.set(db);
  return { dx, dgamma, dbeta };
}

/**
 * {@link layerNormOp} as one tfjs op with a hand-written gradient (host passes {@link layerNormForwardHost} /
 * {@link layerNormBackwardHost}); differentiable in `x`, `gamma` and `beta`. Agrees with tfjs autodiff of the plain
 * formula to float32 rounding (`layer_norm_test.ts`).
 *
 * @example
 * ```ts
 * import { ensureBackend, tf } from "./tf_backend.ts";
 * await ensureBackend();
 * const y = layerNorm(tf.tensor2d([[1, 2, 3]]), tf.ones([3]), tf.zeros([3]), 1e-5); // ≈ [[-1.22, 0, 1.22]]
 * ```
 */
export function layerNorm(x: tf.Tensor, gamma: tf.Tensor, beta: tf.Tensor, epsilon: number): tf.Tensor {
  const d = x.shape[x.rank - 1], rows = x.size / d;
  if (gamma.size !== d || beta.size !== d) {
    throw new RangeError(`layerNorm: gamma [${gamma.shape}] and beta [${beta.shape}] must have ${d} entries`);
  }
  const op = tf.customGrad((...args) => {
    const [xt, gt, bt] = args as tf.Tensor[];
    const g = gt.dataSync() as Float32Array;
    const f = layerNormForwardHost(xt.dataSync() as Float32Array, rows, d, g, bt.dataSync() as Float32Array, epsilon);
    return {
      value: tf.tensor(f.y, xt.shape),
      gradFunc: (dy: tf.Tensor) => {
        const b = layerNormBackwardHost(dy.dataSync() as Float32Array, f, rows, d, g);
        return [tf.tensor(b.dx, xt.shape), tf.tensor(b.dgamma, gt.shape), tf.tensor(b.dbeta, bt.shape)];
      },
    };
  });
  return op(x, gamma, beta) as tf.Tensor;
}

/**
 * Layer normalisation over the last axis: `γ·(x − μ)/√(σ² + ε) + β` (the fused op {@link layerNorm}).
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
      return layerNorm(x, this.gamma.read(), this.beta.read(), this.epsilon);
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), epsilon: this.epsilon };
  }
}
