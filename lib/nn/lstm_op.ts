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
 * matrix products run on tfjs (one for all inputs `x·W`, one `h·U` per step
 * forward, one `∂z·Uᵀ` per step backward, and one each for `∂W`, `∂U`, `∂x`)
 * and the element-wise gate arithmetic runs in one host loop per step. Results
 * are deterministic (fixed-order float arithmetic).
 * @module
 */
import { logistic } from "../core/logistic.ts";
import { tf } from "./tf_backend.ts";
import type { Initializer } from "./linear_op.ts";

interface Trace {
  /** Post-activation gates per step: `[L][b·4u]` (i, f, g, o blocks of u per row). */
  gates: Float32Array[];
  /** Cell states `c_t`: `[L][b·u]`. */
  c: Float32Array[];
  /** `tanh(c_t)`: `[L][b·u]`. */
  tc: Float32Array[];
  /** Hidden states `h_t`: `[L][b·u]`. */
  h: Float32Array[];
}

/** Forward pass; keeps the per-step trace when `keep` (for the backward pass). */
function forward(
  x: tf.Tensor3D,
  w: tf.Tensor2D,
  u: tf.Tensor2D,
  bias: tf.Tensor1D,
  keep: boolean,
): { hL: Float32Array; trace?: Trace } {
  const [b, L, d] = x.shape;
  const units = u.shape[0], G = 4 * units;
  const xw = tf.tidy(() => tf.fused.matMul({ a: tf.reshape(x, [b * L, d]) as tf.Tensor2D, b: w, bias }));
  const XW = xw.dataSync() as Float32Array; // rows i·L + t
  xw.dispose();
  const trace: Trace = { gates: [], c: [], tc: [], h: [] };
  let cPrev = new Float32Array(b * units), h = new Float32Array(b * units);
  for (let t = 0; t < L; t++) {
    let R: Float32Array | undefined;
    if (t > 0) {
      const rt = tf.tidy(() => tf.matMul(tf.tensor2d(h, [b, units]), u));
      R = rt.dataSync() as Float32Array;
      rt.dispose();
    }
    const gates = new Float32Array(b * G), c = new Float32Array(b * units), tc = new Float32Array(b * units);
    const hNext = new Float32Array(b * units);
    for (let i = 0; i < b; i++) {
      const xo = (i * L + t) * G, ro = i * G, so = i * units;
      for (let j = 0; j < units; j++) {
        let zi = XW[xo + j], zf = XW[xo + units + j], zg = XW[xo + 2 * units + j], zo = XW[xo + 3 * units + j];
        if (R !== undefined) {
          zi += R[ro + j];
          zf += R[ro + units + j];
          zg += R[ro + 2 * units + j];
          zo += R[ro + 3 * units + j];
        }
        const ig = logistic(zi), fg = logistic(zf), gg = Math.tanh(zg), og = logistic(zo);
        const ct = fg * cPrev[so + j] + ig * gg;
        const tct = Math.tanh(ct);
        gates[ro + j] = ig;
        gates[ro + units + j] = fg;
        gates[ro + 2 * units + j] = gg;
        gates[ro + 3 * units + j] = og;
        c[so + j] = ct;
        tc[so + j] = tct;
        hNext[so + j] = og * tct;
      }
    }
    if (keep) {
      trace.gates.push(gates);
      trace.c.push(c);
      trace.tc.push(tc);
      trace.h.push(hNext);
    }
    cPrev = c;
    h = hNext;
  }
  return { hL: h, trace: keep ? trace : undefined };
}

/** Backward pass: gradients of `x`, `W`, `U`, `b` given `∂h_L`. */
function backward(
  dy: Float32Array,
  x: tf.Tensor3D,
  w: tf.Tensor2D,
  u: tf.Tensor2D,
  trace: Trace,
): tf.Tensor[] {
  const [b, L, d] = x.shape;
  const units = u.shape[0], G = 4 * units, n = b * L;
  const dZ = new Float32Array(n * G); // rows i·L + t, as x flattened
  const dZt = new Float32Array(b * G);
  const dh = Float32Array.from(dy), dc = new Float32Array(b * units);
  const uT = tf.transpose(u);
  for (let t = L - 1; t >= 0; t--) {
    const gates = trace.gates[t], tc = trace.tc[t], cPrev = t > 0 ? trace.c[t - 1] : undefined;
    for (let i = 0; i < b; i++) {
      const go = i * G, so = i * units, zo = (i * L + t) * G;
      for (let j = 0; j < units; j++) {
        const ig = gates[go + j], fg = gates[go + units + j], gg = gates[go + 2 * units + j];
        const og = gates[go + 3 * units + j];
        const k = so + j, tct = tc[k], dhk = dh[k];
        const dct = dc[k] + dhk * og * (1 - tct * tct);
        const cp = cPrev === undefined ? 0 : cPrev[k];
        dc[k] = dct * fg;
        const a = dct * gg * ig * (1 - ig);
        const f = dct * cp * fg * (1 - fg);
        const g = dct * ig * (1 - gg * gg);
        const o = dhk * tct * og * (1 - og);
        dZt[go + j] = a;
        dZt[go + units + j] = f;
        dZt[go + 2 * units + j] = g;
        dZt[go + 3 * units + j] = o;
        dZ[zo + j] = a;
        dZ[zo + units + j] = f;
        dZ[zo + 2 * units + j] = g;
        dZ[zo + 3 * units + j] = o;
      }
    }
    if (t > 0) {
      const dht = tf.tidy(() => tf.matMul(tf.tensor2d(dZt, [b, G]), uT));
      dh.set(dht.dataSync() as Float32Array);
      dht.dispose();
    }
  }
  uT.dispose();
  // ∂U = Σ_t h_{t−1}ᵀ·∂z_t = Hprevᵀ·∂Z with Hprevᵀ built directly as [u, n].
  const hPrevT = new Float32Array(units * n);
  for (let t = 1; t < L; t++) {
    const h = trace.h[t - 1];
    for (let i = 0; i < b; i++) {
      const col = i * L + t;
      for (let j = 0; j < units; j++) hPrevT[j * n + col] = h[i * units + j];
    }
  }
  const db = new Float32Array(G);
  for (let r = 0; r < n; r++) for (let j = 0; j < G; j++) db[j] += dZ[r * G + j];
  return tf.tidy(() => {
    const dz = tf.tensor2d(dZ, [n, G]);
    const xFlat = tf.reshape(x, [n, d]) as tf.Tensor2D;
    return [
      tf.reshape(tf.matMul(dz, tf.transpose(w)), [b, L, d]),
      tf.matMul(tf.transpose(xFlat), dz),
      tf.matMul(tf.tensor2d(hPrevT, [units, n]), dz),
      tf.tensor1d(db),
    ];
  });
}

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
    const save = args[4] as tf.GradSaveFunc;
    const { hL, trace } = forward(xt, wt, ut, bt, true);
    // Saved tensors are kept alive for the backward pass (the layers executor may dispose its inputs).
    save([xt, wt, ut]);
    return {
      value: tf.tensor2d(hL, [xt.shape[0], units]),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [xs, ws, us] = saved as [tf.Tensor3D, tf.Tensor2D, tf.Tensor2D];
        return backward(dy.dataSync() as Float32Array, xs, ws, us, trace!);
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
  return tf.tensor2d(forward(x, w, u, bias, false).hL, [x.shape[0], u.shape[0]]);
}

/** Arguments of {@link Lstm}. */
export interface LstmLayerArgs {
  readonly units: number;
  readonly kernelInitializer: Initializer;
  readonly recurrentInitializer: Initializer;
  /** Initialise the forget-gate bias to 1 (default true), the rest to 0. */
  readonly unitForgetBias?: boolean;
  readonly inputShape?: tf.Shape;
  readonly name?: string;
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
    if (!Number.isInteger(args.units) || args.units < 1) {
      throw new RangeError(`Lstm: units must be an integer ≥ 1, got ${args.units}`);
    }
    this.units = args.units;
    this.args = args;
  }

  override build(inputShape: tf.Shape | tf.Shape[]): void {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
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
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
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
