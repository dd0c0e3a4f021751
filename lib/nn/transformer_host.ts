/**
 * The Transformer encoder of `lib/models/transformer.ts` as a {@link HostNetwork}: linear embedding + learned
 * positions, `layers` × (multi-head self-attention, add & layer norm, ReLU feed-forward, add & layer norm), the last
 * time step through a dense output — forward and backward on the host, without a tfjs kernel, tensor or tape per
 * step. The dense products run on {@link WasmGemm}, attention on {@link AttentionWasm} (one instance per block), the
 * layer norms on `layer_norm.ts`'s host passes: the same pieces as the tfjs layers' ops, so loss and gradients agree
 * with tfjs autodiff of the built model to float32 rounding (`transformer_host_test.ts`). Deterministic; work
 * arrays are reused across steps (the gradients returned are overwritten by the next call).
 * @module
 */
import { AttentionWasm } from "./attention_host.ts";
import { transposeInto } from "./dense_stack_host.ts";
import type { HostNetwork } from "./host_network.ts";
import type { OutputLoss } from "./host_loss_op.ts";
import { layerNormBackwardHost, layerNormForwardHost, type LayerNormTrace } from "./layer_norm.ts";
import { Scratch } from "./scratch.ts";
import { WasmGemm } from "./wasm_gemm.ts";

/** Sizes of the encoder (as `TransformerConfig`, plus the input width `d`). */
export interface TransformerShape {
  readonly L: number;
  readonly d: number;
  readonly dModel: number;
  readonly heads: number;
  readonly layers: number;
  readonly ffn: number;
}

/** Weights per block, in the order of the tfjs model's trainable weights. */
const BLOCK_WEIGHTS = 16; // w_q w_k w_v w_o b_q b_k b_v b_o γ1 β1 W1 b1 W2 b2 γ2 β2

/** Layer-norm epsilon of the tfjs `LayerNorm` layer (its default). */
const LN_EPSILON = 1e-5;

/** What one block keeps for its backward pass. */
interface BlockTrace {
  x: Float32Array;
  wqkv: Float32Array;
  att: Float32Array;
  y1: Float32Array;
  ln1: LayerNormTrace;
  f1: Float32Array;
  ln2: LayerNormTrace;
  /** Rows after attention: `b·L`, or `b` in the last block (its last time step only). */
  M: number;
}

/**
 * The encoder's host training pass. Weights (the tfjs model's trainable weights, in order): embedding kernel
 * `[d, D]` and bias, positions `[L, D]`, per block {@link BLOCK_WEIGHTS} arrays, output kernel `[D, 1]` and bias.
 *
 * @example
 * ```ts
 * const shape = { L: 2, d: 1, dModel: 2, heads: 1, layers: 1, ffn: 2 };
 * const net = new TransformerHost(shape);
 * const w = net.weightShapes().map((s) => new Float32Array(s.reduce((a, b) => a * b, 1)).fill(0.1));
 * const { grads } = net.lossAndGrads(Float32Array.of(1, 2), 1, w, (z) => ({ loss: z[0], dz: Float32Array.of(1) }));
 * grads.length; // 21
 * ```
 */
export class TransformerHost implements HostNetwork {
  private readonly gemm = new WasmGemm();
  private readonly scratch = new Scratch();
  private readonly attention: AttentionWasm[];
  private ones = new Float32Array(0);

  /** @throws {RangeError} when `dModel` is not a multiple of `heads` */
  constructor(private readonly shape: TransformerShape) {
    if (shape.dModel % shape.heads !== 0) {
      throw new RangeError(`TransformerHost: dModel (${shape.dModel}) must be divisible by heads (${shape.heads})`);
    }
    this.attention = Array.from({ length: shape.layers }, () => new AttentionWasm());
  }

  /** Shapes of the weights, in order. */
  weightShapes(): number[][] {
    const { L, d, dModel: D, ffn: F, layers } = this.shape;
    const block = [[D, D], [D, D], [D, D], [D, D], [D], [D], [D], [D], [D], [D], [D, F], [F], [F, D], [D], [D], [D]];
    return [[d, D], [D], [L, D], ...Array.from({ length: layers }, () => block).flat(), [D, 1], [1]];
  }

  /**
   * The logits `[rows]` for the windows `x: [rows, L, d]` — the prediction pass, bit for bit the tfjs model's
   * `predict` (the same products, additions and kernels per row; the last block computes only its last step).
   */
  outputs(x: Float32Array, rows: number, weights: readonly Float32Array[]): Float32Array {
    return this.forward(x, rows, weights).z;
  }

  /** The forward pass with its trace (work arrays reused by the next call). */
  private forward(
    x: Float32Array,
    rows: number,
    weights: readonly Float32Array[],
  ): { xin: Float32Array; z: Float32Array; last: Float32Array; traces: BlockTrace[] } {
    const { L, d, dModel: D, heads, layers, ffn: F } = this.shape, N = rows * L;
    const buf = (name: string, n: number) => this.scratch.get(name, n);
    const mm = (
      a: Float32Array,
      b: Float32Array,
      bias: Float32Array | null,
      n: number,
      k: number,
      m: number,
      out: Float32Array,
      relu = false,
    ) => this.gemm.gemm(a, b, bias, n, k, m, relu, out);
    const xin = x.subarray(0, N * d);
    // embedding + positions
    const h0 = mm(xin, weights[0], weights[1], N, d, D, buf("h0", N * D));
    const pos = weights[2];
    addPositions(h0, pos, rows, L * D);
    let h = h0;
    const traces: BlockTrace[] = [];
    for (let l = 0; l < layers; l++) {
      const w = weights.slice(3 + l * BLOCK_WEIGHTS, 3 + (l + 1) * BLOCK_WEIGHTS);
      const b = (name: string, n: number) => buf(`${name}${l}`, n);
      // one projection product x·[W_q W_k W_v] + [b_q b_k b_v]
      const wqkv = b("wqkv", 3 * D * D), bqkv = b("bqkv", 3 * D);
      for (let i = 0; i < D; i++) {
        for (let p = 0; p < 3; p++) wqkv.set(w[p].subarray(i * D, (i + 1) * D), i * 3 * D + p * D);
      }
      for (let p = 0; p < 3; p++) bqkv.set(w[4 + p], p * D);
      const qkv = mm(h, wqkv, bqkv, N, D, 3 * D, b("qkv", 3 * N * D));
      // the last block feeds only its last time step to the output: after attention (all keys and values, the last
      // query) it runs on those rows alone
      const lastBlock = l === layers - 1, M = lastBlock ? rows : N;
      const att = this.attention[l].forwardPacked(
        qkv,
        { b: rows, L, D, heads, queries: lastBlock ? 1 : L },
        b("att", M * D),
      );
      const r1 = mm(att, w[3], w[7], M, D, D, b("r1", M * D));
      addInto(r1, lastBlock ? lastRows(h, rows, L, D, b("hl", M * D)) : h, M * D);
      const ln1 = layerNormForwardHost(r1, M, D, w[8], w[9], LN_EPSILON, {
        y: b("y1", M * D),
        xn: b("xn1", M * D),
        rstd: this.rstd(`rstd1${l}`, M),
      });
      const f1 = mm(ln1.y, w[10], w[11], M, D, F, b("f1", M * F), true);
      const r2 = mm(f1, w[12], w[13], M, F, D, b("r2", M * D));
      addInto(r2, ln1.y, M * D);
      const ln2 = layerNormForwardHost(r2, M, D, w[14], w[15], LN_EPSILON, {
        y: b("y2", M * D),
        xn: b("xn2", M * D),
        rstd: this.rstd(`rstd2${l}`, M),
      });
      traces.push({ x: h, wqkv, att, y1: ln1.y, ln1, f1, ln2, M });
      h = ln2.y;
    }
    // last step → output (the last block already kept only it)
    const last = layers > 0 ? h : lastRows(h, rows, L, D, buf("last", rows * D));
    const nw = weights.length;
    const z = mm(last, weights[nw - 2], weights[nw - 1], rows, D, 1, buf("z", rows));
    return { xin, z, last, traces };
  }

  lossAndGrads(
    x: Float32Array,
    rows: number,
    weights: readonly Float32Array[],
    loss: OutputLoss,
  ): { loss: number; grads: Float32Array[] } {
    const { L, d, dModel: D, layers, ffn: F } = this.shape, N = rows * L;
    const buf = (name: string, n: number) => this.scratch.get(name, n);
    const { xin, z, last, traces } = this.forward(x, rows, weights), nw = weights.length;

    const out = loss(z);
    const grads: Float32Array[] = new Array(nw);
    const o = this.denseBack(last, rows, D, 1, weights[nw - 2], out.dz, "out", true);
    [grads[nw - 2], grads[nw - 1]] = [o.dw, o.db];
    let dh = o.dx!;
    if (layers === 0) {
      dh = buf("dh", N * D).fill(0);
      for (let i = 0; i < rows; i++) dh.set(o.dx!.subarray(i * D, (i + 1) * D), (i * L + L - 1) * D);
    }
    for (let l = layers - 1; l >= 0; l--) {
      const base = 3 + l * BLOCK_WEIGHTS, w = weights.slice(base, base + BLOCK_WEIGHTS), tr = traces[l];
      const b = (name: string, n: number) => buf(`d${name}${l}`, n);
      const M = tr.M;
      const g2 = layerNormBackwardHost(dh, tr.ln2, M, D, w[14], {
        dx: b("r2", M * D),
        dgamma: b("g2", D),
        dbeta: b("b2", D),
      });
      grads[base + 14] = g2.dgamma;
      grads[base + 15] = g2.dbeta;
      const dr2 = g2.dx;
      // feed-forward: r2 = y1 + W2·relu(W1·y1)
      const ff2 = this.denseBack(tr.f1, M, F, D, w[12], dr2, `ff2${l}`, true);
      [grads[base + 12], grads[base + 13]] = [ff2.dw, ff2.db];
      const df1 = ff2.dx!;
      reluMask(df1, tr.f1, M * F);
      const ff1 = this.denseBack(tr.y1, M, D, F, w[10], df1, `ff1${l}`, true);
      [grads[base + 10], grads[base + 11]] = [ff1.dw, ff1.db];
      const dy1 = ff1.dx!;
      addInto(dy1, dr2, M * D);
      const g1 = layerNormBackwardHost(dy1, tr.ln1, M, D, w[8], {
        dx: b("r1", M * D),
        dgamma: b("g1", D),
        dbeta: b("b1", D),
      });
      grads[base + 8] = g1.dgamma;
      grads[base + 9] = g1.dbeta;
      const dr1 = g1.dx;
      // attention: r1 = x + Wo·att(Wq·x, Wk·x, Wv·x)
      const po = this.denseBack(tr.att, M, D, D, w[3], dr1, `o${l}`, true);
      [grads[base + 3], grads[base + 7]] = [po.dw, po.db];
      const datt = po.dx!;
      const dqkv = this.attention[l].backwardPacked(datt, b("qkv", 3 * N * D));
      const p = this.denseBack(tr.x, N, D, 3 * D, tr.wqkv, dqkv, `qkv${l}`, true);
      for (let k = 0; k < 3; k++) {
        const dw = b(`w${k}`, D * D);
        for (let i = 0; i < D; i++) dw.set(p.dw.subarray(i * 3 * D + k * D, i * 3 * D + (k + 1) * D), i * D);
        grads[base + k] = dw;
        grads[base + 4 + k] = b(`b${k}q`, D);
        grads[base + 4 + k].set(p.db.subarray(k * D, (k + 1) * D));
      }
      const dx = p.dx!;
      if (M === N) addInto(dx, dr1, N * D);
      else for (let i = 0; i < rows; i++) addInto(dx.subarray((i * L + L - 1) * D), dr1.subarray(i * D), D);
      dh = dx;
    }
    // positions: Σ over rows per time step; embedding
    const dpos = buf("dpos", L * D).fill(0);
    sumPositions(dpos, dh, rows, L * D);
    grads[2] = dpos;
    const e = this.denseBack(xin, N, d, D, weights[0], dh, "emb", false);
    [grads[0], grads[1]] = [e.dw, e.db];
    return { loss: out.loss, grads };
  }

  private rstd(name: string, n: number): Float64Array {
    const key = `__rstd_${name}`;
    const holder = this as unknown as Record<string, Float64Array | undefined>;
    let a = holder[key];
    if (a === undefined || a.length !== n) holder[key] = a = new Float64Array(n);
    return a;
  }

  /** Gradients of a dense layer `y = x·W + b` (`x: [n, k]`, `W: [k, m]`) given `∂y` (`g`); `∂x = g·Wᵀ` when `withInput`. */
  private denseBack(
    x: Float32Array,
    n: number,
    k: number,
    m: number,
    w: Float32Array,
    g: Float32Array,
    name: string,
    withInput: boolean,
  ): { dw: Float32Array; db: Float32Array; dx?: Float32Array } {
    const buf = (s: string, len: number) => this.scratch.get(`${name}/${s}`, len);
    const dw = this.gemm.gemm(x, g, null, k, n, m, false, buf("dW", k * m), false, true); // xᵀ·g
    if (this.ones.length < n) this.ones = new Float32Array(n).fill(1);
    const db = this.gemm.gemm(this.ones, g, null, 1, n, m, false, buf("db", m)); // 1ᵀ·g: column sums in row order
    if (!withInput) return { dw, db };
    const wT = transposeInto(w, k, m, buf("wT", m * k));
    return { dw, db, dx: this.gemm.gemm(g, wT, null, n, m, k, false, buf("dx", n * k)) };
  }
}

/** `a[i] += b[i]` for `i < n`. */
function addInto(a: Float32Array, b: Float32Array, n: number): void {
  for (let i = 0; i < n; i++) a[i] += b[i];
}

/** `g[i] ·= [y[i] > 0]` (ReLU's gradient, as tfjs's `dy·step(y)`; no data-dependent branch). */
function reluMask(g: Float32Array, y: Float32Array, n: number): void {
  for (let i = 0; i < n; i++) g[i] *= y[i] > 0 ? 1 : 0;
}

/** Adds the `[L, D]` block `pos` (`size = L·D` floats) to each of the `count` blocks of `h`. */
function addPositions(h: Float32Array, pos: Float32Array, count: number, size: number): void {
  for (let r = 0; r < count; r++) {
    const o = r * size;
    for (let j = 0; j < size; j++) h[o + j] += pos[j];
  }
}

/** `dpos = Σ` over the `count` blocks of `dh` (`size` floats each), summed in float32 in block order. */
function sumPositions(dpos: Float32Array, dh: Float32Array, count: number, size: number): void {
  dpos.fill(0);
  for (let r = 0; r < count; r++) {
    const o = r * size;
    for (let j = 0; j < size; j++) dpos[j] += dh[o + j];
  }
}

/** The last time step's rows `[rows, D]` of `h: [rows·L, D]`, into `out`. */
function lastRows(h: Float32Array, rows: number, L: number, D: number, out: Float32Array): Float32Array {
  for (let i = 0; i < rows; i++) out.set(h.subarray((i * L + L - 1) * D, (i * L + L) * D), i * D);
  return out;
}
