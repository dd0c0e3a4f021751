/**
 * A whole LSTM sequence (forward and backpropagation through time) in one WebAssembly memory: the matrix products
 * on the SIMD GEMM of `wasm_gemm.ts` (instantiated over this memory, so nothing is copied per step), the cell's
 * element-wise arithmetic in two `f32x4` kernels assembled here (`lstmStep`, `lstmStepBack`) with the exp,
 * logistic and tanh of `wasm_math.ts` (their error bounds against `Math.*` are documented there), four lanes over
 * the units (a scalar tail when `units` is not a multiple of 4).
 *
 * Layout: time-major. The inputs are copied in as rows `t·b + i`, so that step `t`'s pre-activations `x_t·W + b`,
 * states and gate gradients are contiguous `[b, ·]` blocks; `h` and `c` keep `L + 1` blocks (block 0 is `h_0 = c_0
 * = 0`), so the blocks `0 … L − 1` of `h` are the `[L·b, u]` matrix of previous states that `∂U = H_prevᵀ·∂Z`
 * needs. Float32 arithmetic throughout, in a fixed order: results are deterministic.
 *
 * Cell (gate order i, f, g, o): `z_t = x_t·W + b + h_{t−1}·U`, `c_t = σ(z_f)⊙c_{t−1} + σ(z_i)⊙tanh(z_g)`,
 * `h_t = σ(z_o)⊙tanh(c_t)`.
 * @module
 */
import { type Code, F32, I32, I32_ADD, moduleBytes, V128 } from "../core/wasm_assembler.ts";
import { get, i32, inc, let_, until } from "../core/wasm_assembler.ts";
import { GEMM_A_T, GEMM_BIAS, type GemmFn, gemmModule } from "./wasm_gemm.ts";
import { type LaneOps, logistic, type MathRegs, SCALAR, tanh, VECTOR } from "./wasm_math.ts";

const I32_SUB = 0x6b, I32_MUL = 0x6c, I32_SHL = 0x74, I32_LT_S = 0x48, I32_GE_S = 0x4e;

/** Locals of one lane width in the step kernels. */
interface Lane {
  o: LaneOps;
  r: MathRegs;
  /** named value locals */
  v: Record<string, number>;
}

/** A row loop over `ROWS` and, per row, the units `j` four at a time then one at a time. */
function rowsByUnits(
  p: { ROWS: number; UNITS: number; I: number; J: number; UB: number; GB: number; RB: number; RS: number },
  body: (lane: Lane, lanes: number) => Code,
  lanes: { vector: Lane; scalar: Lane },
): Code {
  const { ROWS, UNITS, I, J, UB, GB, RB, RS } = p;
  return [
    ...let_(UB, get(UNITS), i32(2), [I32_SHL]),
    ...let_(GB, get(UB), i32(2), [I32_SHL]),
    ...let_(I, i32(0)),
    ...until(
      [...get(I), ...get(ROWS), I32_GE_S],
      // RB: byte offset of row i in a [rows, 4u] block; RS: in a [rows, u] block
      let_(RB, get(I), get(GB), [I32_MUL]),
      let_(RS, get(I), get(UB), [I32_MUL]),
      let_(J, i32(0)),
      until([...get(UNITS), ...get(J), I32_SUB, ...i32(4), I32_LT_S], body(lanes.vector, 4), inc(J, i32(4))),
      until([...get(J), ...get(UNITS), I32_GE_S], body(lanes.scalar, 1), inc(J, i32(1))),
      inc(I, i32(1)),
    ),
  ];
}

/** Byte address `base + rowOffset + 4·j (+ k·4u)` on the stack. */
const at = (base: number, row: number, J: number, UB?: number, k = 0): Code => [
  ...get(base),
  ...get(row),
  I32_ADD,
  ...get(J),
  ...i32(2),
  I32_SHL,
  I32_ADD,
  ...(k > 0 && UB !== undefined ? [...get(UB), ...i32(k), I32_MUL, I32_ADD] : []),
];

/** The locals both kernels use after their parameters (`first` = index of the first free local). */
function laneLocals(first: number, names: string[]): { vector: Lane; scalar: Lane; decl: [number, number][] } {
  const count = 4 + names.length;
  const make = (o: LaneOps, base: number): Lane => ({
    o,
    r: { x: base, k: base + 1, p: base + 2, e: base + 3 },
    v: Object.fromEntries(names.map((n, i) => [n, base + 4 + i])),
  });
  return {
    vector: make(VECTOR, first),
    scalar: make(SCALAR, first + count),
    decl: [[count, V128], [count, F32]],
  };
}

/**
 * lstmStep(xw, r, cPrev, gates, c, tc, h, rows, units): one time step over `rows` rows; `xw`, `r`, `gates`
 * `[rows, 4u]`, the rest `[rows, u]` (byte addresses).
 */
function stepKernel(): { params: number[]; locals: [number, number][]; code: Code } {
  const XW = 0, R = 1, CP = 2, GATES = 3, C = 4, TC = 5, H = 6, ROWS = 7, UNITS = 8;
  const I = 9, J = 10, UB = 11, GB = 12, RB = 13, RS = 14;
  const lanes = laneLocals(15, ["z", "ig", "fg", "gg", "og", "ct"]);
  const body = ({ o, r, v }: Lane): Code => {
    const z = (
      k: number,
    ): Code => [...at(XW, RB, J, UB, k), ...o.load(), ...at(R, RB, J, UB, k), ...o.load(), ...o.add];
    const gate = (k: number, name: string, f: typeof logistic): Code => [
      ...let_(v.z, z(k)),
      ...let_(v[name], f(o, v.z, r)),
      ...at(GATES, RB, J, UB, k),
      ...get(v[name]),
      ...o.store(),
    ];
    return [
      ...gate(0, "ig", logistic),
      ...gate(1, "fg", logistic),
      ...gate(2, "gg", tanh),
      ...gate(3, "og", logistic),
      // c = f·c_prev + i·g
      ...let_(v.ct, get(v.fg), at(CP, RS, J), o.load(), o.mul, get(v.ig), get(v.gg), o.mul, o.add),
      ...[...at(C, RS, J), ...get(v.ct), ...o.store()],
      ...let_(v.z, tanh(o, v.ct, r)),
      ...[...at(TC, RS, J), ...get(v.z), ...o.store()],
      ...[...at(H, RS, J), ...get(v.og), ...get(v.z), ...o.mul, ...o.store()],
    ];
  };
  return {
    params: Array(9).fill(I32),
    locals: [[6, I32], ...lanes.decl],
    code: rowsByUnits({ ROWS, UNITS, I, J, UB, GB, RB, RS }, body, lanes),
  };
}

/**
 * lstmStepBack(gates, tc, cPrev, dh, dc, dz, rows, units): the gate gradients `dz [rows, 4u]` of one step from
 * `∂h_t` (`dh`) and the running `∂c` (`dc`, updated to `∂c_{t−1}`).
 */
function stepBackKernel(): { params: number[]; locals: [number, number][]; code: Code } {
  const GATES = 0, TC = 1, CP = 2, DH = 3, DC = 4, DZ = 5, ROWS = 6, UNITS = 7;
  const I = 8, J = 9, UB = 10, GB = 11, RB = 12, RS = 13;
  const lanes = laneLocals(14, ["ig", "fg", "gg", "og", "tc", "dh", "dct"]);
  const body = ({ o, v }: Lane): Code => {
    const one = o.c(1);
    const store = (k: number, value: Code): Code => [...at(DZ, RB, J, UB, k), ...value, ...o.store()];
    return [
      ...["ig", "fg", "gg", "og"].flatMap((n, k) => let_(v[n], at(GATES, RB, J, UB, k), o.load())),
      ...let_(v.tc, at(TC, RS, J), o.load()),
      ...let_(v.dh, at(DH, RS, J), o.load()),
      // ∂c_t = ∂c + ∂h·o·(1 − tanh²c)
      ...let_(v.dct, at(DC, RS, J), o.load(), get(v.dh), get(v.og), o.mul, one, get(v.tc), get(v.tc), o.mul, o.sub, [
        ...o.mul,
        ...o.add,
      ]),
      ...[...at(DC, RS, J), ...get(v.dct), ...get(v.fg), ...o.mul, ...o.store()],
      ...store(0, [
        ...get(v.dct),
        ...get(v.gg),
        ...o.mul,
        ...get(v.ig),
        ...o.mul,
        ...one,
        ...get(v.ig),
        ...o.sub,
        ...o.mul,
      ]),
      ...store(1, [
        ...get(v.dct),
        ...at(CP, RS, J),
        ...o.load(),
        ...o.mul,
        ...get(v.fg),
        ...o.mul,
        ...one,
        ...get(v.fg),
        ...o.sub,
        ...o.mul,
      ]),
      ...store(2, [
        ...get(v.dct),
        ...get(v.ig),
        ...o.mul,
        ...one,
        ...get(v.gg),
        ...get(v.gg),
        ...o.mul,
        ...o.sub,
        ...o.mul,
      ]),
      ...store(3, [
        ...get(v.dh),
        ...get(v.tc),
        ...o.mul,
        ...get(v.og),
        ...o.mul,
        ...one,
        ...get(v.og),
        ...o.sub,
        ...o.mul,
      ]),
    ];
  };
  return {
    params: Array(8).fill(I32),
    locals: [[6, I32], ...lanes.decl],
    code: rowsByUnits({ ROWS, UNITS, I, J, UB, GB, RB, RS }, body, lanes),
  };
}

let compiled: WebAssembly.Module | undefined;

/** The compiled step kernels (once per process). */
function stepModule(): WebAssembly.Module {
  return compiled ??= new WebAssembly.Module(
    moduleBytes([{ name: "lstmStep", ...stepKernel() }, { name: "lstmStepBack", ...stepBackKernel() }]),
  );
}

type StepFn = (...addresses: number[]) => void;

/** Shapes of one LSTM pass: batch `b`, length `L`, input width `d`, `units`. */
export interface LstmShape {
  readonly b: number;
  readonly L: number;
  readonly d: number;
  readonly units: number;
}

/** Gradients of one backward pass (fresh arrays, or the `out` arrays given). */
export interface LstmGrads {
  dx?: Float32Array;
  dw: Float32Array;
  du: Float32Array;
  db: Float32Array;
}

/** Float offsets of the regions of one pass. */
function layout(s: LstmShape) {
  const { b, L, d, units: u } = s, G = 4 * u, n = b * L;
  const sizes = {
    x: n * d,
    w: d * G,
    u: u * G,
    uT: G * u,
    wT: G * d,
    bias: G,
    zero: b * G,
    ones: n,
    xw: n * G,
    r: b * G,
    gates: n * G,
    c: (L + 1) * b * u,
    tc: n * u,
    h: (L + 1) * b * u,
    dz: n * G,
    dh: b * u,
    dc: b * u,
    dx: n * d,
    dw: d * G,
    du: u * G,
    db: G,
  };
  const off = {} as Record<keyof typeof sizes, number>;
  let end = 0;
  for (const [k, v] of Object.entries(sizes)) {
    off[k as keyof typeof sizes] = end;
    end += v + 3 & ~3; // 16-byte aligned regions
  }
  return { off, end };
}

/**
 * The LSTM sequence kernels over one memory. {@link forward} keeps the pass in memory; {@link backward} (with the
 * same instance, before the next forward) differentiates it.
 *
 * @example
 * ```ts
 * const k = new LstmWasm();
 * const shape = { b: 1, L: 2, d: 1, units: 1 };
 * const hL = k.forward(Float32Array.of(1, 1), shape, Float32Array.of(1, 1, 1, 1), new Float32Array(4), new Float32Array(4));
 * const { dw } = k.backward(Float32Array.of(1), true);
 * ```
 */
export class LstmWasm {
  private readonly memory = new WebAssembly.Memory({ initial: 1 });
  private readonly gemm: GemmFn;
  private readonly step: StepFn;
  private readonly stepBack: StepFn;
  private f32: Float32Array;
  private pass: { shape: LstmShape; off: ReturnType<typeof layout>["off"] } | undefined;

  constructor() {
    const env = { env: { memory: this.memory } };
    this.gemm = new WebAssembly.Instance(gemmModule(), env).exports.gemm as GemmFn;
    const ex = new WebAssembly.Instance(stepModule(), env).exports;
    this.step = ex.lstmStep as StepFn;
    this.stepBack = ex.lstmStepBack as StepFn;
    this.f32 = new Float32Array(this.memory.buffer);
  }

  /**
   * The last hidden state `h_L: [b, u]` for `x: [b, L, d]` (row-major, batch-major) with `w: [d, 4u]`,
   * `u: [u, 4u]`, `bias: [4u]`; written to `out` when given.
   *
   * @throws {RangeError} when an array's length does not fit the shape
   */
  forward(
    x: Float32Array,
    shape: LstmShape,
    w: Float32Array,
    u: Float32Array,
    bias: Float32Array,
    out: Float32Array = new Float32Array(shape.b * shape.units),
  ): Float32Array {
    const { b, L, d, units } = shape, G = 4 * units, n = b * L, bu = b * units;
    if (x.length !== n * d || w.length !== d * G || u.length !== units * G || bias.length !== G) {
      throw new RangeError(
        `LstmWasm.forward: x [${x.length}], w [${w.length}], u [${u.length}], bias [${bias.length}] do not fit ` +
          `b = ${b}, L = ${L}, d = ${d}, units = ${units}`,
      );
    }
    const { off, end } = layout(shape);
    this.reserve(end);
    const f = this.f32;
    // x to time-major rows t·b + i
    for (let t = 0; t < L; t++) {
      for (let i = 0; i < b; i++) {
        const src = (i * L + t) * d, dst = off.x + (t * b + i) * d;
        for (let e = 0; e < d; e++) f[dst + e] = x[src + e];
      }
    }
    f.set(w, off.w);
    f.set(u, off.u);
    f.set(bias, off.bias);
    f.fill(0, off.zero, off.zero + b * G);
    f.fill(0, off.c, off.c + bu);
    f.fill(0, off.h, off.h + bu);
    const B = (o: number) => 4 * o;
    this.gemm(B(off.x), B(off.w), B(off.bias), B(off.xw), n, d, G, GEMM_BIAS, d, G, G);
    for (let t = 0; t < L; t++) {
      const hPrev = off.h + t * bu;
      if (t > 0) this.gemm(B(hPrev), B(off.u), 0, B(off.r), b, units, G, 0, units, G, G);
      this.step(
        B(off.xw + t * b * G),
        B(t > 0 ? off.r : off.zero),
        B(off.c + t * bu),
        B(off.gates + t * b * G),
        B(off.c + (t + 1) * bu),
        B(off.tc + t * bu),
        B(off.h + (t + 1) * bu),
        b,
        units,
      );
    }
    this.pass = { shape, off };
    out.set(f.subarray(off.h + L * bu, off.h + (L + 1) * bu));
    return out;
  }

  /**
   * Gradients of `W`, `U`, `b` (and of `x`, batch-major, when `withInput`) of the last {@link forward} given
   * `∂h_L` (`dy: [b, u]`); written to the `out` arrays when given.
   *
   * @throws {TypeError} when no forward pass is kept
   */
  backward(dy: Float32Array, withInput: boolean, out?: LstmGrads): LstmGrads {
    if (this.pass === undefined) throw new TypeError("LstmWasm.backward: no forward pass");
    const { shape, off } = this.pass;
    const { b, L, d, units } = shape, G = 4 * units, n = b * L, bu = b * units;
    const f = this.f32, B = (o: number) => 4 * o;
    f.set(dy, off.dh);
    f.fill(0, off.dc, off.dc + bu);
    transposeIn(f, off.u, units, G, off.uT);
    for (let t = L - 1; t >= 0; t--) {
      const dz = off.dz + t * b * G;
      this.stepBack(
        B(off.gates + t * b * G),
        B(off.tc + t * bu),
        B(off.c + t * bu),
        B(off.dh),
        B(off.dc),
        B(dz),
        b,
        units,
      );
      if (t > 0) this.gemm(B(dz), B(off.uT), 0, B(off.dh), b, G, units, 0, G, units, units);
    }
    // ∂b = 1ᵀ·∂Z, ∂W = Xᵀ·∂Z, ∂U = H_prevᵀ·∂Z (rows in time-major order; X and H_prev read transposed in place)
    f.fill(1, off.ones, off.ones + n);
    this.gemm(B(off.ones), B(off.dz), 0, B(off.db), 1, n, G, 0, n, G, G);
    this.gemm(B(off.x), B(off.dz), 0, B(off.dw), d, n, G, GEMM_A_T, d, G, G);
    this.gemm(B(off.h), B(off.dz), 0, B(off.du), units, n, G, GEMM_A_T, units, G, G);
    const copy = (o: number, len: number, dst?: Float32Array) => {
      const a = dst ?? new Float32Array(len);
      a.set(f.subarray(o, o + len));
      return a;
    };
    const g: LstmGrads = {
      dw: copy(off.dw, d * G, out?.dw),
      du: copy(off.du, units * G, out?.du),
      db: copy(off.db, G, out?.db),
    };
    if (withInput) {
      transposeIn(f, off.w, d, G, off.wT);
      this.gemm(B(off.dz), B(off.wT), 0, B(off.dx), n, G, d, 0, G, d, d);
      const dx = out?.dx ?? new Float32Array(n * d);
      for (let t = 0; t < L; t++) {
        for (let i = 0; i < b; i++) {
          const src = off.dx + (t * b + i) * d;
          dx.set(f.subarray(src, src + d), (i * L + t) * d);
        }
      }
      g.dx = dx;
    }
    return g;
  }

  private reserve(floats: number): void {
    const bytes = 4 * floats;
    if (bytes > this.memory.buffer.byteLength) {
      this.memory.grow(Math.ceil((bytes - this.memory.buffer.byteLength) / 65536));
      this.f32 = new Float32Array(this.memory.buffer);
    }
  }
}

/** `f[to …] = f[from …]ᵀ` for a `[rows, cols]` region. */
function transposeIn(f: Float32Array, from: number, rows: number, cols: number, to: number): void {
  for (let i = 0; i < rows; i++) {
    const src = from + i * cols;
    for (let j = 0; j < cols; j++) f[to + j * rows + i] = f[src + j];
  }
}
