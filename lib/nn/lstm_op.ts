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
 * whole pass runs on the host ({@link lstmForwardHost}, {@link lstmBackwardHost}):
 * the matrix products (one for all inputs `x·W`, one `h·U` per step forward, one
 * `∂z·Uᵀ` per step backward, and one each for `∂W`, `∂U`, `∂x`) on `WasmGemm`
 * in tfjs's float order (the values are the ones tfjs's `matMul` gave, bit for
 * bit), the element-wise gate arithmetic in one loop per step. Results are
 * deterministic (fixed-order float arithmetic).
 * @module
 */
import { inputShapeOf, layerUnits, type UnitsLayerArgs } from "./layer_args.ts";
import { tf } from "./tf_backend.ts";
import type { Initializer } from "./linear_op.ts";
import { transposeInto } from "./dense_stack_host.ts";
import { WasmGemm } from "./wasm_gemm.ts";
import type { Scratch } from "./scratch.ts";

/** Per-step values of {@link lstmForwardHost} kept for {@link lstmBackwardHost}. */
export interface LstmTrace {
  /** Post-activation gates per step: `[L][b·4u]` (i, f, g, o blocks of u per row). */
  gates: Float32Array[];
  /** Cell states `c_t`: `[L][b·u]`. */
  c: Float32Array[];
  /** `tanh(c_t)`: `[L][b·u]`. */
  tc: Float32Array[];
  /** Hidden states `h_t`: `[L][b·u]`. */
  h: Float32Array[];
}

/** Shapes of one LSTM pass: batch `b`, length `L`, input width `d`, `units`. */
export interface LstmShape {
  readonly b: number;
  readonly L: number;
  readonly d: number;
  readonly units: number;
}

/** `logistic` of lib/core with one `Math.exp` call (the same value, bit for bit). */
function sigmoid(z: number): number {
  if (z >= 0) return 1 / (1 + Math.exp(-z));
  const e = Math.exp(z);
  return e / (1 + e);
}

let sharedGemm: WasmGemm | undefined;
const gemmOf = (g?: WasmGemm): WasmGemm => g ?? (sharedGemm ??= new WasmGemm());

/**
 * Forward pass on the host over `x: [b, L, d]` (row-major) with `w: [d, 4u]`, `u: [u, 4u]`, `bias: [4u]`; the
 * matrix products on {@link WasmGemm} (tfjs's float order: the values equal the tfjs op's bit for bit). Keeps the
 * per-step trace when `keep` (for {@link lstmBackwardHost}). With `scratch`, the outputs and the trace are reused
 * work arrays, valid until the next pass with the same scratch.
 *
 * @example
 * ```ts
 * const { hL } = lstmForwardHost(Float32Array.of(1, 1, 1), { b: 1, L: 3, d: 1, units: 1 }, Float32Array.of(1, 1, 1, 1), new Float32Array(4), new Float32Array(4), false);
 * ```
 */
export function lstmForwardHost(
  x: Float32Array,
  shape: LstmShape,
  w: Float32Array,
  u: Float32Array,
  bias: Float32Array,
  keep: boolean,
  gemm?: WasmGemm,
  scratch?: Scratch,
): { hL: Float32Array; trace?: LstmTrace } {
  const { b, L, d, units } = shape, G = 4 * units;
  const mm = gemmOf(gemm);
  const buf = (name: string, n: number) => scratch === undefined ? new Float32Array(n) : scratch.get(name, n);
  const XW = mm.gemm(x, w, bias, b * L, d, G, false, buf("xw", b * L * G)); // rows i·L + t
  const trace: LstmTrace = { gates: [], c: [], tc: [], h: [] };
  let cPrev = scratch === undefined ? new Float32Array(b * units) : scratch.zeros("c0", b * units);
  let h = cPrev;
  const R = buf("r", b * G);
  for (let t = 0; t < L; t++) {
    if (t > 0) mm.gemm(h, u, null, b, units, G, false, R);
    const step = keep ? t : t % 2; // without a trace, two alternating sets suffice
    const gates = buf(`gates${step}`, b * G), c = buf(`c${step + 1}`, b * units), tc = buf(`tc${step}`, b * units);
    const hNext = buf(`h${step}`, b * units);
    for (let i = 0; i < b; i++) {
      const xo = (i * L + t) * G, ro = i * G, so = i * units;
      for (let j = 0; j < units; j++) {
        let zi = XW[xo + j], zf = XW[xo + units + j], zg = XW[xo + 2 * units + j], zo = XW[xo + 3 * units + j];
        if (t > 0) {
          zi += R[ro + j];
          zf += R[ro + units + j];
          zg += R[ro + 2 * units + j];
          zo += R[ro + 3 * units + j];
        }
        const ig = sigmoid(zi), fg = sigmoid(zf), gg = Math.tanh(zg), og = sigmoid(zo);
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

/**
 * Backward pass on the host (backpropagation through time): gradients of `x` (when `withInput`), `W`, `U`, `b`
 * given `∂h_L` (`dy`), bit-identical to the tfjs op's. With `scratch`, every array (also the returned ones) is a
 * reused work array, valid until the next pass with the same scratch.
 *
 * @example
 * ```ts
 * const shape = { b: 1, L: 2, d: 1, units: 1 };
 * const x = Float32Array.of(1, 1), w = Float32Array.of(1, 1, 1, 1), u = new Float32Array(4), bias = new Float32Array(4);
 * const { trace } = lstmForwardHost(x, shape, w, u, bias, true);
 * const { dw } = lstmBackwardHost(Float32Array.of(1), x, shape, w, u, trace!);
 * ```
 */
export function lstmBackwardHost(
  dy: Float32Array,
  x: Float32Array,
  shape: LstmShape,
  w: Float32Array,
  u: Float32Array,
  trace: LstmTrace,
  gemm?: WasmGemm,
  scratch?: Scratch,
  withInput = true,
): { dx?: Float32Array; dw: Float32Array; du: Float32Array; db: Float32Array } {
  const { b, L, d, units } = shape, G = 4 * units, n = b * L;
  const mm = gemmOf(gemm);
  const buf = (name: string, len: number) => scratch === undefined ? new Float32Array(len) : scratch.get(name, len);
  const zeros = (name: string, len: number) => scratch === undefined ? new Float32Array(len) : scratch.zeros(name, len);
  const dZ = buf("dZ", n * G); // rows i·L + t, as x flattened
  const dZt = buf("dZt", b * G);
  const dh = buf("dh", b * units), dc = zeros("dc", b * units);
  dh.set(dy);
  const uT = transposeInto(u, units, G, buf("uT", G * units));
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
    if (t > 0) mm.gemm(dZt, uT, null, b, G, units, false, dh);
  }
  // ∂U = Σ_t h_{t−1}ᵀ·∂z_t = Hprevᵀ·∂Z with Hprevᵀ built directly as [u, n].
  const hPrevT = zeros("hPrevT", units * n);
  for (let t = 1; t < L; t++) {
    const h = trace.h[t - 1];
    for (let i = 0; i < b; i++) {
      const col = i * L + t;
      for (let j = 0; j < units; j++) hPrevT[j * n + col] = h[i * units + j];
    }
  }
  const db = zeros("db", G);
  for (let r = 0; r < n; r++) for (let j = 0; j < G; j++) db[j] += dZ[r * G + j];
  return {
    dx: withInput
      ? mm.gemm(dZ, transposeInto(w, d, G, buf("wT", G * d)), null, n, G, d, false, buf("dx", n * d))
      : undefined,
    dw: mm.gemm(transposeInto(x, n, d, buf("xT", d * n)), dZ, null, d, n, G, false, buf("dw", d * G)),
    du: mm.gemm(hPrevT, dZ, null, units, n, G, false, buf("du", units * G)),
    db,
  };
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
    const shape = { b: xt.shape[0], L: xt.shape[1], d: xt.shape[2], units };
    const xa = xt.dataSync() as Float32Array, wa = wt.dataSync() as Float32Array, ua = ut.dataSync() as Float32Array;
    const { hL, trace } = lstmForwardHost(xa, shape, wa, ua, bt.dataSync() as Float32Array, true);
    return {
      value: tf.tensor2d(hL, [shape.b, units]),
      gradFunc: (dy: tf.Tensor) => {
        const g = lstmBackwardHost(dy.dataSync() as Float32Array, xa, shape, wa, ua, trace!);
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
  const { hL } = lstmForwardHost(
    x.dataSync() as Float32Array,
    { b, L, d, units },
    w.dataSync() as Float32Array,
    u.dataSync() as Float32Array,
    bias.dataSync() as Float32Array,
    false,
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
