import assert from "node:assert/strict";
import { createPrng, permutation } from "./prng.ts";

Deno.test("createPrng: same seed gives the same stream", () => {
  const a = createPrng(123), b = createPrng(123);
  for (let i = 0; i < 100; i++) assert.equal(a.next(), b.next());
});

Deno.test("createPrng: different seeds differ and draws lie in [0,1)", () => {
  const a = createPrng(1), b = createPrng(2);
  let same = 0;
  for (let i = 0; i < 1000; i++) {
    const x = a.next(), y = b.next();
    assert.ok(x >= 0 && x < 1);
    if (x === y) same++;
  }
  assert.equal(same, 0);
});

Deno.test("createPrng: uniform mean and normal moments are plausible", () => {
  const r = createPrng(99);
  const n = 200_000;
  let su = 0, sz = 0, sz2 = 0;
  for (let i = 0; i < n; i++) {
    su += r.next();
    const z = r.normal();
    sz += z;
    sz2 += z * z;
  }
  assert.ok(Math.abs(su / n - 0.5) < 0.005);
  assert.ok(Math.abs(sz / n) < 0.01);
  assert.ok(Math.abs(sz2 / n - 1) < 0.02);
});

Deno.test("createPrng: rejects non-integer seeds", () => {
  assert.throws(() => createPrng(1.5), /seed must be a finite integer, got 1.5/);
  assert.throws(() => createPrng(NaN), RangeError);
});

Deno.test("permutation: is a permutation and deterministic", () => {
  const p = permutation(50, createPrng(5));
  assert.deepEqual([...p].sort((x, y) => x - y), Array.from({ length: 50 }, (_, i) => i));
  assert.deepEqual(p, permutation(50, createPrng(5)));
});
