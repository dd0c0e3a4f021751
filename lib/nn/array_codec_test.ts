import assert from "node:assert/strict";
import { decodeArray, encodeArray } from "./array_codec.ts";

Deno.test("array codec: exact round trip of float32/float64/int32, incl. large arrays and special values", () => {
  const f64 = Float64Array.of(0.1, -0, 1e-308, Math.PI, -Infinity);
  assert.deepEqual(decodeArray(JSON.parse(JSON.stringify(encodeArray(f64)))), f64);
  const f32 = Float32Array.from({ length: 70000 }, (_, i) => Math.sin(i));
  assert.deepEqual(decodeArray(encodeArray(f32)), f32);
  const i32 = Int32Array.of(-1, 0, 2 ** 31 - 1);
  assert.deepEqual(decodeArray(encodeArray(i32)), i32);
  assert.deepEqual(decodeArray(encodeArray(f64.subarray(1, 3))), f64.slice(1, 3));
  assert.throws(() => decodeArray({ dtype: "x" as "int32", base64: "" }), /dtype/);
});
