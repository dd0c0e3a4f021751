/**
 * A float32 matrix product on WebAssembly SIMD for the host-side training paths of `lib/nn` — in exactly the
 * arithmetic of tfjs's wasm backend (XNNPACK), so that results are bit-identical to the tfjs ops they replace:
 * `C[i, j] = act(bias[j] + Σ_p A[i, p]·B[p, j])` with the sum taken in order `p = 0, 1, …, k − 1`, one float32
 * rounding after each product and each addition (no fused multiply-add), starting from the bias (or 0), and
 * `act` = identity or ReLU (`max(·, 0)`). `wasm_gemm_test.ts` compares it bit by bit
 * with `tf.matMul` / `tf.fused.matMul`.
 *
 * The module is assembled in this file opcode by opcode (no toolchain, no binary blob); `f32x4` lanes run over
 * output columns (16, then 4, then 1 at a time), two rows share each weight load.
 * @module
 */

import { type Code, F32, I32, I32_ADD, moduleBytes, simd, uleb, V128 } from "../core/wasm_assembler.ts";
import { get, i32, ifElse, inc, let_, until } from "../core/wasm_assembler.ts";

const I32_SUB = 0x6b, I32_MUL = 0x6c, I32_AND = 0x71, I32_SHL = 0x74, I32_GE_S = 0x4e;
const I32_LT_S = 0x48, F32_ADD = 0x92, F32_MUL = 0x94, F32_MAX = 0x97;
const f32Zero: Code = [0x43, 0, 0, 0, 0];
const F32X4_SPLAT = simd(0x13), F32X4_ADD = simd(0xe4), F32X4_MUL = simd(0xe6), F32X4_MAX = simd(0xe9);
const load = (scalar: boolean, off: number): Code =>
  scalar ? [0x2a, 2, ...uleb(off)] : [...simd(0x00), 0, ...uleb(off)];
const store = (scalar: boolean, off: number): Code =>
  scalar ? [0x38, 2, ...uleb(off)] : [...simd(0x0b), 0, ...uleb(off)];

/** `gemm` flag: add the bias vector (else start from 0). */
export const GEMM_BIAS = 1;
/** `gemm` flag: apply ReLU to the output. */
export const GEMM_RELU = 2;
/**
 * `gemm` flag: add the bias after the sum (`(Σ_p A·B) + bias`) instead of starting from it — what tfjs computes for
 * `fused.matMul` with a ReLU under a gradient tape, where it does not fuse (`matMul`, then `add`, then `relu`).
 */
export const GEMM_BIAS_LAST = 4;
/**
 * `gemm` flag: A is given transposed — stored as `[k, n]` with rows `lda` apart (`A[i, p]` at `a + p·lda + i`), so
 * `Xᵀ·G` (a weight gradient) needs no transposed copy of `X`. The sums are the same, in the same order.
 */
export const GEMM_A_T = 8;

/**
 * gemm(a, b, bias, c, n, k, m, flags, lda, ldb, ldc): byte addresses; A [n, k], B [k, m], bias [m], C [n, m],
 * row-major with row strides lda, ldb, ldc (in floats; k, m, m for dense matrices).
 */
function gemmCode(): { params: number[]; locals: [number, number][]; code: Code } {
  const A = 0, B = 1, BIAS = 2, C = 3, N = 4, K = 5, M = 6, FLAGS = 7, LDA = 8, LDB = 9, LDC = 10;
  // MB, CB: the row strides of B and C in bytes; KB, APS: the strides of A between rows and along p in bytes
  const I = 11, J = 12, P = 13, AP = 14, BP = 15, CP = 16, MB = 17, KB = 18, CB = 19, APS = 20; // i32
  const SF = [21, 22], XF = [23, 24], WF = 25; // f32
  const ZERO = 26, XV = [27, 28], WV = 29, AV = [[30, 31, 32, 33], [34, 35, 36, 37]]; // v128
  const flag = (f: number): Code => [...get(FLAGS), ...i32(f), I32_AND];
  /** One pass over k for `width` columns of `rows` rows (1 or 2) starting at row I, column J. */
  const pass = (nv: number, rows: number): Code => {
    const scalar = nv === 0, width = scalar ? 1 : 4 * nv;
    const rs = Array.from({ length: rows }, (_, r) => r);
    const acc = rs.map((r) => (scalar ? [SF[r]] : AV[r].slice(0, nv)));
    const qs = acc[0].map((_, q) => q);
    const add = scalar ? [F32_ADD] : F32X4_ADD, mul = scalar ? [F32_MUL] : F32X4_MUL;
    const each = (f: (r: number, q: number) => Code): Code[] => rs.flatMap((r) => qs.map((q) => f(r, q)));
    const zero = scalar ? f32Zero : get(ZERO);
    const biasAt = (q: number): Code => [
      ...get(BIAS),
      ...get(J),
      ...i32(2),
      I32_SHL,
      I32_ADD,
      ...load(scalar, (scalar ? 4 : 16) * q),
    ];
    return until(
      [...get(M), ...get(J), I32_SUB, ...i32(width), I32_LT_S],
      ifElse(
        flag(GEMM_BIAS),
        each((r, q) => let_(acc[r][q], biasAt(q))),
        each((r, q) => let_(acc[r][q], zero)),
      ),
      // AP = A + I·(row stride of A), BP = B + J·4
      let_(AP, get(A), get(I), get(KB), [I32_MUL, I32_ADD]),
      let_(BP, get(B), get(J), i32(2), [I32_SHL, I32_ADD]),
      let_(P, i32(0)),
      until(
        [...get(P), ...get(K), I32_GE_S],
        ...rs.map((r) => let_(XF[r], get(AP), r === 0 ? [] : [...get(KB), I32_ADD], load(true, 0), scalar ? [] : [])),
        ...(scalar ? [] : rs.map((r) => let_(XV[r], get(XF[r]), F32X4_SPLAT))),
        ...qs.flatMap((q) => [
          let_(scalar ? WF : WV, get(BP), load(scalar, (scalar ? 4 : 16) * q)),
          ...rs.map((r) =>
            let_(acc[r][q], get(acc[r][q]), get(scalar ? XF[r] : XV[r]), get(scalar ? WF : WV), mul, add)
          ),
        ]),
        inc(AP, get(APS)),
        inc(BP, get(MB)),
        inc(P, i32(1)),
      ),
      ifElse(flag(GEMM_BIAS_LAST), each((r, q) => let_(acc[r][q], get(acc[r][q]), biasAt(q), add))),
      ifElse(flag(GEMM_RELU), each((r, q) => let_(acc[r][q], get(acc[r][q]), zero, scalar ? [F32_MAX] : F32X4_MAX))),
      // CP = C + I·ldc·4 + J·4 (+ ldc·4 for the second row)
      let_(CP, get(C), get(I), get(CB), [I32_MUL, I32_ADD], get(J), i32(2), [I32_SHL, I32_ADD]),
      ...each((r, q) => [
        ...get(CP),
        ...(r === 0 ? [] : [...get(CB), I32_ADD]),
        ...get(acc[r][q]),
        ...store(scalar, (scalar ? 4 : 16) * q),
      ]),
      inc(J, i32(width)),
    );
  };
  const code = [
    ...let_(MB, get(LDB), i32(2), [I32_SHL]),
    // A [n, k] with rows lda apart, or with GEMM_A_T A stored transposed ([k, n], rows lda apart)
    ...ifElse(
      flag(GEMM_A_T),
      [let_(KB, i32(4)), let_(APS, get(LDA), i32(2), [I32_SHL])],
      [let_(KB, get(LDA), i32(2), [I32_SHL]), let_(APS, i32(4))],
    ),
    ...let_(CB, get(LDC), i32(2), [I32_SHL]),
    ...let_(I, i32(0)),
    ...until(
      [...get(N), ...get(I), I32_SUB, ...i32(2), I32_LT_S],
      let_(J, i32(0)),
      pass(4, 2),
      pass(1, 2),
      pass(0, 2),
      inc(I, i32(2)),
    ),
    ...ifElse([...get(I), ...get(N), I32_LT_S], [let_(J, i32(0)), pass(4, 1), pass(1, 1), pass(0, 1)]),
  ];
  return { params: Array(11).fill(I32), locals: [[10, I32], [5, F32], [12, V128]], code };
}

function assemble(): Uint8Array<ArrayBuffer> {
  return moduleBytes([{ name: "gemm", ...gemmCode() }]);
}

let compiled: WebAssembly.Module | undefined;

/**
 * The compiled GEMM module (once per process): it imports `env.memory` and exports
 * `gemm(a, b, bias, c, n, k, m, flags, lda, ldb, ldc)` over byte addresses (row strides in floats), for kernels that
 * keep their operands in their own memory.
 *
 * @example
 * ```ts
 * const memory = new WebAssembly.Memory({ initial: 1 });
 * const gemm = new WebAssembly.Instance(gemmModule(), { env: { memory } }).exports.gemm;
 * ```
 */
export function gemmModule(): WebAssembly.Module {
  return compiled ??= new WebAssembly.Module(assemble());
}

/**
 * `gemm(a, b, bias, c, n, k, m, flags, lda, ldb, ldc)` of {@link gemmModule} (byte addresses; flags {@link GEMM_BIAS}
 * …; the row strides of A, B, C in floats).
 */
export type GemmFn = (
  a: number,
  b: number,
  bias: number,
  c: number,
  n: number,
  k: number,
  m: number,
  flags: number,
  lda: number,
  ldb: number,
  ldc: number,
) => void;

/**
 * The matrix-product kernel with its own growable memory; the arrays are copied in and the product out.
 *
 * @example
 * ```ts
 * const g = new WasmGemm();
 * g.gemm(Float32Array.of(1, 2), Float32Array.of(3, 4), Float32Array.of(0.5), 1, 2, 1, true); // Float32Array [11.5]
 * ```
 */
export class WasmGemm {
  private readonly memory: WebAssembly.Memory;
  private readonly fn: GemmFn;
  private f32: Float32Array;

  constructor() {
    this.memory = new WebAssembly.Memory({ initial: 1 });
    const instance = new WebAssembly.Instance(gemmModule(), {
      env: { memory: this.memory },
    });
    this.fn = instance.exports.gemm as GemmFn;
    this.f32 = new Float32Array(this.memory.buffer);
  }

  /**
   * `act(bias + a·b)` for `a: [n, k]`, `b: [k, m]`, `bias: [m]` or null (row-major); with `biasLast`,
   * `act(a·b + bias)` (see {@link GEMM_BIAS_LAST}); with `transposedA`, `a` holds `aᵀ` (`[k, n]`: `aᵀ·b` of a given
   * `[k, n]` matrix, see {@link GEMM_A_T}); `out` (length n·m) is written and returned when given.
   *
   * @throws {RangeError} when an array's length does not fit the shape
   */
  gemm(
    a: Float32Array,
    b: Float32Array,
    bias: Float32Array | null,
    n: number,
    k: number,
    m: number,
    relu = false,
    out: Float32Array = new Float32Array(n * m),
    biasLast = false,
    transposedA = false,
  ): Float32Array {
    if (a.length < n * k || b.length < k * m || (bias !== null && bias.length < m) || out.length < n * m) {
      throw new RangeError(
        `WasmGemm.gemm: arrays [${a.length}], [${b.length}], [${bias?.length}], out [${out.length}] ` +
          `do not fit n = ${n}, k = ${k}, m = ${m}`,
      );
    }
    const oa = 0, ob = oa + n * k, obias = ob + k * m, oc = obias + m, end = oc + n * m;
    this.reserve(end);
    const f = this.f32;
    f.set(a.length === n * k ? a : a.subarray(0, n * k), oa);
    f.set(b.length === k * m ? b : b.subarray(0, k * m), ob);
    if (bias !== null) f.set(bias.length === m ? bias : bias.subarray(0, m), obias);
    const flags = (bias === null ? 0 : biasLast ? GEMM_BIAS_LAST : GEMM_BIAS) | (relu ? GEMM_RELU : 0) |
      (transposedA ? GEMM_A_T : 0);
    this.fn(4 * oa, 4 * ob, 4 * obias, 4 * oc, n, k, m, flags, transposedA ? n : k, m, m);
    out.set(f.subarray(oc, end));
    return out;
  }

  private reserve(floats: number): void {
    const bytes = 4 * floats;
    if (bytes > this.memory.buffer.byteLength) {
      this.memory.grow(Math.ceil((bytes - this.memory.buffer.byteLength) / 65536));
      this.f32 = new Float32Array(this.memory.buffer);
    }
  }
}
