/**
 * A dense (fully connected) op `y = act(x·W + b)` with a hand-written gradient
 * that only uses non-transposed matrix products, and a tfjs layer around it.
 *
 * Why: on the tfjs wasm backend a `matMul` with `transposeA` or `transposeB`
 * takes a slow generic path (about 10× slower than the plain product for
 * `[1280, 32]·[32, 32]`), tfjs's own gradients of `matMul` / `dense` use
 * exactly those transposed products, and a product with a new right-hand side
 * repacks it (the gradients are new every step). Here the backward pass runs on
 * the host ({@link linearBackwardHost}, `WasmGemm` in tfjs's float order: the
 * same values bit for bit), transposing explicitly and then multiplying:
 * `∂x = ∂y'·Wᵀ`, `∂W = xᵀ·∂y'`, `∂b = Σ_rows ∂y'`, where `∂y' = ∂y ⊙ 1[y > 0]`
 * for ReLU.
 * @module
 */
import { inputShapeOf, layerUnits, type UnitsLayerArgs } from "./layer_args.ts";
import { tf } from "./tf_backend.ts";
import { WasmGemm } from "./wasm_gemm.ts";
import { transposeInto } from "./dense_stack_host.ts";

/** Activation of {@link linear}. */
export type LinearActivation = "linear" | "relu";

/**
 * `act(x·W + b)` for `x: [n, k]`, `W: [k, m]`, `b: [m]`.
 *
 * @example
 * ```ts
 * import { ensureBackend, tf } from "./tf_backend.ts";
 * await ensureBackend();
 * const y = linear(tf.tensor2d([[1, 2]]), tf.tensor2d([[1], [-1]]), tf.tensor1d([0.5]), "relu");
 * // relu(1 − 2 + 0.5) = 0
 * ```
 */
export function linear(
  x: tf.Tensor2D,
  w: tf.Tensor2D,
  b: tf.Tensor1D,
  activation: LinearActivation = "linear",
): tf.Tensor2D {
  const relu = activation === "relu";
  const op = tf.customGrad((...args) => {
    const [xt, wt, bt] = args as [tf.Tensor2D, tf.Tensor2D, tf.Tensor1D];
    const save = args[3] as tf.GradSaveFunc;
    const y = tf.fused.matMul({ a: xt, b: wt, bias: bt, activation: relu ? "relu" : "linear" });
    save(relu ? [xt, wt, y] : [xt, wt]);
    return {
      value: y,
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [xs, ws, ys] = saved as [tf.Tensor2D, tf.Tensor2D, tf.Tensor2D?];
        const [n, k] = xs.shape, m = ws.shape[1];
        const { dx, dw, db } = linearBackwardHost(
          dy.dataSync() as Float32Array,
          xs.dataSync() as Float32Array,
          ws.dataSync() as Float32Array,
          ys === undefined ? undefined : ys.dataSync() as Float32Array,
          n,
          k,
          m,
        );
        return [tf.tensor2d(dx, [n, k]), tf.tensor2d(dw, [k, m]), tf.tensor1d(db)];
      },
    };
  });
  return op(x, w, b) as tf.Tensor2D;
}

let gemm: WasmGemm | undefined;

/**
 * The backward pass of {@link linear} on the host for `x: [n, k]`, `W: [k, m]` and the upstream gradient
 * `dy: [n, m]` (`y` the ReLU output, or undefined for no activation): `g = dy ⊙ 1[y > 0]`, `∂x = g·Wᵀ`,
 * `∂W = xᵀ·g`, `∂b = Σ_rows g` (in row order) — the values tfjs's `matMul`, `step` and `sum` give, bit for bit,
 * without the transposed and weight-repacking matrix products of the wasm backend.
 *
 * @example
 * ```ts
 * const { dx, dw, db } = linearBackwardHost(Float32Array.of(1), Float32Array.of(1, 2), Float32Array.of(3, 4), undefined, 1, 2, 1);
 * // dx = [3, 4], dw = [1, 2], db = [1]
 * ```
 */
export function linearBackwardHost(
  dy: Float32Array,
  x: Float32Array,
  w: Float32Array,
  y: Float32Array | undefined,
  n: number,
  k: number,
  m: number,
): { dx: Float32Array; dw: Float32Array; db: Float32Array } {
  let g = dy;
  if (y !== undefined) {
    g = new Float32Array(n * m);
    for (let i = 0; i < g.length; i++) g[i] = dy[i] * (y[i] > 0 ? 1 : 0);
  }
  const mm = gemm ??= new WasmGemm();
  const db = new Float32Array(m);
  for (let j = 0; j < m; j++) {
    let s = 0;
    for (let i = 0; i < n; i++) s = Math.fround(s + g[i * m + j]);
    db[j] = s;
  }
  return {
    dx: mm.gemm(g, transposeInto(w, k, m, new Float32Array(m * k)), null, n, m, k),
    dw: mm.gemm(transposeInto(x, n, k, new Float32Array(k * n)), g, null, k, n, m),
    db,
  };
}

/** A tfjs weight initialiser (the type `tf.initializers.*` return). */
export type Initializer = ReturnType<typeof tf.initializers.zeros>;

/** Arguments of {@link Linear}. */
export interface LinearLayerArgs extends UnitsLayerArgs {
  readonly activation?: LinearActivation;
  /** Kernel initialiser (e.g. a seeded Glorot or He initialiser). */
  readonly kernelInitializer: Initializer;
  /** Bias initialiser; default zeros. */
  readonly biasInitializer?: Initializer;
}

/**
 * A dense layer over the last axis (inputs of any rank ≥ 2) computed with
 * {@link linear}: weights `kernel [k, units]` and `bias [units]`, as `tf.layers.dense`.
 *
 * @example
 * ```ts
 * import { ensureBackend, tf } from "./tf_backend.ts";
 * await ensureBackend();
 * const layer = new Linear({ units: 3, kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }) });
 * const y = layer.apply(tf.zeros([2, 5, 4])) as tf.Tensor; // [2, 5, 3]
 * ```
 */
export class Linear extends tf.layers.Layer {
  /** tfjs class name. */
  static className = "DynimLinear";
  private readonly units: number;
  private readonly act: LinearActivation;
  private readonly kernelInit: Initializer;
  private readonly biasInit: Initializer;
  private kernel!: tf.LayerVariable;
  private bias!: tf.LayerVariable;

  /** @throws {RangeError} when `units` is not a positive integer */
  constructor(args: LinearLayerArgs) {
    super({ name: args.name, inputShape: args.inputShape });
    this.units = layerUnits("Linear", args.units);
    this.act = args.activation ?? "linear";
    this.kernelInit = args.kernelInitializer;
    this.biasInit = args.biasInitializer ?? tf.initializers.zeros();
  }

  override build(inputShape: tf.Shape | tf.Shape[]): void {
    const shape = inputShapeOf(inputShape);
    const k = shape[shape.length - 1] as number;
    this.kernel = this.addWeight("kernel", [k, this.units], "float32", this.kernelInit);
    this.bias = this.addWeight("bias", [this.units], "float32", this.biasInit);
    this.built = true;
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    const shape = inputShapeOf(inputShape);
    return [...shape.slice(0, -1), this.units];
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const x = Array.isArray(inputs) ? inputs[0] : inputs;
      const k = x.shape[x.rank - 1];
      const flat = x.rank === 2 ? x as tf.Tensor2D : tf.reshape(x, [-1, k]) as tf.Tensor2D;
      const y = linear(flat, this.kernel.read() as tf.Tensor2D, this.bias.read() as tf.Tensor1D, this.act);
      return x.rank === 2 ? y : tf.reshape(y, [...x.shape.slice(0, -1), this.units]);
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), units: this.units, activation: this.act };
  }
}
