/**
 * A minimal WebAssembly assembler, shared by the kernels that are written opcode by opcode in TypeScript (no
 * toolchain, no binary blob): `lib/margin/hs_kernels.ts`, `lib/deepmargin/wasm_kernels.ts` and `lib/nn/wasm_gemm.ts`.
 *
 * It holds the encodings (unsigned and signed LEB128, vectors, names, sections), the few instructions every kernel
 * uses (local get / set, `i32.const`, the `0xfd` SIMD prefix, the structured loops and branches) and
 * {@link moduleBytes}, which lays out a module with one imported memory (`env.memory`) and one exported function
 * per kernel. Each kernel file keeps its own opcode constants and helpers.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { get, I32, I32_ADD, moduleBytes, uleb } from "./wasm_assembler.ts";
 * assert.deepEqual(uleb(624485), [0xe5, 0x8e, 0x26]);
 * const add = { name: "add", params: [I32, I32], results: [I32], locals: [], code: [...get(0), ...get(1), I32_ADD] };
 * const memory = new WebAssembly.Memory({ initial: 1 });
 * const module = new WebAssembly.Module(moduleBytes([add]));
 * const { exports } = new WebAssembly.Instance(module, { env: { memory } });
 * assert.equal((exports.add as (a: number, b: number) => number)(2, 3), 5);
 * ```
 * @module
 */

/** Encoded bytes. */
export type Code = number[];

/** Unsigned LEB128 of a non-negative 32-bit integer. */
export const uleb = (v: number): Code => {
  const o: Code = [];
  do {
    let b = v & 0x7f;
    v >>>= 7;
    if (v !== 0) b |= 0x80;
    o.push(b);
  } while (v !== 0);
  return o;
};
/** Signed LEB128 of a 32-bit integer. */
export const sleb = (v: number): Code => {
  const o: Code = [];
  for (;;) {
    const b = v & 0x7f;
    v >>= 7;
    if ((v === 0 && (b & 0x40) === 0) || (v === -1 && (b & 0x40) !== 0)) return [...o, b];
    o.push(b | 0x80);
  }
};
/** A vector: its length, then its items. */
export const vec = (items: Code[]): Code => [...uleb(items.length), ...items.flat()];
/** A name: its length, then its bytes (ASCII names). */
export const name = (s: string): Code => [...uleb(s.length), ...new TextEncoder().encode(s)];
/** A section: its id, its body's length, then the body. */
export const section = (id: number, body: Code): Code => [id, ...uleb(body.length), ...body];

/** Value type `i32`. */
export const I32 = 0x7f;
/** Value type `f32`. */
export const F32 = 0x7d;
/** Value type `f64`. */
export const F64 = 0x7c;
/** Value type `v128`. */
export const V128 = 0x7b;
/** `i32.add`. */
export const I32_ADD = 0x6a;
/** `local.get l`. */
export const get = (l: number): Code => [0x20, ...uleb(l)];
/** `local.set l`. */
export const set = (l: number): Code => [0x21, ...uleb(l)];
/** `i32.const v`. */
export const i32 = (v: number): Code => [0x41, ...sleb(v)];
/** A SIMD instruction (`0xfd` prefix, then the opcode as unsigned LEB128). */
export const simd = (op: number): Code => [0xfd, ...uleb(op)];

/** `block { loop { if (exit) break; body; continue } }` */
export const until = (exit: Code, ...body: Code[]): Code => [
  ...[0x02, 0x40, 0x03, 0x40],
  ...exit,
  ...[0x0d, 1],
  ...body.flat(),
  ...[0x0c, 0, 0x0b, 0x0b],
];
/** `if (cond) { then } else { otherwise }` (no `else` when `otherwise` is not given). */
export const ifElse = (cond: Code, then: Code[], otherwise?: Code[]): Code => [
  ...cond,
  ...[0x04, 0x40],
  ...then.flat(),
  ...(otherwise ? [0x05, ...otherwise.flat()] : []),
  0x0b,
];
/** `if (cond) { then }` */
export const when = (cond: Code, ...then: Code[]): Code => ifElse(cond, then);
/** `local = expr` */
export const let_ = (l: number, ...expr: Code[]): Code => [...expr.flat(), ...set(l)];
/** `local += expr` (int32) */
export const inc = (l: number, ...by: Code[]): Code => [...get(l), ...by.flat(), I32_ADD, ...set(l)];

/** One exported function: its name, parameter and result types, local declarations (count, type) and code. */
export interface WasmFunction {
  /** The export name. */
  name: string;
  /** Parameter value types. */
  params: number[];
  /** Result value types (none when left out). */
  results?: number[];
  /** Local declarations: `[count, type]`. */
  locals: [number, number][];
  /** The body's instructions, without the final `end`. */
  code: Code;
}

/**
 * A module's bytes: one memory import (`env.memory`, at least one page) and the functions, exported under their
 * names in the order given.
 */
export function moduleBytes(fns: readonly WasmFunction[]): Uint8Array<ArrayBuffer> {
  const types = fns.map((f) => [0x60, ...vec(f.params.map((t) => [t])), ...vec((f.results ?? []).map((t) => [t]))]);
  const bodies = fns.map((f) => {
    const body = [...vec(f.locals.map(([count, type]) => [...uleb(count), type])), ...f.code, 0x0b];
    return [...uleb(body.length), ...body];
  });
  return new Uint8Array([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...section(1, vec(types)),
    ...section(2, vec([[...name("env"), ...name("memory"), 0x02, 0x00, ...uleb(1)]])),
    ...section(3, vec(fns.map((_, i) => uleb(i)))),
    ...section(7, vec(fns.map((f, i) => [...name(f.name), 0x00, ...uleb(i)]))),
    ...section(10, vec(bodies)),
  ]);
}
