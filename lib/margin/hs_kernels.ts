/**
 * WebAssembly kernels behind {@link hsVarEsBatch} (`hs.ts`), assembled here opcode by opcode (as
 * `lib/deepmargin/wasm_kernels.ts` does; no toolchain, no binary blob). Both reproduce the scalar
 * JavaScript they replace bit for bit:
 *
 * - `accumulate(w0, w1, d, I, Sp, b0, b1)`: the losses of two portfolios over every scenario,
 *   `b[s] = −Σ_i w_i·d[i·Sp + s]`, as `f64x2` SIMD across scenarios (two scenarios per lane pair,
 *   eight per pass, both portfolios reusing each load). Each lane does what the scalar loop did —
 *   start at +0, then `b −= w·d` (a multiply and a subtraction, each rounded) for `i = 0, 1, …` — so
 *   the summation order over instruments is unchanged. (The scalar loop skipped `w = 0`; subtracting
 *   `0·d = ±0` from a sum that starts at +0 and can never become −0 leaves it unchanged.) `Sp` must
 *   be a multiple of 8.
 * - `select(a, n, k, L, R)`: `quickselect` of `var_es.ts` (median-of-three Hoare quickselect),
 *   leaving `a[0..n)` in exactly the order the JavaScript leaves it, and returning `a[k]`. Each Hoare
 *   partition is computed without data-dependent branches: one pass lists the indices a left scan
 *   would stop at (`a ≥ pivot`, into `L`) and a right scan would stop at (`a ≤ pivot`, into `R`);
 *   Hoare's swaps are then the pairs `(L[t], R[t])` while `L[t] < R[t]` (see the `select` kernel for
 *   where the scans end). The order matters: ES sums the tail in the order quickselect leaves it.
 *
 * Addresses are byte offsets into the module's memory; `L` and `R` hold `n + 1` int32 each, and `R ≥ 4` (the
 * kernel may read the int32 just before `R`, a value it then discards).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { hsKernels } from "./hs_kernels.ts";
 * const k = hsKernels(1024);
 * new Float64Array(k.memory.buffer).set([5, 1, 4, 2, 3], 0);
 * assert.equal(k.select(0, 5, 2, 64, 128), 3); // the 3rd smallest
 * ```
 * @module
 */

import { type Code, F64, I32, I32_ADD, moduleBytes, simd, uleb, V128 } from "../core/wasm_assembler.ts";
import { get, i32, ifElse, inc, let_, until, when } from "../core/wasm_assembler.ts";

/** The kernels bound to one memory. */
export interface HsKernels {
  /** The module's memory (grown by {@link hsKernels} when a caller needs more). */
  readonly memory: WebAssembly.Memory;
  /** Losses of two portfolios (weights at byte offsets `w0`, `w1`) into `b0`, `b1` (see the module doc). */
  accumulate(w0: number, w1: number, d: number, instruments: number, sp: number, b0: number, b1: number): void;
  /** Quickselect of `n` doubles at byte offset `a`; returns the `k`-th smallest (0-based). */
  select(a: number, n: number, k: number, l: number, r: number): number;
}

// --- the assembler (lib/core/wasm_assembler.ts) and this module's opcodes ---------------------------------------------

const f64 = (v: number): Code => [0x44, ...new Uint8Array(Float64Array.of(v).buffer)];
const I32_EQ = 0x46, I32_LT_S = 0x48, I32_GE_S = 0x4e, I32_LE_S = 0x4c, I32_GT_S = 0x4a;
const F64_GT = 0x64, F64_LE = 0x65, F64_GE = 0x66;
const I32_SUB = 0x6b, I32_SHL = 0x74, I32_SHR_U = 0x76, SELECT = 0x1b;
const i32Load = (off = 0): Code => [0x28, 2, ...uleb(off)];
const i32Store = (off = 0): Code => [0x36, 2, ...uleb(off)];
const f64Load = (off = 0): Code => [0x2b, 3, ...uleb(off)];
const f64Store = (off = 0): Code => [0x39, 3, ...uleb(off)];
const v128Load = (off = 0): Code => [...simd(0x00), 4, ...uleb(off)];
const v128Store = (off = 0): Code => [...simd(0x0b), 4, ...uleb(off)];
const F64X2_SPLAT = simd(0x14), F64X2_SUB = simd(0xf1), F64X2_MUL = simd(0xf2);

/** byte address `base + idx·2^shift` (locals) */
const at = (base: number, idx: Code, shift: number): Code => [...get(base), ...idx, ...i32(shift), I32_SHL, I32_ADD];

/** A kernel: parameter types, result types, local declarations (count, type) and its code. */
interface Kernel {
  params: number[];
  results: number[];
  locals: [number, number][];
  code: Code;
}

// --- kernels -------------------------------------------------------------------------------------------------------

/** accumulate(w0, w1, d, I, Sp, b0, b1) */
function accumulate(): Kernel {
  const W0 = 0, W1 = 1, D = 2, NI = 3, SP = 4, B0 = 5, B1 = 6;
  const S = 7, I = 8, DP = 9, WP0 = 10, WP1 = 11, ROW = 12; // i32
  const A = [13, 14, 15, 16], C = [17, 18, 19, 20], WV0 = 21, WV1 = 22, DV = 23; // v128
  const ks = [0, 1, 2, 3];
  const code = [
    ...let_(ROW, get(SP), i32(3), [I32_SHL]),
    ...let_(S, i32(0)),
    ...until(
      [...get(S), ...get(ROW), I32_GE_S],
      ...[...A, ...C].map((v) => let_(v, f64(0), F64X2_SPLAT)),
      let_(DP, get(D), get(S), [I32_ADD]),
      let_(WP0, get(W0)),
      let_(WP1, get(W1)),
      let_(I, i32(0)),
      until(
        [...get(I), ...get(NI), I32_GE_S],
        let_(WV0, get(WP0), f64Load(), F64X2_SPLAT),
        let_(WV1, get(WP1), f64Load(), F64X2_SPLAT),
        ...ks.flatMap((k) => [
          let_(DV, get(DP), v128Load(16 * k)),
          let_(A[k], get(A[k]), get(WV0), get(DV), F64X2_MUL, F64X2_SUB),
          let_(C[k], get(C[k]), get(WV1), get(DV), F64X2_MUL, F64X2_SUB),
        ]),
        inc(DP, get(ROW)),
        inc(WP0, i32(8)),
        inc(WP1, i32(8)),
        inc(I, i32(1)),
      ),
      ...ks.map((k) => [...get(B0), ...get(S), I32_ADD, ...get(A[k]), ...v128Store(16 * k)]),
      ...ks.map((k) => [...get(B1), ...get(S), I32_ADD, ...get(C[k]), ...v128Store(16 * k)]),
      inc(S, i32(64)),
    ),
  ];
  return { params: Array(7).fill(I32), results: [], locals: [[6, I32], [11, V128]], code };
}

/**
 * select(a, n, k, L, R) → a[k] after the quickselect of `var_es.ts`. One partition of `a[lo..hi]`
 * around `pivot`, with `L` the ascending indices `≥ pivot` and `R` the descending indices `≤ pivot`
 * (as listed from the array after the median-of-three writes): Hoare's scans stop at `L[t]` and
 * `R[t]` and swap them while `L[t] < R[t]`; after the last swap (`T` of them) the left scan stops
 * at `min(L[T], R[T−1])` and the right one at `max(R[T], L[T−1])` (positions `R[T−1]`/`L[T−1]` hold
 * swapped values that stop them), except that a swap of `L[T] = R[T]` with itself, or a last swap of
 * neighbours, ends the loop with `i = L + 1`, `j = R − 1`.
 */
function select(): Kernel {
  const A = 0, N = 1, K = 2, L = 3, R = 4;
  const LO = 5, HI = 6, MID = 7, NL = 8, NR = 9, Q = 10, T = 11, TOP = 12, M = 13, LI = 14, RJ = 15, II = 16, JJ = 17; // i32
  const X = 18, Y = 19, Z = 20, V = 21, TMP = 22; // f64
  const fAt = (idx: Code): Code => at(A, idx, 3);
  const ld = (idx: Code): Code => [...fAt(idx), ...f64Load()];
  const lAt = (idx: Code): Code => [...at(L, idx, 2), ...i32Load()];
  const rAt = (idx: Code): Code => [...at(R, idx, 2), ...i32Load()];
  const rDesc = (t: Code): Code => rAt([...get(TOP), ...t, I32_SUB]); // R[top − t]
  const swapIdx = (p: number, q: number): Code => [
    ...let_(TMP, ld(get(p))),
    ...fAt(get(p)),
    ...ld(get(q)),
    ...f64Store(),
    ...fAt(get(q)),
    ...get(TMP),
    ...f64Store(),
  ];
  const swapF = (a: number, b: number): Code => [...let_(TMP, get(a)), ...let_(a, get(b)), ...let_(b, get(TMP))];
  const tm1 = [...get(T), ...i32(1), I32_SUB];
  const partition: Code[] = [
    let_(NL, i32(0)),
    let_(NR, i32(0)),
    let_(Q, get(LO)),
    until(
      [...get(Q), ...get(HI), I32_GT_S],
      let_(V, ld(get(Q))),
      [...at(L, get(NL), 2), ...get(Q), ...i32Store()],
      inc(NL, get(V), get(Y), [F64_GE]),
      [...at(R, get(NR), 2), ...get(Q), ...i32Store()],
      inc(NR, get(V), get(Y), [F64_LE]),
      inc(Q, i32(1)),
    ),
    // m = min(nl, nr), top = nr − 1
    let_(M, get(NL), get(NR), get(NL), get(NR), [I32_LT_S, SELECT]),
    let_(TOP, get(NR), i32(1), [I32_SUB]),
    let_(T, i32(0)),
    until(
      [...get(T), ...get(M), I32_GE_S],
      let_(LI, lAt(get(T))),
      let_(RJ, rDesc(get(T))),
      [...get(LI), ...get(RJ), I32_GE_S, 0x0d, 1],
      swapIdx(LI, RJ),
      inc(T, i32(1)),
    ),
    // where the scans end
    ifElse(
      [...get(T), ...get(M), I32_LT_S, 0x04, I32, ...lAt(get(T)), ...rDesc(get(T)), I32_EQ, 0x05, ...i32(0), 0x0b],
      [let_(II, lAt(get(T)), i32(1), [I32_ADD]), let_(JJ, lAt(get(T)), i32(1), [I32_SUB])],
      [ifElse(
        [
          ...get(T),
          ...i32(0),
          I32_GT_S,
          0x04,
          I32,
          ...rDesc(tm1),
          ...lAt(tm1),
          I32_SUB,
          ...i32(1),
          I32_EQ,
          0x05,
          ...i32(0),
          0x0b,
        ],
        [let_(II, lAt(tm1), i32(1), [I32_ADD]), let_(JJ, rDesc(tm1), i32(1), [I32_SUB])],
        [
          // i = t < nl ? L[t] : hi + 1; j = t < nr ? R[top − t] : lo − 1 (L, R hold n + 1 slots, so the reads are safe)
          let_(II, lAt(get(T)), get(HI), i32(1), [I32_ADD], get(T), get(NL), [I32_LT_S, SELECT]),
          let_(JJ, rDesc(get(T)), get(LO), i32(1), [I32_SUB], get(T), get(NR), [I32_LT_S, SELECT]),
          when(
            [...get(T), ...i32(0), I32_GT_S],
            let_(LI, rDesc(tm1)), // R[T−1]
            let_(RJ, lAt(tm1)), // L[T−1]
            let_(II, get(II), get(LI), get(II), get(LI), [I32_LT_S, SELECT]),
            let_(JJ, get(JJ), get(RJ), get(JJ), get(RJ), [I32_GT_S, SELECT]),
          ),
        ],
      )],
    ),
  ];
  const code = [
    ...let_(LO, i32(0)),
    ...let_(HI, get(N), i32(1), [I32_SUB]),
    ...[0x02, 0x40, 0x03, 0x40], // block { loop {
    ...[...get(HI), ...get(LO), I32_LE_S, 0x0d, 1],
    ...when(
      [...get(HI), ...get(LO), ...i32(1), I32_ADD, I32_EQ],
      let_(X, ld(get(LO))),
      let_(Y, ld(get(HI))),
      when([...get(X), ...get(Y), F64_GT], [...fAt(get(LO)), ...get(Y), ...f64Store()], [
        ...fAt(get(HI)),
        ...get(X),
        ...f64Store(),
      ]),
      [0x0c, 2], // break out of the loop's block
    ),
    ...let_(MID, get(LO), get(HI), [I32_ADD], i32(1), [I32_SHR_U]),
    ...let_(X, ld(get(LO))),
    ...let_(Y, ld(get(MID))),
    ...let_(Z, ld(get(HI))),
    ...when([...get(X), ...get(Y), F64_GT], swapF(X, Y)),
    ...when([...get(Y), ...get(Z), F64_GT], swapF(Y, Z)),
    ...when([...get(X), ...get(Y), F64_GT], swapF(X, Y)),
    ...[...fAt(get(LO)), ...get(X), ...f64Store()],
    ...[...fAt(get(MID)), ...get(Y), ...f64Store()],
    ...[...fAt(get(HI)), ...get(Z), ...f64Store()],
    ...partition.flat(),
    ...ifElse([...get(K), ...get(JJ), I32_LE_S], [let_(HI, get(JJ))], [
      ifElse([...get(K), ...get(II), I32_GE_S], [let_(LO, get(II))], [[0x0c, 3]]),
    ]),
    ...[0x0c, 0, 0x0b, 0x0b], // continue } }
    ...ld(get(K)),
  ];
  return { params: Array(5).fill(I32), results: [F64], locals: [[13, I32], [5, F64]], code };
}

const KERNELS = { accumulate, select } as const;

let compiled: WebAssembly.Module | undefined;
let shared: HsKernels | undefined;

/**
 * The process's one instance of the kernels, its memory grown to at least `bytes` bytes (the memory is
 * reused between calls: callers must not keep views across a call that may grow it).
 *
 * @throws {RangeError} when `bytes` is not a positive integer
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * const k = hsKernels(1 << 16);
 * assert.ok(k.memory.buffer.byteLength >= 1 << 16);
 * ```
 */
export function hsKernels(bytes: number): HsKernels {
  if (!Number.isInteger(bytes) || bytes < 1) {
    throw new RangeError(`hsKernels: bytes must be a positive integer, got ${bytes}`);
  }
  if (shared === undefined) {
    compiled ??= new WebAssembly.Module(moduleBytes(Object.entries(KERNELS).map(([name, f]) => ({ name, ...f() }))));
    const memory = new WebAssembly.Memory({ initial: Math.ceil(bytes / 65536) });
    const ex = new WebAssembly.Instance(compiled, { env: { memory } }).exports as unknown as Omit<HsKernels, "memory">;
    shared = { memory, accumulate: ex.accumulate, select: ex.select };
  }
  const have = shared.memory.buffer.byteLength;
  if (have < bytes) shared.memory.grow(Math.ceil((bytes - have) / 65536));
  return shared;
}
