/**
 * American options on futures priced on the CRR binomial tree of `american.ts` for many futures prices at once —
 * each price **bitwise equal** to `binomialUnchecked(isCall, F[k], K, T, sigma, r, true, steps)` — for the engines
 * that revalue one instrument in thousands of scenarios with the same volatility (the SPAN 2-like cache: 2,520 FHS
 * plus 250 stressed-window moves per instrument; the SPAN-like risk arrays; the tokenizer's risk moves).
 *
 * Every tree performs exactly the scalar tree's floating-point operations in the same order (IEEE-754 double
 * arithmetic has one answer per operation, in JavaScript and in WebAssembly alike); what changes is only how they
 * are scheduled:
 * - the tree constants (`u`, `d`, `p`, `q`, the discount) and the row starts `dⁱ` (`Math.pow(d, i)`, the same calls
 *   the scalar tree makes per row) are computed once per call, not once per tree;
 * - the backward induction runs in a small WebAssembly module assembled here (`lib/core/wasm_assembler.ts`), four
 *   trees side by side in two `f64x2` vectors: `cont = disc·(p·v[j+1] + q·v[j])`, `ex = F·dⁱ·u²ʲ − K` (call) or
 *   `K − F·dⁱ·u²ʲ` (put), node value `ex > cont ? ex : cont` (`f64x2.pmax(cont, ex)`), terminal values
 *   `max(ex, 0)` (`f64x2.max`, as `Math.max`); the node price advances by `× u²` along a row as in the scalar tree.
 *
 * About 10–15× faster than one scalar tree after another on thousands of prices, 6–7× on a handful (50 steps;
 * `binomial_batch_bench.ts`).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { binomialAmericanBatch } from "./binomial_batch.ts";
 * import { binomialUnchecked } from "./american.ts";
 * const F = Float64Array.of(60, 65, 70, 75, 80);
 * const out = binomialAmericanBatch(false, F, 72.5, 0.25, 0.4, 0.03, 50);
 * F.forEach((f, k) => assert.ok(Object.is(out[k], binomialUnchecked(false, f, 72.5, 0.25, 0.4, 0.03, true, 50))));
 * ```
 * @module
 */
import { binomialUnchecked } from "./american.ts";
import { type Code, F64, I32, I32_ADD, moduleBytes, simd, uleb, V128 } from "../core/wasm_assembler.ts";
import { get, i32, inc, let_, until, when } from "../core/wasm_assembler.ts";

// --- the kernel ------------------------------------------------------------------------------------------------------

const I32_SUB = 0x6b, I32_SHL = 0x74, I32_GE_S = 0x4e, I32_GT_S = 0x4a, I32_LT_S = 0x48;
const I32_EQZ = 0x45, I32_AND = 0x71, I32_OR = 0x72;
const v128Load = (off = 0): Code => [...simd(0x00), 0, ...uleb(off)];
const v128Store = (off = 0): Code => [...simd(0x0b), 0, ...uleb(off)];
const LOAD64_SPLAT: Code = [...simd(0x0a), 0, 0];
const F64X2_SPLAT = simd(0x14), F64X2_ADD = simd(0xf0), F64X2_SUB = simd(0xf1), F64X2_MUL = simd(0xf2);
const F64X2_MAX = simd(0xf5), F64X2_PMAX = simd(0xf7), F64X2_GT = simd(0x4a), V128_OR = simd(0x50);
const V128_ANY_TRUE = simd(0x53);
const f64 = (v: number): Code => [0x44, ...new Uint8Array(Float64Array.of(v).buffer)];

/** Trees per pass of the kernel (two `f64x2` vectors). */
const LANES = 4;

/**
 * `tree(groups, steps, fP, outP, pwP, vP, K, disc, p, q, u2, skip)`: for each group `g < groups` of four futures
 * prices at byte `fP + 32g`, the American tree values at byte `outP + 32g`; `pwP`: `dⁱ`, `i = 0..steps`; `vP`: node
 * values, `4·(steps + 1)` doubles (interleaved: node `j` of tree `l` at `vP + 32j + 8l`).
 *
 * Puts with `skip` = 1 (the caller checks `p, q ≥ 0` and a finite `disc ≥ 0`) leave out the nodes whose value is
 * known to be `+0` without changing any value: node prices grow along a row (`× u²`, `u² > 1`), so a put's exercise
 * value `K − F·dⁱ·u²ʲ` only falls along it. `Z` tracks the first node from which every tree of the group holds `+0`
 * in the row below; there `cont = disc·(p·(+0) + q·(+0)) = +0` exactly, so a node's value is its exercise value if
 * that is positive, else `+0` — and once no tree's exercise value is positive, the rest of the row is `+0`, which is
 * what its slots already hold.
 */
function treeKernel(isCall: boolean): { params: number[]; locals: [number, number][]; code: Code } {
  const GROUPS = 0, STEPS = 1, FP = 2, OUTP = 3, PWP = 4, VP = 5, K = 6, DISC = 7, P = 8, Q = 9, U2 = 10, SKIP = 11;
  const G = 12, I = 13, J = 14, A = 15, FA = 16, Z = 17; // i32 locals
  const KV = 18, DV = 19, PV = 20, QV = 21, U2V = 22, ZERO = 23, F0 = 24, F1 = 25, X0 = 26, X1 = 27; // v128
  const A0 = 28, B0 = 29, A1 = 30, B1 = 31;
  const splat = (l: number): Code => [...get(l), ...F64X2_SPLAT];
  /** `x − K` (call) or `K − x` (put) of a v128 local */
  const exercise = (x: number): Code =>
    isCall ? [...get(x), ...get(KV), ...F64X2_SUB] : [
      ...get(KV),
      ...get(x),
      ...F64X2_SUB,
    ];
  /** 1 when no tree of the group has a positive exercise value at the current node prices */
  const noneExercises: Code = [
    ...[...exercise(X0), ...get(ZERO), ...F64X2_GT, ...exercise(X1), ...get(ZERO), ...F64X2_GT, ...V128_OR],
    ...V128_ANY_TRUE,
    I32_EQZ,
  ];
  /** `x ← x·u²` */
  const advance = (x: number): Code => let_(x, get(x), get(U2V), F64X2_MUL);
  /** `disc·(p·next + q·cur)` */
  const cont = (next: number, cur: number): Code => [
    ...get(DV),
    ...[...get(PV), ...get(next), ...F64X2_MUL, ...get(QV), ...get(cur), ...F64X2_MUL, ...F64X2_ADD],
    ...F64X2_MUL,
  ];
  /** `x_l ← F_l·pw[row]` for both vectors */
  const rowStart = (row: Code): Code => [
    ...let_(X0, [...get(PWP), ...row, ...i32(3), I32_SHL, I32_ADD], LOAD64_SPLAT),
    ...let_(X1, get(X0), get(F1), F64X2_MUL),
    ...let_(X0, get(X0), get(F0), F64X2_MUL),
  ];
  const skipping = !isCall;
  const code: Code = [
    ...let_(KV, splat(K)),
    ...let_(DV, splat(DISC)),
    ...let_(PV, splat(P)),
    ...let_(QV, splat(Q)),
    ...let_(U2V, splat(U2)),
    ...let_(ZERO, f64(0), F64X2_SPLAT),
    ...until(
      [...get(G), ...get(GROUPS), I32_GE_S],
      let_(FA, get(FP), get(G), i32(5), [I32_SHL, I32_ADD]),
      let_(F0, get(FA), v128Load(0)),
      let_(F1, get(FA), v128Load(16)),
      // terminal nodes: max(exercise, 0), F·d^steps·u^(2j); Z = the first node with no positive exercise value
      rowStart(get(STEPS)),
      let_(J, i32(0)),
      let_(A, get(VP)),
      let_(Z, get(STEPS), i32(1), [I32_ADD]),
      until(
        [...get(J), ...get(STEPS), I32_GT_S],
        skipping
          ? when([...get(SKIP), ...noneExercises, I32_AND, ...get(Z), ...get(J), I32_GT_S, I32_AND], let_(Z, get(J)))
          : [],
        [...get(A), ...exercise(X0), ...get(ZERO), ...F64X2_MAX, ...v128Store(0)],
        [...get(A), ...exercise(X1), ...get(ZERO), ...F64X2_MAX, ...v128Store(16)],
        advance(X0),
        advance(X1),
        inc(A, i32(32)),
        inc(J, i32(1)),
      ),
      // backward induction: rows steps − 1 .. 0
      let_(I, get(STEPS), i32(1), [I32_SUB]),
      until(
        [...get(I), ...i32(0), I32_LT_S],
        rowStart(get(I)),
        let_(A, get(VP)),
        let_(A0, get(A), v128Load(0)),
        let_(B0, get(A), v128Load(16)),
        let_(J, i32(0)),
        until(
          skipping ? [...get(J), ...get(I), I32_GT_S, ...get(J), ...get(Z), I32_GE_S, I32_OR] : [
            ...get(J),
            ...get(I),
            I32_GT_S,
          ],
          let_(A1, get(A), v128Load(32)),
          let_(B1, get(A), v128Load(48)),
          [...get(A), ...cont(A1, A0), ...exercise(X0), ...F64X2_PMAX, ...v128Store(0)],
          [...get(A), ...cont(B1, B0), ...exercise(X1), ...F64X2_PMAX, ...v128Store(16)],
          let_(A0, get(A1)),
          let_(B0, get(B1)),
          advance(X0),
          advance(X1),
          inc(A, i32(32)),
          inc(J, i32(1)),
        ),
        // puts: the nodes above Z, where both children hold +0, until no tree exercises; then Z = that node
        skipping
          ? [
            ...until(
              [...get(J), ...get(I), I32_GT_S, ...noneExercises, I32_OR],
              [...get(A), ...get(ZERO), ...exercise(X0), ...F64X2_PMAX, ...v128Store(0)],
              [...get(A), ...get(ZERO), ...exercise(X1), ...F64X2_PMAX, ...v128Store(16)],
              advance(X0),
              advance(X1),
              inc(A, i32(32)),
              inc(J, i32(1)),
            ),
            ...let_(Z, get(J)),
          ]
          : [],
        let_(I, get(I), i32(1), [I32_SUB]),
      ),
      // out[group] = v[0]
      [...get(OUTP), ...get(G), ...i32(5), I32_SHL, I32_ADD, ...get(VP), ...v128Load(0), ...v128Store(0)],
      [...get(OUTP), ...get(G), ...i32(5), I32_SHL, I32_ADD, ...get(VP), ...v128Load(16), ...v128Store(16)],
      inc(G, i32(1)),
    ),
  ];
  return {
    params: [I32, I32, I32, I32, I32, I32, F64, F64, F64, F64, F64, I32],
    locals: [[6, I32], [14, V128]],
    code,
  };
}

type TreeFn = (
  groups: number,
  steps: number,
  fP: number,
  outP: number,
  pwP: number,
  vP: number,
  K: number,
  disc: number,
  p: number,
  q: number,
  u2: number,
  skip: number,
) => void;

/** Futures prices per kernel call (the F and out buffers hold this many doubles). */
const CHUNK = 1024;

interface TreeModule {
  memory: WebAssembly.Memory;
  call: TreeFn;
  put: TreeFn;
  f64: Float64Array;
  /** The largest `steps` the memory holds. */
  maxSteps: number;
}

let mod: TreeModule | undefined;

/** Memory layout (in doubles): F [0, CHUNK), out [CHUNK, 2·CHUNK), pw [2·CHUNK, …+steps+1), v after pw. */
function kernels(steps: number): TreeModule {
  if (mod !== undefined && steps <= mod.maxSteps) return mod;
  const doubles = 2 * CHUNK + (steps + 1) + LANES * (steps + 2);
  const pages = Math.ceil((doubles * 8) / 65536);
  if (mod === undefined) {
    const memory = new WebAssembly.Memory({ initial: pages });
    const bytes = moduleBytes([{ name: "call", ...treeKernel(true) }, { name: "put", ...treeKernel(false) }]);
    const { exports } = new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: { memory } });
    mod = { memory, call: exports.call as TreeFn, put: exports.put as TreeFn, f64: new Float64Array(0), maxSteps: 0 };
  } else {
    const have = mod.memory.buffer.byteLength / 65536;
    if (pages > have) mod.memory.grow(pages - have);
  }
  mod.f64 = new Float64Array(mod.memory.buffer);
  mod.maxSteps = Math.floor((mod.f64.length - 2 * CHUNK - 1 - 2 * LANES) / (1 + LANES));
  return mod;
}

/** The row starts `dⁱ` (`Math.pow(d, i)`, `i = 0..steps`: the calls the scalar tree makes), from `cache` when there. */
function powers(d: number, steps: number, cache: Map<number, Float64Array> | undefined): Float64Array {
  const hit = cache?.get(d);
  if (hit !== undefined && hit.length === steps + 1) return hit;
  const pw = new Float64Array(steps + 1);
  for (let i = 0; i <= steps; i++) pw[i] = Math.pow(d, i);
  cache?.set(d, pw);
  return pw;
}

/**
 * American CRR prices of a call (`isCall`) or put with strike `K`, expiry `T`, volatility `sigma`, rate `r` on
 * `steps`-step trees, one per futures price `F[k]`, written to `out[k]` (bitwise equal to
 * `binomialUnchecked(isCall, F[k], K, T, sigma, r, true, steps)`). Like `binomialUnchecked`, the prices are not
 * validated (hot path: callers hold validated inputs, e.g. `F[k] ≥ 1e-8` as `unitValue` floors them).
 *
 * `powCache` (optional, e.g. one per market day and engine): the tables `dⁱ` by `d`, kept across calls — trees
 * with the same volatility and expiry (every strike of one expiry) share one; without it each call computes its own.
 *
 * @throws {RangeError} when `steps` is not an integer ≥ 1 or `out` is shorter than `F`
 * @example
 * ```ts
 * import { binomialAmericanBatch } from "./binomial_batch.ts";
 * binomialAmericanBatch(true, Float64Array.of(68, 70, 72), 70, 0.5, 0.35, 0.04, 50); // three American calls
 * ```
 */
export function binomialAmericanBatch(
  isCall: boolean,
  F: ArrayLike<number>,
  K: number,
  T: number,
  sigma: number,
  r: number,
  steps: number,
  out: Float64Array = new Float64Array(F.length),
  powCache?: Map<number, Float64Array>,
): Float64Array {
  if (!Number.isInteger(steps) || steps < 1) {
    throw new RangeError(`binomialAmericanBatch: steps must be an integer >= 1, got ${steps}`);
  }
  const n = F.length;
  if (out.length < n) {
    throw new RangeError(`binomialAmericanBatch: out has ${out.length} elements, fewer than F's ${n}`);
  }
  if (T === 0 || sigma === 0) {
    for (let k = 0; k < n; k++) out[k] = binomialUnchecked(isCall, F[k], K, T, sigma, r, true, steps);
    return out;
  }
  if (n === 0) return out;
  // the constants of binomialUnchecked, computed as it does
  const dt = T / steps;
  const u = Math.exp(sigma * Math.sqrt(dt)), d = 1 / u;
  const p = (1 - d) / (u - d), q = 1 - p;
  const disc = Math.exp(-r * dt);
  const u2 = u * u;
  const pw = powers(d, steps, powCache);
  const m = kernels(steps);
  const mem = m.f64, tree = isCall ? m.call : m.put;
  const pwOff = 2 * CHUNK, vOff = pwOff + steps + 1;
  // +0 children give cont = +0 exactly only for p, q ≥ 0 and a finite disc ≥ 0 (always so for sigma·√dt > 2^-53)
  const skip = p >= 0 && q >= 0 && disc >= 0 && disc < Infinity ? 1 : 0;
  mem.set(pw, pwOff);
  for (let start = 0; start < n; start += CHUNK) {
    const len = Math.min(CHUNK, n - start);
    for (let k = 0; k < len; k++) mem[k] = F[start + k];
    const groups = Math.ceil(len / LANES);
    for (let k = len; k < groups * LANES; k++) mem[k] = mem[len - 1]; // pad the last group
    tree(groups, steps, 0, CHUNK * 8, pwOff * 8, vOff * 8, K, disc, p, q, u2, skip);
    for (let k = 0; k < len; k++) out[start + k] = mem[CHUNK + k];
  }
  return out;
}
