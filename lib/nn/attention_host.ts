/**
 * Scaled dot-product self-attention over heads — head split, `softmax(Q·Kᵀ/√d_k)`, `·V`, head merge — as one
 * host pass forward and one backward, in one WebAssembly memory: the per-(row, head) products on the SIMD GEMM of
 * `wasm_gemm.ts` (instantiated over this memory) straight on the heads' columns of the packed q/k/v rows and into
 * the rows of the output and the gradients (row strides; `P` and `∂S` read transposed in place, so there is no head
 * split or merge), the softmax on the `f32x4` kernel of `wasm_math.ts`; only `K` and `V` are copied transposed per
 * head, and the softmax gradient is a plain loop.
 *
 * Shapes: `q`, `k`, `v`, the output and their gradients are `[b, L, D]` (row-major, rows `i·L + t`), `D = heads·d_k`,
 * head `h` the columns `h·d_k … (h + 1)·d_k`. Float32 arithmetic in a fixed order: deterministic.
 * @module
 */
import { GEMM_A_T, type GemmFn, gemmModule } from "./wasm_gemm.ts";
import { softmaxKernel } from "./wasm_math.ts";
import { moduleBytes } from "../core/wasm_assembler.ts";

/** Shapes of one attention pass. */
export interface AttentionShape {
  readonly b: number;
  readonly L: number;
  readonly D: number;
  readonly heads: number;
  /**
   * Query rows per sequence, the last ones (default `L`): with 1, only the last time step attends (all `L` keys and
   * values), the output is `[b, 1, D]` — for a network that reads only the last step of its last block.
   */
  readonly queries?: number;
}

let compiled: WebAssembly.Module | undefined;
type SoftmaxFn = (x: number, rows: number, cols: number, scale: number) => void;

/** Float offsets of the regions of one pass (`in` and `gout` hold `q`, `k`, `v` / their gradients, `[b·L, 3D]`). */
function layout(s: AttentionShape) {
  const { b, L, D } = s, Lq = s.queries ?? L, n = b * L * D, nq = b * Lq * D, bhll = b * s.heads * Lq * L;
  const sizes = { in: 3 * n, khT: n, vhT: n, p: bhll, ctx: nq, dch: nq, dp: bhll, gout: 3 * n };
  const off = {} as Record<keyof typeof sizes, number>;
  let end = 0;
  for (const [key, v] of Object.entries(sizes)) {
    off[key as keyof typeof sizes] = end;
    end += (v + 3) & ~3;
  }
  return { off, end };
}

/**
 * Multi-head attention kernels over one memory: {@link forward} keeps its pass for {@link backward}.
 *
 * @example
 * ```ts
 * const a = new AttentionWasm();
 * const shape = { b: 1, L: 2, D: 2, heads: 1 };
 * const q = Float32Array.of(1, 0, 0, 1);
 * const y = a.forward(q, q, Float32Array.of(1, 2, 3, 4), shape); // each row a convex mix of v's rows
 * const { dq, dk, dv } = a.backward(Float32Array.of(1, 1, 1, 1));
 * ```
 */
export class AttentionWasm {
  private readonly memory = new WebAssembly.Memory({ initial: 1 });
  private readonly gemm: GemmFn;
  private readonly softmax: SoftmaxFn;
  private f32: Float32Array;
  private pass: { shape: AttentionShape; qkv: [number, number, number]; stride: number } | undefined;

  constructor() {
    const env = { env: { memory: this.memory } };
    this.gemm = new WebAssembly.Instance(gemmModule(), env).exports.gemm as GemmFn;
    compiled ??= new WebAssembly.Module(moduleBytes([{ name: "softmax", ...softmaxKernel() }]));
    this.softmax = new WebAssembly.Instance(compiled, env).exports.softmax as SoftmaxFn;
    this.f32 = new Float32Array(this.memory.buffer);
  }

  /**
   * `merge_h(softmax(Q_h·K_hᵀ/√d_k)·V_h)` for `q`, `k`, `v: [b, L, D]`; written to `out` when given.
   *
   * @throws {RangeError} when `D` is not a multiple of `heads` or an array does not fit the shape
   */
  forward(
    q: Float32Array,
    k: Float32Array,
    v: Float32Array,
    shape: AttentionShape,
    out: Float32Array = new Float32Array(shape.b * shape.L * shape.D),
  ): Float32Array {
    const { b, L, D, heads } = shape, n = b * L * D;
    if (
      D % heads !== 0 || q.length !== n || k.length !== n || v.length !== n || out.length !== n ||
      (shape.queries ?? L) !== L
    ) {
      throw new RangeError(
        `AttentionWasm.forward: q [${q.length}], k [${k.length}], v [${v.length}], out [${out.length}] do not fit ` +
          `b = ${b}, L = ${L}, D = ${D}, heads = ${heads}`,
      );
    }
    const { off, end } = layout(shape);
    this.reserve(end);
    this.f32.set(q, off.in);
    this.f32.set(k, off.in + n);
    this.f32.set(v, off.in + 2 * n);
    return this.run(shape, [off.in, off.in + n, off.in + 2 * n], D, out);
  }

  /**
   * {@link forward} with `q`, `k`, `v` packed side by side in the rows of `qkv: [b, L, 3D]` (one projection
   * product `x·[W_q W_k W_v]`).
   *
   * @throws {RangeError} when an array does not fit the shape
   */
  forwardPacked(
    qkv: Float32Array,
    shape: AttentionShape,
    out: Float32Array = new Float32Array(shape.b * (shape.queries ?? shape.L) * shape.D),
  ): Float32Array {
    const { b, L, D, heads } = shape, n = b * L * D, Lq = shape.queries ?? L;
    if (
      D % heads !== 0 || qkv.length !== 3 * n || out.length !== b * Lq * D ||
      !(Number.isInteger(Lq) && Lq >= 1 && Lq <= L)
    ) {
      throw new RangeError(
        `AttentionWasm.forwardPacked: qkv [${qkv.length}], out [${out.length}] do not fit ` +
          `b = ${b}, L = ${L}, D = ${D}, heads = ${heads}`,
      );
    }
    const { off, end } = layout(shape);
    this.reserve(end);
    this.f32.set(qkv, off.in);
    return this.run(shape, [off.in, off.in + D, off.in + 2 * D], 3 * D, out);
  }

  /** The pass over `q`, `k`, `v` at float offsets `qkv` of this memory (rows `stride` floats apart). */
  private run(shape: AttentionShape, qkv: [number, number, number], stride: number, out: Float32Array): Float32Array {
    const { b, L, D, heads } = shape, dk = D / heads, Lq = shape.queries ?? L;
    const { off } = layout(shape);
    const f = this.f32, B = (o: number) => 4 * o, hb = L * dk, sb = Lq * L;
    transposeHeads(f, qkv[1], stride, off.khT, shape);
    transposeHeads(f, qkv[2], stride, off.vhT, shape);
    for (let i = 0; i < b; i++) {
      for (let h = 0; h < heads; h++) {
        const s = i * heads + h, q = qkv[0] + (i * L + L - Lq) * stride + h * dk;
        this.gemm(B(q), B(off.khT + s * hb), 0, B(off.p + s * sb), Lq, dk, L, 0, stride, L, L);
      }
    }
    this.softmax(B(off.p), b * heads * Lq, L, 1 / Math.sqrt(dk));
    for (let i = 0; i < b; i++) {
      for (let h = 0; h < heads; h++) {
        const s = i * heads + h, v = qkv[2] + i * L * stride + h * dk, c = off.ctx + i * Lq * D + h * dk;
        this.gemm(B(off.p + s * sb), B(v), 0, B(c), Lq, L, dk, 0, L, stride, D);
      }
    }
    out.set(f.subarray(off.ctx, off.ctx + b * Lq * D));
    this.pass = { shape, qkv, stride };
    return out;
  }

  /**
   * Gradients of `q`, `k`, `v` (`[b, L, D]`) of the last {@link forward} given `∂y` (`dy: [b, L, D]`):
   * `∂P = ∂C·Vᵀ`, `∂V = Pᵀ·∂C`, `∂S = P⊙(∂P − rowsum(∂P⊙P))/√d_k`, `∂Q = ∂S·K`, `∂K = ∂Sᵀ·Q` per row and head.
   *
   * @throws {TypeError} when no forward pass is kept
   */
  backward(
    dy: Float32Array,
    out?: { dq: Float32Array; dk: Float32Array; dv: Float32Array },
  ): { dq: Float32Array; dk: Float32Array; dv: Float32Array } {
    const g = this.backPass(dy), { D, b, L } = this.pass!.shape, n = b * L * D, f = this.f32;
    const res = {
      dq: out?.dq ?? new Float32Array(n),
      dk: out?.dk ?? new Float32Array(n),
      dv: out?.dv ?? new Float32Array(n),
    };
    const parts = [res.dq, res.dk, res.dv];
    for (let r = 0; r < b * L; r++) {
      for (let p = 0; p < 3; p++) parts[p].set(f.subarray(g + r * 3 * D + p * D, g + r * 3 * D + (p + 1) * D), r * D);
    }
    return res;
  }

  /**
   * {@link backward} of a {@link forwardPacked} pass: the gradients packed as `[∂q ∂k ∂v]` rows `[b, L, 3D]`.
   *
   * @throws {TypeError} when no forward pass is kept
   */
  backwardPacked(dy: Float32Array, out?: Float32Array): Float32Array {
    const g = this.backPass(dy), { D, b, L } = this.pass!.shape, n = 3 * b * L * D;
    const res = out ?? new Float32Array(n);
    res.set(this.f32.subarray(g, g + n));
    return res;
  }

  /** The gradients of the kept pass as `[b·L, 3D]` rows in this memory; returns their float offset. */
  private backPass(dy: Float32Array): number {
    if (this.pass === undefined) throw new TypeError("AttentionWasm.backward: no forward pass");
    const { shape, qkv, stride } = this.pass;
    const { b, L, D, heads } = shape, dk = D / heads, BH = b * heads, Lq = shape.queries ?? L, G = 3 * D;
    const { off } = layout(shape);
    const f = this.f32, B = (o: number) => 4 * o, hb = L * dk, sb = Lq * L, scale = 1 / Math.sqrt(dk);
    f.set(dy.subarray(0, b * Lq * D), off.dch);
    if (Lq < L) f.fill(0, off.gout, off.gout + 3 * b * L * D); // ∂q of rows that were not queries
    for (let i = 0; i < b; i++) {
      for (let h = 0; h < heads; h++) {
        const s = i * heads + h, dc = off.dch + i * Lq * D + h * dk;
        // ∂P = ∂C·Vᵀ
        this.gemm(B(dc), B(off.vhT + s * hb), 0, B(off.dp + s * sb), Lq, dk, L, 0, D, L, L);
      }
    }
    for (let i = 0; i < b; i++) {
      for (let h = 0; h < heads; h++) {
        const s = i * heads + h, dc = off.dch + i * Lq * D + h * dk, dv = off.gout + i * L * G + 2 * D + h * dk;
        // ∂V = Pᵀ·∂C
        this.gemm(B(off.p + s * sb), B(dc), 0, B(dv), L, Lq, dk, GEMM_A_T, L, D, G); // P read transposed
      }
    }
    // ∂S in place of ∂P
    for (let r = 0; r < BH * Lq; r++) {
      const o = off.p + r * L, d = off.dp + r * L;
      let dot = 0;
      for (let j = 0; j < L; j++) dot += f[d + j] * f[o + j];
      for (let j = 0; j < L; j++) f[d + j] = f[o + j] * (f[d + j] - dot) * scale;
    }
    for (let i = 0; i < b; i++) {
      for (let h = 0; h < heads; h++) {
        const s = i * heads + h;
        const k = qkv[1] + i * L * stride + h * dk, q = qkv[0] + (i * L + L - Lq) * stride + h * dk;
        const dq = off.gout + (i * L + L - Lq) * G + h * dk, dkk = off.gout + i * L * G + D + h * dk;
        // ∂Q = ∂S·K, ∂K = ∂Sᵀ·Q
        this.gemm(B(off.dp + s * sb), B(k), 0, B(dq), Lq, L, dk, 0, L, stride, G);
        this.gemm(B(off.dp + s * sb), B(q), 0, B(dkk), L, Lq, dk, GEMM_A_T, L, stride, G); // ∂S read transposed
      }
    }
    return off.gout;
  }

  private reserve(floats: number): void {
    const bytes = 4 * floats;
    if (bytes > this.memory.buffer.byteLength) {
      this.memory.grow(Math.ceil((bytes - this.memory.buffer.byteLength) / 65536));
      this.f32 = new Float32Array(this.memory.buffer);
    }
  }
}

/**
 * Per (sequence, head) blocks `[d_k, L]` at `f[to …]`: the transposed head columns of the `[b·L, D]` rows at
 * `f[from …]` (`stride` floats apart).
 */
function transposeHeads(f: Float32Array, from: number, stride: number, to: number, s: AttentionShape): void {
  const { b, L, D, heads } = s, dk = D / heads, blk = L * dk;
  for (let i = 0; i < b; i++) {
    for (let t = 0; t < L; t++) {
      const src = from + (i * L + t) * stride;
      for (let h = 0; h < heads; h++) {
        const c = to + (i * heads + h) * blk + t, sh = src + h * dk;
        for (let e = 0; e < dk; e++) f[c + e * L] = f[sh + e];
      }
    }
  }
}
