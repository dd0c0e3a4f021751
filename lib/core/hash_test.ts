import assert from "node:assert/strict";
import { canonicalJson, sha256Hex } from "./hash.ts";

Deno.test("canonicalJson: key order does not matter; typed arrays become arrays", () => {
  assert.equal(canonicalJson({ b: 1, a: { d: [1, 2], c: null } }), canonicalJson({ a: { c: null, d: [1, 2] }, b: 1 }));
  assert.equal(canonicalJson({ x: new Float64Array([0.5, 2]) }), '{"x":[0.5,2]}');
});

Deno.test("canonicalJson: NaN/Infinity are rejected with the key path", () => {
  assert.throws(() => canonicalJson({ a: { b: [1, NaN] } }), /\$\.a\.b\[1\] is NaN/);
});

Deno.test("sha256Hex: empty string vector", async () => {
  assert.equal(await sha256Hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
});
