import assert from "node:assert/strict";
import { createPrng } from "./prng.ts";
import { choleskyInPlace, choleskySolve } from "./cholesky.ts";

Deno.test("cholesky: L Lᵀ reproduces A and the solve inverts it (random SPD matrices)", () => {
  const rng = createPrng(11);
  for (const p of [1, 2, 5, 9]) {
    const g = Float64Array.from({ length: p * p }, () => rng.normal());
    const a = new Float64Array(p * p); // A = G Gᵀ + I
    for (let i = 0; i < p; i++) {
      for (let j = 0; j < p; j++) {
        let s = i === j ? 1 : 0;
        for (let k = 0; k < p; k++) s += g[i * p + k] * g[j * p + k];
        a[i * p + j] = s;
      }
    }
    const l = a.slice();
    assert.ok(choleskyInPlace(l, p));
    for (let i = 0; i < p; i++) {
      for (let j = 0; j <= i; j++) {
        let s = 0;
        for (let k = 0; k <= j; k++) s += l[i * p + k] * l[j * p + k];
        assert.ok(Math.abs(s - a[i * p + j]) < 1e-10 * Math.abs(a[i * p + i]), `p=${p} (${i},${j})`);
      }
    }
    const b = Float64Array.from({ length: p }, () => rng.normal());
    const x = choleskySolve(l, p, b, new Float64Array(p));
    for (let i = 0; i < p; i++) {
      let s = 0;
      for (let j = 0; j < p; j++) s += a[i * p + j] * x[j];
      assert.ok(Math.abs(s - b[i]) < 1e-9, `p=${p} row ${i}`);
    }
    const inPlace = b.slice();
    assert.equal(choleskySolve(l, p, inPlace), inPlace);
    assert.deepEqual(inPlace, x);
  }
});

Deno.test("choleskyInPlace: rejects singular and indefinite matrices; jitter and minPivot", () => {
  assert.equal(choleskyInPlace(Float64Array.of(1, 0, 1, 1), 2), false); // [[1, 1], [1, 1]]
  assert.equal(choleskyInPlace(Float64Array.of(-1), 1), false);
  assert.equal(choleskyInPlace(Float64Array.of(0), 1, 1e-3), true);
  assert.equal(choleskyInPlace(Float64Array.of(1e-6), 1, 0, 1e-5), false);
});
