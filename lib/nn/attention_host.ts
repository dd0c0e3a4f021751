/**
 * Scaled dot-product self-attention over heads — head split, `softmax(Q·Kᵀ/√d_k)`, `·V`, head merge — as one
 * host pass forward and one backward, in one WebAssembly memory: the per-(row, head) products on the SIMD GEMM of
 * `wasm_gemm.ts` (instantiated over this memory, no copies per product), the softmax on the `f32x4` kernel of
 * `wasm_math.ts`; the splits, merges, transposes and the softmax gradient are plain loops over float32 arrays.
 *
 * Shapes: `q`, `k`, `v`, the output and their gradients are `[b, L, D]` (row-major, rows `i·L + t`), `D = heads·d_k`,
 * head `h` the columns `h·d_k … (h + 1)·d_k`. Float32 arithmetic in a fixed order: deterministic.
 * @module
 */
import { type GemmFn, gemmModule } from "./wasm_gemm.ts";
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

/** Float offsets of the regions of one pass. */
function layout(s: AttentionShape) {
  const { b, L, D } = s, Lq = s.queries ?? L, n = b * L * D, nq = b * Lq * D, bhll = b * s.heads * Lq * L;
  const sizes = {
    qh: nq,
    kh: n,
    khT: n,
    vh: n,
    vhT: n,
    p: bhll,
    ch: nq,
    dch: nq,
    dp: bhll,
    pT: bhll,
    dsT: bhll,
    dq: nq,
    dk: n,
    dv: n,
  };
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
  private pass: { shape: AttentionShape; off: ReturnType<typeof layout>["off"] } | undefined;

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
    return this.run([q, D, 0], [k, D, 0], [v, D, 0], shape, out);
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
    return this.run([qkv, 3 * D, 0], [qkv, 3 * D, D], [qkv, 3 * D, 2 * D], shape, out);
  }

  private run(
    q: [Float32Array, number, number],
    k: [Float32Array, number, number],
    v: [Float32Array, number, number],
    shape: AttentionShape,
    out: Float32Array,
  ): Float32Array {
    const { b, L, D, heads } = shape, dk = D / heads, BH = b * heads, Lq = shape.queries ?? L;
    const { off, end } = layout(shape);
    this.reserve(end);
    const f = this.f32, B = (o: number) => 4 * o;
    split(q[0], q[1], q[2], f, off.qh, -1, shape, Lq, L, L - Lq);
    split(k[0], k[1], k[2], f, off.kh, off.khT, shape, L, L, 0);
    split(v[0], v[1], v[2], f, off.vh, off.vhT, shape, L, L, 0);
    const hb = L * dk, qb = Lq * dk, sb = Lq * L;
    for (let s = 0; s < BH; s++) this.gemm(B(off.qh + s * qb), B(off.khT + s * hb), 0, B(off.p + s * sb), Lq, dk, L, 0);
    this.softmax(B(off.p), BH * Lq, L, 1 / Math.sqrt(dk));
    for (let s = 0; s < BH; s++) this.gemm(B(off.p + s * sb), B(off.vh + s * hb), 0, B(off.ch + s * qb), Lq, L, dk, 0);
    merge(f, off.ch, out, D, 0, shape, Lq, Lq, 0);
    this.pass = { shape, off };
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
    const n = this.backPass(dy);
    const { shape, off } = this.pass!;
    const g = {
      dq: out?.dq ?? new Float32Array(n),
      dk: out?.dk ?? new Float32Array(n),
      dv: out?.dv ?? new Float32Array(n),
    };
    const L = shape.L;
    merge(this.f32, off.dq, g.dq, shape.D, 0, shape, L, L, 0);
    merge(this.f32, off.dk, g.dk, shape.D, 0, shape, L, L, 0);
    merge(this.f32, off.dv, g.dv, shape.D, 0, shape, L, L, 0);
    return g;
  }

  /**
   * {@link backward} of a {@link forwardPacked} pass: the gradients packed as `[∂q ∂k ∂v]` rows `[b, L, 3D]`.
   *
   * @throws {TypeError} when no forward pass is kept
   */
  backwardPacked(dy: Float32Array, out?: Float32Array): Float32Array {
    const n = this.backPass(dy);
    const { shape, off } = this.pass!, { b, D, L } = shape, Lq = shape.queries ?? L;
    const g = out ?? new Float32Array(3 * n);
    if (Lq < L) { // rows that were not queries: ∂q = 0
      for (let i = 0; i < b; i++) {
        for (let t = 0; t < L - Lq; t++) g.fill(0, (i * L + t) * 3 * D, (i * L + t) * 3 * D + D);
      }
    }
    merge(this.f32, off.dq, g, 3 * D, 0, shape, Lq, L, L - Lq);
    merge(this.f32, off.dk, g, 3 * D, D, shape, L, L, 0);
    merge(this.f32, off.dv, g, 3 * D, 2 * D, shape, L, L, 0);
    return g;
  }

  /** The per-head gradients of the kept pass into `dq`, `dk`, `dv`; returns `b·L·D`. */
  private backPass(dy: Float32Array): number {
    if (this.pass === undefined) throw new TypeError("AttentionWasm.backward: no forward pass");
    const { shape, off } = this.pass;
    const { b, L, D, heads } = shape, dk = D / heads, BH = b * heads, n = b * L * D;
    const Lq = shape.queries ?? L, qb = Lq * dk;
    const f = this.f32, B = (o: number) => 4 * o, hb = L * dk, sb = Lq * L, scale = 1 / Math.sqrt(dk);
    split(dy, D, 0, f, off.dch, -1, shape, Lq, Lq, 0);
    for (let s = 0; s < BH; s++) {
      this.gemm(B(off.dch + s * qb), B(off.vhT + s * hb), 0, B(off.dp + s * sb), Lq, dk, L, 0);
    }
    transposeBlocks(f, off.p, off.pT, BH, Lq, L);
    for (let s = 0; s < BH; s++) {
      this.gemm(B(off.pT + s * sb), B(off.dch + s * qb), 0, B(off.dv + s * hb), L, Lq, dk, 0);
    }
    // ∂S in place of ∂P
    for (let r = 0; r < BH * Lq; r++) {
      const o = r * L;
      let dot = 0;
      for (let j = 0; j < L; j++) dot += f[off.dp + o + j] * f[off.p + o + j];
      for (let j = 0; j < L; j++) f[off.dp + o + j] = f[off.p + o + j] * (f[off.dp + o + j] - dot) * scale;
    }
    transposeBlocks(f, off.dp, off.dsT, BH, Lq, L);
    for (let s = 0; s < BH; s++) {
      this.gemm(B(off.dp + s * sb), B(off.kh + s * hb), 0, B(off.dq + s * qb), Lq, L, dk, 0);
      this.gemm(B(off.dsT + s * sb), B(off.qh + s * qb), 0, B(off.dk + s * hb), L, Lq, dk, 0);
    }
    return n;
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
 * Columns `col … col + D` of rows `first … first + Lb` of each sequence of `x` (`Lx` rows per sequence, `stride`
 * floats per row) → per (sequence, head) blocks `[Lb, d_k]` at `f[to …]`, and also `[d_k, Lb]` at `f[toT …]` when
 * `toT ≥ 0`.
 */
function split(
  x: Float32Array,
  stride: number,
  col: number,
  f: Float32Array,
  to: number,
  toT: number,
  s: AttentionShape,
  Lb: number,
  Lx: number,
  first: number,
): void {
  const { b, D, heads } = s, dk = D / heads, blk = Lb * dk;
  for (let i = 0; i < b; i++) {
    for (let t = 0; t < Lb; t++) {
      const src = (i * Lx + first + t) * stride + col;
      for (let h = 0; h < heads; h++) {
        const o = (i * heads + h) * blk, a = to + o + t * dk, sh = src + h * dk;
        for (let e = 0; e < dk; e++) f[a + e] = x[sh + e];
        if (toT >= 0) {
          const c = toT + o + t;
          for (let e = 0; e < dk; e++) f[c + e * Lb] = x[sh + e];
        }
      }
    }
  }
}

/**
 * Per (sequence, head) blocks `[Lb, d_k]` at `f[from …]` → columns `col … col + D` of rows `first … first + Lb` of
 * each sequence of `out` (`Lo` rows per sequence, `stride` floats per row).
 */
function merge(
  f: Float32Array,
  from: number,
  out: Float32Array,
  stride: number,
  col: number,
  s: AttentionShape,
  Lb: number,
  Lo: number,
  first: number,
): void {
  const { b, D, heads } = s, dk = D / heads;
  for (let i = 0; i < b; i++) {
    for (let h = 0; h < heads; h++) {
      const blk = from + (i * heads + h) * Lb * dk;
      for (let t = 0; t < Lb; t++) {
        const dst = (i * Lo + first + t) * stride + col + h * dk, src = blk + t * dk;
        for (let e = 0; e < dk; e++) out[dst + e] = f[src + e];
      }
    }
  }
}

/** `count` blocks `[rows, cols]` at `f[from …]` transposed into `f[to …]`. */
function transposeBlocks(f: Float32Array, from: number, to: number, count: number, rows: number, cols: number): void {
  const size = rows * cols;
  for (let s = 0; s < count; s++) {
    const a = from + s * size, c = to + s * size;
    for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) f[c + j * rows + i] = f[a + i * cols + j];
  }
}
