/**
 * A whole LSTM sequence as one tfjs op with a hand-written backward pass
 * (backpropagation through time), and a tfjs layer around it.
 *
 * Cell (gate order i, f, g, o as in tfjs and PyTorch; `σ` the logistic function):
 * `z_t = x_t·W + h_{t−1}·U + b`, `i = σ(z_i)`, `f = σ(z_f)`, `g = tanh(z_g)`,
 * `o = σ(z_o)`, `c_t = f⊙c_{t−1} + i⊙g`, `h_t = o⊙tanh(c_t)`, with `h_0 = c_0 = 0`;
 * the op returns the last hidden state `h_L`.
 *
 * Why not `tf.layers.lstm`: on the wasm backend its unrolled graph issues
 * about 2,800 kernels per training step for `L = 20` (and transposed matrix
 * products, which take a slow path), so a step was bound by dispatch. Here the
 * whole pass runs in WebAssembly ({@link LstmWasm} of `lstm_wasm.ts`): the matrix
 * products (one for all inputs `x·W`, one `h·U` per step forward, one `∂z·Uᵀ` per
 * step backward, and one each for `∂W`, `∂U`, `∂b`, `∂x`) on the SIMD GEMM, the
 * element-wise gate arithmetic in `f32x4` kernels with a float32 exp / logistic /
 * tanh (`wasm_math.ts`, relative error ≤ 4e-7 against `Math.*`), all in one memory
 * without per-step copies or allocations. Results are deterministic (fixed-order
 * float32 arithmetic); they agree with tfjs autodiff of the plain formula to
 * float32 rounding (`lstm_op_test.ts`), not bit for bit.
 * @module
 */
import { inputShapeOf, layerUnits, type UnitsLayerArgs } from "./layer_args.ts";
import { tf } from "./tf_backend.ts";
import type { Initializer } from "./linear_op.ts";
import { LstmWasm } from "./lstm_wasm.ts";

export type { LstmShape } from "./lstm_wasm.ts";

let shared: LstmWasm | undefined;

/**
 * The last hidden state `h_L: [b, u]` of an LSTM over `x: [b, L, d]` with
 * input kernel `w: [d, 4u]`, recurrent kernel `u: [u, 4u]` and bias `[4u]`;
 * differentiable in all four inputs.
 *
 * @example
 * ```ts
 * import { ensureBackend, tf } from "./tf_backend.ts";
 * await ensureBackend();
 * const h = lstmSequence(tf.ones([2, 3, 1]), tf.ones([1, 4]), tf.zeros([1, 4]), tf.zeros([4]));
 * // one unit: h_t = σ(1)·tanh(c_t), c_t = σ(1)·c_{t−1} + σ(1)·tanh(1)
 * ```
 */
export function lstmSequence(x: tf.Tensor3D, w: tf.Tensor2D, u: tf.Tensor2D, bias: tf.Tensor1D): tf.Tensor2D {
  if (x.rank !== 3) throw new RangeError(`lstmSequence: x must be [b, L, d], got shape [${x.shape}]`);
  const units = u.shape[0];
  if (w.shape[0] !== x.shape[2] || w.shape[1] !== 4 * units || u.shape[1] !== 4 * units || bias.size !== 4 * units) {
    throw new RangeError(
      `lstmSequence: shapes do not fit: x [${x.shape}], w [${w.shape}], u [${u.shape}], bias [${bias.shape}]`,
    );
  }
  const op = tf.customGrad((...args) => {
    const [xt, wt, ut, bt] = args as [tf.Tensor3D, tf.Tensor2D, tf.Tensor2D, tf.Tensor1D];
    const shape = { b: xt.shape[0], L: xt.shape[1], d: xt.shape[2], units };
    const kernels = new LstmWasm(); // holds this pass until its gradient is taken
    const hL = kernels.forward(
      xt.dataSync() as Float32Array,
      shape,
      wt.dataSync() as Float32Array,
      ut.dataSync() as Float32Array,
      bt.dataSync() as Float32Array,
    );
    return {
      value: tf.tensor2d(hL, [shape.b, units]),
      gradFunc: (dy: tf.Tensor) => {
        const g = kernels.backward(dy.dataSync() as Float32Array, true);
        return [
          tf.tensor3d(g.dx!, [shape.b, shape.L, shape.d]),
          tf.tensor2d(g.dw, [shape.d, 4 * units]),
          tf.tensor2d(g.du, [units, 4 * units]),
          tf.tensor1d(g.db),
        ];
      },
    };
  });
  return op(x, w, u, bias) as tf.Tensor2D;
}

/**
 * Forward-only {@link lstmSequence} (no trace kept): for prediction.
 *
 * @example
 * ```ts
 * import { ensureBackend, tf } from "./tf_backend.ts";
 * await ensureBackend();
 * const h = lstmLastState(tf.ones([2, 3, 1]), tf.ones([1, 4]), tf.zeros([1, 4]), tf.zeros([4]));
 * ```
 */
export function lstmLastState(x: tf.Tensor3D, w: tf.Tensor2D, u: tf.Tensor2D, bias: tf.Tensor1D): tf.Tensor2D {
  const [b, L, d] = x.shape, units = u.shape[0];
  const hL = (shared ??= new LstmWasm()).forward(
    x.dataSync() as Float32Array,
    { b, L, d, units },
    w.dataSync() as Float32Array,
    u.dataSync() as Float32Array,
    bias.dataSync() as Float32Array,
  );
  return tf.tensor2d(hL, [b, units]);
}

/** Arguments of {@link Lstm}. */
export interface LstmLayerArgs extends UnitsLayerArgs {
  readonly kernelInitializer: Initializer;
  readonly recurrentInitializer: Initializer;
  /** Initialise the forget-gate bias to 1 (default true), the rest to 0. */
  readonly unitForgetBias?: boolean;
}

/**
 * LSTM layer `[b, L, d] → [b, u]` (last hidden state) computed with
 * {@link lstmSequence}; weights `kernel [d, 4u]`, `recurrent_kernel [u, 4u]`, `bias [4u]`.
 *
 * @example
 * ```ts
 * import { ensureBackend, tf } from "./tf_backend.ts";
 * await ensureBackend();
 * const layer = new Lstm({
 *   units: 4,
 *   kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }),
 *   recurrentInitializer: tf.initializers.orthogonal({ seed: 2 }),
 * });
 * const h = layer.apply(tf.zeros([2, 5, 3])) as tf.Tensor; // [2, 4]
 * ```
 */
export class Lstm extends tf.layers.Layer {
  /** tfjs class name. */
  static className = "DynimLstm";
  private readonly units: number;
  private readonly args: LstmLayerArgs;
  private kernel!: tf.LayerVariable;
  private recurrent!: tf.LayerVariable;
  private bias!: tf.LayerVariable;

  /** @throws {RangeError} when `units` is not a positive integer */
  constructor(args: LstmLayerArgs) {
    super({ name: args.name, inputShape: args.inputShape });
    this.units = layerUnits("Lstm", args.units);
    this.args = args;
  }

  override build(inputShape: tf.Shape | tf.Shape[]): void {
    const shape = inputShapeOf(inputShape);
    const d = shape[shape.length - 1] as number, u = this.units;
    this.kernel = this.addWeight("kernel", [d, 4 * u], "float32", this.args.kernelInitializer);
    this.recurrent = this.addWeight("recurrent_kernel", [u, 4 * u], "float32", this.args.recurrentInitializer);
    const b0 = new Float32Array(4 * u);
    if (this.args.unitForgetBias ?? true) b0.fill(1, u, 2 * u);
    this.bias = this.addWeight("bias", [4 * u], "float32", tf.initializers.zeros());
    this.bias.write(tf.tensor1d(b0));
    this.built = true;
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    const shape = inputShapeOf(inputShape);
    return [shape[0], this.units];
  }

  override call(inputs: tf.Tensor | tf.Tensor[], kwargs: { training?: boolean }): tf.Tensor {
    const x = (Array.isArray(inputs) ? inputs[0] : inputs) as tf.Tensor3D;
    const w = this.kernel.read() as tf.Tensor2D, u = this.recurrent.read() as tf.Tensor2D;
    const b = this.bias.read() as tf.Tensor1D;
    return kwargs?.training ? lstmSequence(x, w, u, b) : lstmLastState(x, w, u, b);
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), units: this.units };
  }
}
