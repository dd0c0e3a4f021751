/**
 * Float32 SIMD kernels for the single-portfolio predictor (`inference.ts`): a
 * small WebAssembly module assembled in this file, opcode by opcode — no
 * toolchain, no binary blob. Scalar JavaScript does not vectorise; the
 * network's dense layers run about ten times faster as `f32x4` WebAssembly
 * SIMD, in the same float32 arithmetic as the tfjs model.
 *
 * Four kernels over one linear memory (offsets and strides count floats, not
 * bytes):
 * - `dense`: `y[t·ys + j] = act((acc ? y[t·ys + j] : 0) + b[j] + Σ_i x[t·xs + i]·W[i·ws + j])`
 *   for `t < rows`, `j < m` — 16 outputs per pass over the inputs, then 4, then 1;
 * - `layerNorm`: `y = (x − mean)/√(var + 1e-5)·g + b` per row (two-pass variance, as `model.ts`);
 * - `softmax`: each row ← softmax(scale · row), in place (`e^x` by Cephes' float32 polynomial, shared with `lib/nn/wasm_math.ts`);
 * - `transpose`: `y[j·ys + t] = x[t·xs + j]`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { createKernels, DENSE_RELU } from "./wasm_kernels.ts";
 * const k = createKernels(64);
 * k.f32.set([1, 2], 0); // x: one row of 2 inputs
 * k.f32.set([1, 0, -1, 0, 0, 1, 0, -1], 8); // W: 2 × 4, row-major
 * k.f32.set([0.5, 0.5, 0.5, 0.5], 16); // b
 * k.dense(0, 1, 2, 2, 8, 4, 16, 4, 32, 4, DENSE_RELU);
 * assert.deepEqual(Array.from(k.f32.subarray(32, 36)), [1.5, 2.5, 0, 0]); // ReLU(b + x·W)
 * ```
 * @module
 */

import { type Code, F32, I32, I32_ADD, moduleBytes, simd, uleb, V128 } from "../core/wasm_assembler.ts";
import { get, i32, inc, let_, until, when } from "../core/wasm_assembler.ts";
import { expNonPositive, SCALAR, VECTOR } from "../nn/wasm_math.ts";

/** `dense` flag: apply ReLU to the output. */
export const DENSE_RELU = 1;
/** `dense` flag: add the result to what `y` already holds (a residual connection). */
export const DENSE_ACCUMULATE = 2;

/** The kernels bound to one memory. */
export interface Kernels {
  /** The module's linear memory (fixed size). */
  readonly memory: WebAssembly.Memory;
  /** A float32 view of the whole memory. */
  readonly f32: Float32Array;
  /** Dense layer over `rows` input rows (see the module doc); `flags`: {@link DENSE_RELU} | {@link DENSE_ACCUMULATE}. */
  dense(
    x: number,
    rows: number,
    n: number,
    xs: number,
    w: number,
    ws: number,
    b: number,
    m: number,
    y: number,
    ys: number,
    flags: number,
  ): void;
  /** Layer normalisation of `rows` rows of width `d` (epsilon 1e-5). */
  layerNorm(x: number, rows: number, d: number, xs: number, g: number, b: number, y: number, ys: number): void;
  /** In place, each row `x[t·xs + 0..cols)` ← softmax(scale · row), for `t < rows`. */
  softmax(x: number, rows: number, cols: number, xs: number, scale: number): void;
  /** `y[j·ys + t] = x[t·xs + j]` for `t < rows`, `j < cols`. */
  transpose(x: number, rows: number, cols: number, xs: number, y: number, ys: number): void;
}

// --- the assembler (lib/core/wasm_assembler.ts) and this module's opcodes ---------------------------------------------

const f32 = (v: number): Code => [0x43, ...new Uint8Array(Float32Array.of(v).buffer)];
const I32_SUB = 0x6b, I32_MUL = 0x6c, I32_AND = 0x71, I32_SHL = 0x74;
const I32_GE_S = 0x4e, I32_LT_S = 0x48;
const F32_ADD = 0x92, F32_SUB = 0x93, F32_MUL = 0x94, F32_DIV = 0x95, F32_SQRT = 0x91, F32_MAX = 0x97;
const F32_CONVERT_I32_S = 0xb2;
const f32Load = (off = 0): Code => [0x2a, 2, ...uleb(off)];
const f32Store = (off = 0): Code => [0x38, 2, ...uleb(off)];
const v128Load = (off = 0): Code => [...simd(0x00), 0, ...uleb(off)];
const v128Store = (off = 0): Code => [...simd(0x0b), 0, ...uleb(off)];
const F32X4_SPLAT = simd(0x13), F32X4_ADD = simd(0xe4), F32X4_SUB = simd(0xe5), F32X4_MUL = simd(0xe6);
const F32X4_MAX = simd(0xe9);
const F32X4_DIV = simd(0xe7);
const F32X4_EXTRACT = (lane: number): Code => [...simd(0x1f), lane];

/** byte address of float offset `base + a·b + c` (locals) */
const addr = (base: number, a: number, b: number, c?: number): Code => [
  ...get(base),
  ...get(a),
  ...get(b),
  I32_MUL,
  I32_ADD,
  ...(c === undefined ? [] : [...get(c), I32_ADD]),
  ...i32(2),
  I32_SHL,
];
/** byte address of float offset `a + b` (locals) */
const addr2 = (a: number, b: number): Code => [...get(a), ...get(b), I32_ADD, ...i32(2), I32_SHL];

/** horizontal sum of a float32x4 local: `(v0 + v1) + (v2 + v3)` */
const hsum = (v: number): Code => [
  ...[...get(v), ...F32X4_EXTRACT(0), ...get(v), ...F32X4_EXTRACT(1), F32_ADD],
  ...[...get(v), ...F32X4_EXTRACT(2), ...get(v), ...F32X4_EXTRACT(3), F32_ADD, F32_ADD],
];

/** A kernel: parameter types, local declarations (count, type) and its code. */
interface Kernel {
  params: number[];
  locals: [number, number][];
  code: Code;
}

// --- kernels -------------------------------------------------------------------------------------------------------

/** dense(x, rows, n, xs, w, ws, b, m, y, ys, flags) */
function dense(): Kernel {
  const X = 0, ROWS = 1, N = 2, XS = 3, W = 4, WS = 5, B = 6, M = 7, Y = 8, YS = 9, FLAGS = 10;
  const T = 11, J = 12, I = 13, XP = 14, WP = 15, YP = 16, WSB = 17, XSB = 18, YSB = 19; // i32 locals
  const SF = [[20], [21]], XF = [22, 23], WF = 24; // f32 locals
  const ZERO = 25, XV = [26, 27], WV = 28, AV = [[29, 30, 31, 32], [33, 34, 35, 36]]; // v128 locals (zeroed)
  const flag = (f: number): Code => [...get(FLAGS), ...i32(f), I32_AND];
  /** byte address `YP + r·ys` (r = 0, 1) */
  const rowY = (r: number): Code => (r === 0 ? get(YP) : [...get(YP), ...get(YSB), I32_ADD]);
  /**
   * One pass over the inputs computing `width` outputs of `R` rows (1 or 2: the second row reuses each weight
   * load) in `nv` float32x4 accumulators per row (`nv` = 0: one scalar accumulator per row).
   */
  const pass = (nv: number, R: number): Code => {
    const scalar = nv === 0, width = scalar ? 1 : 4 * nv;
    const rows = Array.from({ length: R }, (_, r) => r);
    const acc = rows.map((r) => (scalar ? SF[r] : AV[r].slice(0, nv)));
    const ks = acc[0].map((_, k) => k);
    const ld = (k: number) => (scalar ? f32Load(4 * k) : v128Load(16 * k));
    const st = (k: number) => (scalar ? f32Store(4 * k) : v128Store(16 * k));
    const add = scalar ? [F32_ADD] : F32X4_ADD, mul = scalar ? [F32_MUL] : F32X4_MUL;
    const relu = scalar ? [...f32(0), F32_MAX] : [...get(ZERO), ...F32X4_MAX];
    const xv = scalar ? XF : XV, wv = scalar ? WF : WV;
    const each = (f: (r: number, k: number) => Code): Code[] => rows.flatMap((r) => ks.map((k) => f(r, k)));
    return until(
      [...get(M), ...get(J), I32_SUB, ...i32(width), I32_LT_S],
      let_(YP, addr(Y, T, YS, J)),
      let_(WP, addr2(B, J)),
      ...each((r, k) => let_(acc[r][k], get(WP), ld(k))),
      when(flag(DENSE_ACCUMULATE), ...each((r, k) => let_(acc[r][k], get(acc[r][k]), rowY(r), ld(k), add))),
      let_(XP, addr(X, T, XS)),
      let_(WP, addr2(W, J)),
      let_(I, i32(0)),
      until(
        [...get(I), ...get(N), I32_GE_S],
        ...rows.map((r) =>
          let_(xv[r], get(XP), r === 0 ? [] : [...get(XSB), I32_ADD], f32Load(), scalar ? [] : F32X4_SPLAT)
        ),
        ...ks.flatMap((k) => [
          let_(wv, get(WP), ld(k)),
          ...rows.map((r) => let_(acc[r][k], get(acc[r][k]), get(xv[r]), get(wv), mul, add)),
        ]),
        inc(XP, i32(4)),
        inc(WP, get(WSB)),
        inc(I, i32(1)),
      ),
      when(flag(DENSE_RELU), ...each((r, k) => let_(acc[r][k], get(acc[r][k]), relu))),
      ...each((r, k) => [...rowY(r), ...get(acc[r][k]), ...st(k)]),
      inc(J, i32(width)),
    );
  };
  const code = [
    ...let_(WSB, get(WS), i32(2), [I32_SHL]),
    ...let_(XSB, get(XS), i32(2), [I32_SHL]),
    ...let_(YSB, get(YS), i32(2), [I32_SHL]),
    ...let_(T, i32(0)),
    ...until(
      [...get(ROWS), ...get(T), I32_SUB, ...i32(2), I32_LT_S],
      let_(J, i32(0)),
      pass(4, 2),
      pass(1, 2),
      pass(0, 2),
      inc(T, i32(2)),
    ),
    ...when([...get(T), ...get(ROWS), I32_LT_S], let_(J, i32(0)), pass(4, 1), pass(1, 1), pass(0, 1)),
  ];
  return { params: Array(11).fill(I32), locals: [[9, I32], [5, F32], [12, V128]], code };
}

/** layerNorm(x, rows, d, xs, g, b, y, ys) */
function layerNorm(): Kernel {
  const X = 0, ROWS = 1, D = 2, XS = 3, G = 4, B = 5, Y = 6, YS = 7;
  const T = 8, J = 9, XP = 10, YP = 11; // i32
  const MU = 12, VAR = 13, R = 14, C = 15, DF = 16; // f32
  const VA = 17, VMU = 18, VR = 19, VC = 20; // v128
  const at = (p: number): Code => [...get(p), ...get(J), ...i32(2), I32_SHL, I32_ADD]; // p + 4j (p in bytes)
  const vx = [...at(XP), ...v128Load()], sx = [...at(XP), ...f32Load()];
  /** `for j: body4` over whole float32x4 chunks, then `for j: body1` over the rest of the row */
  const row = (body4: Code[], between: Code[], body1: Code[]): Code[] => [
    let_(J, i32(0)),
    until([...get(D), ...get(J), I32_SUB, ...i32(4), I32_LT_S], ...body4, inc(J, i32(4))),
    ...between,
    until([...get(J), ...get(D), I32_GE_S], ...body1, inc(J, i32(1))),
  ];
  const code = [
    ...let_(DF, get(D), [F32_CONVERT_I32_S]),
    ...let_(T, i32(0)),
    ...until(
      [...get(T), ...get(ROWS), I32_GE_S],
      let_(XP, addr(X, T, XS)),
      let_(YP, addr(Y, T, YS)),
      // mean
      let_(VA, f32(0), F32X4_SPLAT),
      ...row([let_(VA, get(VA), vx, F32X4_ADD)], [let_(MU, hsum(VA))], [let_(MU, get(MU), sx, [F32_ADD])]),
      let_(MU, get(MU), get(DF), [F32_DIV]),
      let_(VMU, get(MU), F32X4_SPLAT),
      // variance (two-pass)
      let_(VA, f32(0), F32X4_SPLAT),
      ...row(
        [let_(VC, vx, get(VMU), F32X4_SUB), let_(VA, get(VA), get(VC), get(VC), F32X4_MUL, F32X4_ADD)],
        [let_(VAR, hsum(VA))],
        [let_(C, sx, get(MU), [F32_SUB]), let_(VAR, get(VAR), get(C), get(C), [F32_MUL, F32_ADD])],
      ),
      let_(R, f32(1), get(VAR), get(DF), [F32_DIV], f32(1e-5), [F32_ADD, F32_SQRT, F32_DIV]),
      let_(VR, get(R), F32X4_SPLAT),
      // y = (x − mu)·r·g + b
      ...row(
        [
          [...at(YP), ...vx, ...get(VMU), ...F32X4_SUB, ...get(VR), ...F32X4_MUL],
          [...addr2(G, J), ...v128Load(), ...F32X4_MUL, ...addr2(B, J), ...v128Load(), ...F32X4_ADD, ...v128Store()],
        ],
        [],
        [
          [...at(YP), ...sx, ...get(MU), F32_SUB, ...get(R), F32_MUL],
          [...addr2(G, J), ...f32Load(), F32_MUL, ...addr2(B, J), ...f32Load(), F32_ADD, ...f32Store()],
        ],
      ),
      inc(T, i32(1)),
    ),
  ];
  return { params: Array(8).fill(I32), locals: [[4, I32], [5, F32], [4, V128]], code };
}

/** transpose(x, rows, cols, xs, y, ys) */
function transpose(): Kernel {
  const X = 0, ROWS = 1, COLS = 2, XS = 3, Y = 4, YS = 5;
  const T = 6, J = 7;
  const code = [
    ...let_(T, i32(0)),
    ...until(
      [...get(T), ...get(ROWS), I32_GE_S],
      let_(J, i32(0)),
      until(
        [...get(J), ...get(COLS), I32_GE_S],
        addr(Y, J, YS, T),
        addr(X, T, XS, J),
        f32Load(),
        f32Store(),
        inc(J, i32(1)),
      ),
      inc(T, i32(1)),
    ),
  ];
  return { params: Array(6).fill(I32), locals: [[2, I32]], code };
}

/** `e^x` for `x` ≤ 0 in local `X` (clobbers `X`, `K`, `P`): `wasm_math.ts`'s {@link expNonPositive}. */
const expNonPositiveIn = (vector: boolean, X: number, K: number, P: number): Code =>
  expNonPositive(vector ? VECTOR : SCALAR, { x: X, k: K, p: P, e: P });

/** softmax(x, rows, cols, xs, scale): each row `x[t·xs + 0..cols)` ← softmax(scale · row) */
function softmax(): Kernel {
  const X = 0, ROWS = 1, COLS = 2, XS = 3, SCALE = 4;
  const T = 5, J = 6, XP = 7; // i32
  const MX = 8, SUM = 9, SX = 10, SK = 11, SP = 12; // f32
  const VMX = 13, VSC = 14, VA = 15, VX = 16, VK = 17, VP = 18; // v128
  const at = [...get(XP), ...get(J), ...i32(2), I32_SHL, I32_ADD];
  const row = (body4: Code[], between: Code[], body1: Code[]): Code[] => [
    let_(J, i32(0)),
    until([...get(COLS), ...get(J), I32_SUB, ...i32(4), I32_LT_S], ...body4, inc(J, i32(4))),
    ...between,
    until([...get(J), ...get(COLS), I32_GE_S], ...body1, inc(J, i32(1))),
  ];
  const code = [
    ...let_(VSC, get(SCALE), F32X4_SPLAT),
    ...let_(T, i32(0)),
    ...until(
      [...get(T), ...get(ROWS), I32_GE_S],
      let_(XP, addr(X, T, XS)),
      let_(MX, f32(-Infinity)),
      let_(J, i32(0)),
      until(
        [...get(J), ...get(COLS), I32_GE_S],
        let_(MX, get(MX), at, f32Load(), get(SCALE), [F32_MUL, F32_MAX]),
        inc(J, i32(1)),
      ),
      let_(VMX, get(MX), F32X4_SPLAT),
      let_(VA, f32(0), F32X4_SPLAT),
      ...row(
        [
          let_(VX, at, v128Load(), get(VSC), F32X4_MUL, get(VMX), F32X4_SUB),
          let_(VX, expNonPositiveIn(true, VX, VK, VP)),
          [...at, ...get(VX), ...v128Store()],
          let_(VA, get(VA), get(VX), F32X4_ADD),
        ],
        [let_(SUM, hsum(VA))],
        [
          let_(SX, at, f32Load(), get(SCALE), [F32_MUL], get(MX), [F32_SUB]),
          let_(SX, expNonPositiveIn(false, SX, SK, SP)),
          [...at, ...get(SX), ...f32Store()],
          let_(SUM, get(SUM), get(SX), [F32_ADD]),
        ],
      ),
      let_(VA, get(SUM), F32X4_SPLAT),
      ...row(
        [[...at, ...at, ...v128Load(), ...get(VA), ...F32X4_DIV, ...v128Store()]],
        [],
        [[...at, ...at, ...f32Load(), ...get(SUM), F32_DIV, ...f32Store()]],
      ),
      inc(T, i32(1)),
    ),
  ];
  return { params: [I32, I32, I32, I32, F32], locals: [[3, I32], [5, F32], [6, V128]], code };
}

const KERNELS = { dense, layerNorm, softmax, transpose } as const;

let compiled: WebAssembly.Module | undefined;

/** The compiled module (compiled once per process). */
export function kernelModule(): WebAssembly.Module {
  compiled ??= new WebAssembly.Module(moduleBytes(Object.entries(KERNELS).map(([name, f]) => ({ name, ...f() }))));
  return compiled;
}

/**
 * Instantiate the kernels over a fresh memory of at least `floats` float32 values (zero-filled).
 *
 * @throws {RangeError} when `floats` is not a positive integer
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * const k = createKernels(16);
 * k.f32.set([1, 2, 3, 4, 5, 6], 0); // 2 × 3
 * k.transpose(0, 2, 3, 3, 8, 2); // → 3 × 2 at offset 8
 * assert.deepEqual(Array.from(k.f32.subarray(8, 14)), [1, 4, 2, 5, 3, 6]);
 * ```
 */
export function createKernels(floats: number): Kernels {
  if (!Number.isInteger(floats) || floats < 1) {
    throw new RangeError(`createKernels: floats must be a positive integer, got ${floats}`);
  }
  const memory = new WebAssembly.Memory({ initial: Math.ceil((floats * 4) / 65536) });
  const ex = new WebAssembly.Instance(kernelModule(), { env: { memory } }).exports as unknown as Omit<
    Kernels,
    "memory" | "f32"
  >;
  return {
    memory,
    f32: new Float32Array(memory.buffer),
    dense: ex.dense,
    layerNorm: ex.layerNorm,
    softmax: ex.softmax,
    transpose: ex.transpose,
  };
}
