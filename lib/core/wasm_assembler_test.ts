import assert from "node:assert/strict";
import {
  get,
  I32,
  i32,
  I32_ADD,
  ifElse,
  inc,
  let_,
  moduleBytes,
  name,
  section,
  sleb,
  uleb,
  until,
  vec,
  when,
} from "./wasm_assembler.ts";

Deno.test("uleb: golden LEB128 encodings", () => {
  assert.deepEqual(uleb(0), [0x00]);
  assert.deepEqual(uleb(127), [0x7f]);
  assert.deepEqual(uleb(128), [0x80, 0x01]);
  assert.deepEqual(uleb(624485), [0xe5, 0x8e, 0x26]);
  assert.deepEqual(uleb(0xffffffff), [0xff, 0xff, 0xff, 0xff, 0x0f]);
});

Deno.test("sleb: golden signed LEB128 encodings", () => {
  assert.deepEqual(sleb(0), [0x00]);
  assert.deepEqual(sleb(63), [0x3f]);
  assert.deepEqual(sleb(64), [0xc0, 0x00]);
  assert.deepEqual(sleb(-1), [0x7f]);
  assert.deepEqual(sleb(-64), [0x40]);
  assert.deepEqual(sleb(-65), [0xbf, 0x7f]);
  assert.deepEqual(sleb(-123456), [0xc0, 0xbb, 0x78]);
});

Deno.test("vec, name and section prefix their lengths", () => {
  assert.deepEqual(vec([[1, 2], [3]]), [2, 1, 2, 3]);
  assert.deepEqual(name("env"), [3, 0x65, 0x6e, 0x76]);
  assert.deepEqual(section(7, [9, 9]), [7, 2, 9, 9]);
});

Deno.test("ifElse without otherwise is when", () => {
  assert.deepEqual(when([1], [2], [3]), [1, 0x04, 0x40, 2, 3, 0x0b]);
  assert.deepEqual(ifElse([1], [[2]]), when([1], [2]));
  assert.deepEqual(ifElse([1], [[2]], [[3]]), [1, 0x04, 0x40, 2, 0x05, 3, 0x0b]);
});

Deno.test("moduleBytes: an assembled module validates, instantiates and runs", () => {
  // sum(n) = 0 + 1 + … + (n − 1), with a loop; and the memory's first int32 read back via a second export
  const N = 0, I = 1, S = 2;
  const sum = {
    name: "sum",
    params: [I32],
    results: [I32],
    locals: [[2, I32]] as [number, number][],
    code: [
      ...until([...get(I), ...get(N), 0x4e], inc(S, get(I)), inc(I, i32(1))),
      ...get(S),
    ],
  };
  const first = {
    name: "first",
    params: [],
    results: [I32],
    locals: [[1, I32]] as [number, number][],
    code: [...let_(0, i32(0), [0x28, 2, 0]), ...get(0), ...i32(1), I32_ADD],
  };
  const bytes = moduleBytes([sum, first]);
  assert.deepEqual(Array.from(bytes.subarray(0, 8)), [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);
  assert.deepEqual(WebAssembly.validate(bytes), true);
  const memory = new WebAssembly.Memory({ initial: 1 });
  new Int32Array(memory.buffer)[0] = 41;
  const ex = new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: { memory } }).exports as {
    sum(n: number): number;
    first(): number;
  };
  assert.deepEqual(ex.sum(10), 45);
  assert.deepEqual(ex.sum(0), 0);
  assert.deepEqual(ex.first(), 42);
  assert.deepEqual(WebAssembly.Module.exports(new WebAssembly.Module(bytes)).map((e) => e.name), ["sum", "first"]);
});
