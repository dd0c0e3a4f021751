/**
 * Float32 `e^x`, logistic `σ(x) = 1/(1 + e^−x)` and `tanh` as WebAssembly code, for `f32x4` lanes or one `f32`, for
 * the kernels of `lib/nn` written with `lib/core/wasm_assembler.ts` (the LSTM cell of `lstm_wasm.ts`). Each
 * generator leaves its result on the stack and uses the locals it is given (one register set per lane width:
 * `v128` locals for {@link VECTOR}, `f32` locals for {@link SCALAR}).
 *
 * - `e^x` (x ≤ 0): Cody–Waite reduction `x = k·ln 2 + r` and Cephes' `expf` polynomial, `2^k` built in the
 *   exponent bits, `x` clamped at −87; relative error ≤ 2e-7 against `Math.exp`.
 * - `σ(x)` = `1/(1 + e)` for x ≥ 0 and `e/(1 + e)` for x < 0 with `e = e^−|x|` (no cancellation on either side);
 *   relative error ≤ 4e-7 against the float64 formula.
 * - `tanh(x)`: Eigen's rational minimax form `x·P(x²)/Q(x²)` (degrees 6 and 3 in `x²`) on `x` clamped to ±7.905
 *   (no exp, no branch; odd; exactly ±1 beyond the clamp); absolute and relative error ≤ 4e-7 against `Math.tanh`.
 *
 * The bounds are checked on a dense grid over [−20, 20] in `wasm_math_test.ts` (through {@link mathKernels}).
 * @module
 */
import { type Code, F32, I32, I32_ADD, moduleBytes, simd, uleb, V128 } from "../core/wasm_assembler.ts";
import { get, i32, inc, let_, until } from "../core/wasm_assembler.ts";

/** float32 constant (`f32.const`). */
export const f32c = (v: number): Code => [0x43, ...new Uint8Array(Float32Array.of(v).buffer)];

const F32_ADD = 0x92, F32_SUB = 0x93, F32_MUL = 0x94, F32_DIV = 0x95, F32_MAX = 0x97, F32_ABS = 0x8b;
const F32_NEAREST = 0x90, F32_GE = 0x60, SELECT = 0x1b;
const I32_TRUNC_F32_S = 0xa8, F32_REINTERPRET_I32 = 0xbe, I32_SHL = 0x74, I32_GE_S = 0x4e;
const I32X4_SPLAT = simd(0x11), I32X4_ADD = simd(0xae), I32X4_SHL = simd(0xab), I32X4_TRUNC_SAT = simd(0xf8);
const F32X4_SPLAT = simd(0x13), V128_BITSELECT = simd(0x52);

/** The instructions of one lane width. */
export interface LaneOps {
  readonly vector: boolean;
  readonly add: Code;
  readonly sub: Code;
  readonly mul: Code;
  readonly div: Code;
  readonly max: Code;
  readonly abs: Code;
  /** A constant in every lane. */
  c(v: number): Code;
  /** Load from the byte address on the stack (+ static byte offset). */
  load(off?: number): Code;
  /** Store the value on the stack at the byte address below it (+ static byte offset). */
  store(off?: number): Code;
  /** Bytes per value (16 or 4). */
  readonly bytes: number;
}

/** `f32x4` operations. */
export const VECTOR: LaneOps = {
  vector: true,
  add: simd(0xe4),
  sub: simd(0xe5),
  mul: simd(0xe6),
  div: simd(0xe7),
  max: simd(0xe9),
  abs: simd(0xe0),
  c: (v) => [...f32c(v), ...F32X4_SPLAT],
  load: (off = 0) => [...simd(0x00), 0, ...uleb(off)],
  store: (off = 0) => [...simd(0x0b), 0, ...uleb(off)],
  bytes: 16,
};

/** `f32` operations. */
export const SCALAR: LaneOps = {
  vector: false,
  add: [F32_ADD],
  sub: [F32_SUB],
  mul: [F32_MUL],
  div: [F32_DIV],
  max: [F32_MAX],
  abs: [F32_ABS],
  c: f32c,
  load: (off = 0) => [0x2a, 2, ...uleb(off)],
  store: (off = 0) => [0x38, 2, ...uleb(off)],
  bytes: 4,
};

/** Work locals of the generators (all of the lane width's type: `v128` or `f32`). */
export interface MathRegs {
  readonly x: number;
  readonly k: number;
  readonly p: number;
  readonly e: number;
}

/** `e^x` for `x ≤ 0` held in `r.x` (clobbers `r.x`, `r.k`, `r.p`); the result on the stack. */
export function expNonPositive(o: LaneOps, r: MathRegs): Code {
  const pow2k = o.vector
    ? [...get(r.k), ...I32X4_TRUNC_SAT, ...i32(127), ...I32X4_SPLAT, ...I32X4_ADD, ...i32(23), ...I32X4_SHL]
    : [...get(r.k), I32_TRUNC_F32_S, ...i32(127), I32_ADD, ...i32(23), I32_SHL, F32_REINTERPRET_I32];
  const near = o.vector ? simd(0x6a) : [F32_NEAREST];
  const horner = [1.3981999507e-3, 8.3334519073e-3, 4.1665795894e-2, 1.6666665459e-1, 5.0000001201e-1];
  return [
    ...let_(r.x, get(r.x), o.c(-87), o.max),
    ...let_(r.k, get(r.x), o.c(1.44269504088896341), o.mul, near),
    // r = (x − k·C1) − k·C2, ln 2 = C1 + C2 with C1 exact in float32
    ...let_(r.x, get(r.x), get(r.k), o.c(0.693359375), o.mul, o.sub, get(r.k), o.c(-2.12194440e-4), o.mul, o.sub),
    ...let_(r.p, o.c(1.9875691500e-4)),
    ...horner.flatMap((h) => let_(r.p, get(r.p), get(r.x), o.mul, o.c(h), o.add)),
    // (p·r² + r + 1)·2^k
    ...[...get(r.p), ...get(r.x), ...o.mul, ...get(r.x), ...o.mul, ...get(r.x), ...o.add, ...o.c(1), ...o.add],
    ...pow2k,
    ...o.mul,
  ];
}

/** `a` where `cond` holds, else `b` (the three as code that pushes one value each; `cond` a lane mask / an i32). */
function choose(o: LaneOps, a: Code, b: Code, cond: Code): Code {
  return o.vector ? [...a, ...b, ...cond, ...V128_BITSELECT] : [...a, ...b, ...cond, SELECT];
}

/** `σ(z)` of the local `z` (kept); the result on the stack. */
export function logistic(o: LaneOps, z: number, r: MathRegs): Code {
  const ge0 = o.vector ? [...get(z), ...o.c(0), ...simd(0x46)] : [...get(z), ...f32c(0), F32_GE];
  return [
    ...let_(r.x, get(z), o.abs, o.c(-1), o.mul),
    ...let_(r.e, expNonPositive(o, r)),
    // r.x ← 1/(1 + e)
    ...let_(r.x, o.c(1), o.c(1), get(r.e), o.add, o.div),
    ...choose(o, get(r.x), [...get(r.e), ...get(r.x), ...o.mul], ge0),
  ];
}

/** `tanh(z)` of the local `z` (kept); the result on the stack. */
export function tanh(o: LaneOps, z: number, r: MathRegs): Code {
  // Eigen's rational minimax form: x = clamp(z, ±c), tanh ≈ x·P(x²)/Q(x²), P of degree 6 and Q of degree 3 in x²
  const clampAt = 7.90531110763549805;
  const alpha = [-2.76076847742355e-16, 2.00018790482477e-13, -8.60467152213735e-11, 5.12229709037114e-8];
  const alpha2 = [1.48572235717979e-5, 6.37261928875436e-4, 4.89352455891786e-3];
  const beta = [1.19825839466702e-6, 1.18534705686654e-4, 2.268434632439e-3, 4.89352518554385e-3];
  const min = o.vector ? simd(0xe8) : [0x96];
  const horner = (cs: number[], acc: number): Code => [
    ...let_(acc, o.c(cs[0])),
    ...cs.slice(1).flatMap((c) => let_(acc, get(acc), get(r.k), o.mul, o.c(c), o.add)),
  ];
  return [
    ...let_(r.x, get(z), o.c(clampAt), min, o.c(-clampAt), o.max),
    ...let_(r.k, get(r.x), get(r.x), o.mul),
    ...horner([...alpha, ...alpha2], r.p),
    ...horner(beta, r.e),
    ...get(r.x),
    ...get(r.p),
    ...o.mul,
    ...get(r.e),
    ...o.div,
  ];
}

/** The three functions over arrays: `fn(x, y, n)` writes `f(x[i])` to `y[i]` (byte addresses), 4 lanes at a time. */
function arrayKernel(f: (o: LaneOps, z: number, r: MathRegs) => Code): {
  params: number[];
  locals: [number, number][];
  code: Code;
} {
  const X = 0, Y = 1, N = 2, I = 3, VZ = 4, V = { x: 5, k: 6, p: 7, e: 8 }, SZ = 9, S = { x: 10, k: 11, p: 12, e: 13 };
  const at = (base: number) => [...get(base), ...get(I), ...i32(2), I32_SHL, I32_ADD];
  const pass = (o: LaneOps, z: number, r: MathRegs, lanes: number): Code =>
    until(
      o.vector ? [...get(N), ...get(I), 0x6b, ...i32(4), 0x48] : [...get(I), ...get(N), I32_GE_S],
      let_(z, at(X), o.load()),
      [...at(Y), ...f(o, z, r), ...o.store()],
      inc(I, i32(lanes)),
    );
  const code = [...let_(I, i32(0)), ...pass(VECTOR, VZ, V, 4), ...pass(SCALAR, SZ, S, 1)];
  return { params: [I32, I32, I32], locals: [[1, I32], [5, V128], [5, F32]], code };
}

/** `f(x)` for every element of `x`, by one of the generated kernels. */
export type ArrayMath = (x: Float32Array) => Float32Array;

/**
 * The generators as array functions (for tests and error measurements): `exp` takes `x ≤ 0`.
 *
 * @example
 * ```ts
 * const { logistic, tanh } = mathKernels();
 * logistic(Float32Array.of(0))[0]; // 0.5
 * tanh(Float32Array.of(0.5))[0]; // ≈ 0.4621172
 * ```
 */
export function mathKernels(): {
  exp: ArrayMath;
  logistic: ArrayMath;
  tanh: ArrayMath;
  softmax(x: Float32Array, cols: number, scale: number): Float32Array;
} {
  const expK = (o: LaneOps, z: number, r: MathRegs): Code => [...let_(r.x, get(z)), ...expNonPositive(o, r)];
  const module = new WebAssembly.Module(moduleBytes([
    { name: "exp", ...arrayKernel(expK) },
    { name: "logistic", ...arrayKernel(logistic) },
    { name: "tanh", ...arrayKernel(tanh) },
    { name: "softmax", ...softmaxKernel() },
  ]));
  const memory = new WebAssembly.Memory({ initial: 1 });
  const ex = new WebAssembly.Instance(module, { env: { memory } }).exports;
  const wrap = (name: string): ArrayMath => (x) => {
    const bytes = 8 * x.length;
    if (bytes > memory.buffer.byteLength) memory.grow(Math.ceil((bytes - memory.buffer.byteLength) / 65536));
    const f = new Float32Array(memory.buffer);
    f.set(x, 0);
    (ex[name] as (x: number, y: number, n: number) => void)(0, 4 * x.length, x.length);
    return f.slice(x.length, 2 * x.length);
  };
  const softmax = (x: Float32Array, cols: number, scale: number) => {
    if (4 * x.length > memory.buffer.byteLength) {
      memory.grow(Math.ceil((4 * x.length - memory.buffer.byteLength) / 65536));
    }
    const f = new Float32Array(memory.buffer);
    f.set(x, 0);
    (ex.softmax as (x: number, rows: number, cols: number, scale: number) => void)(0, x.length / cols, cols, scale);
    return f.slice(0, x.length);
  };
  return { exp: wrap("exp"), logistic: wrap("logistic"), tanh: wrap("tanh"), softmax };
}

/**
 * `softmax(x, rows, cols, scale)`: in place, each row `x[r·cols … (r + 1)·cols)` (byte address `x`) ←
 * `softmax(scale·row)`: the row maximum subtracted, `e^·` by {@link expNonPositive} four lanes at a time, each entry
 * divided by the row's sum (summed per lane, then `(s0 + s1) + (s2 + s3)` and the scalar tail in order).
 */
export function softmaxKernel(): { params: number[]; locals: [number, number][]; code: Code } {
  const X = 0, ROWS = 1, COLS = 2, SCALE = 3;
  const R = 4, J = 5, XP = 6; // i32
  const MX = 7, SUM = 8, S = { x: 9, k: 10, p: 11, e: 12 }; // f32
  const VMX = 13, VSC = 14, VA = 15, V = { x: 16, k: 17, p: 18, e: 19 }; // v128
  const at = [...get(XP), ...get(J), ...i32(2), I32_SHL, I32_ADD];
  const lanes4 = [...get(COLS), ...get(J), 0x6b, ...i32(4), 0x48];
  const rest = [...get(J), ...get(COLS), I32_GE_S];
  const lane = (v: number, l: number): Code => [...get(v), ...simd(0x1f), l];
  const code = [
    ...let_(VSC, get(SCALE), F32X4_SPLAT),
    ...let_(R, i32(0)),
    ...until(
      [...get(R), ...get(ROWS), I32_GE_S],
      let_(XP, get(X), get(R), get(COLS), [0x6c], i32(2), [I32_SHL, I32_ADD]),
      let_(MX, f32c(-Infinity)),
      let_(J, i32(0)),
      until(rest, let_(MX, get(MX), at, SCALAR.load(), get(SCALE), [F32_MUL, F32_MAX]), inc(J, i32(1))),
      let_(VMX, get(MX), F32X4_SPLAT),
      let_(VA, VECTOR.c(0)),
      let_(J, i32(0)),
      until(
        lanes4,
        let_(V.x, at, VECTOR.load(), get(VSC), VECTOR.mul, get(VMX), VECTOR.sub),
        let_(V.x, expNonPositive(VECTOR, V)),
        [...at, ...get(V.x), ...VECTOR.store()],
        let_(VA, get(VA), get(V.x), VECTOR.add),
        inc(J, i32(4)),
      ),
      let_(SUM, lane(VA, 0), lane(VA, 1), [F32_ADD], lane(VA, 2), lane(VA, 3), [F32_ADD, F32_ADD]),
      until(
        rest,
        let_(S.x, at, SCALAR.load(), get(SCALE), [F32_MUL], get(MX), [F32_SUB]),
        let_(S.x, expNonPositive(SCALAR, S)),
        [...at, ...get(S.x), ...SCALAR.store()],
        let_(SUM, get(SUM), get(S.x), [F32_ADD]),
        inc(J, i32(1)),
      ),
      let_(VA, get(SUM), F32X4_SPLAT),
      let_(J, i32(0)),
      until(lanes4, [...at, ...at, ...VECTOR.load(), ...get(VA), ...VECTOR.div, ...VECTOR.store()], inc(J, i32(4))),
      until(rest, [...at, ...at, ...SCALAR.load(), ...get(SUM), F32_DIV, ...SCALAR.store()], inc(J, i32(1))),
      inc(R, i32(1)),
    ),
  ];
  return { params: [I32, I32, I32, F32], locals: [[3, I32], [6, F32], [7, V128]], code };
}
