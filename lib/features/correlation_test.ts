import assert from "node:assert/strict";
import fc from "fast-check";
import { correlationMatrix, pearsonOver, ranksOver, spearmanOver } from "./correlation.ts";

const num = fc.integer({ min: -1000, max: 1000 }).map((v) => v / 8);
const arr = (n: number) => fc.array(num, { minLength: n, maxLength: n });

Deno.test("pearsonOver: in [−1, 1], symmetric, invariant to positive affine maps; null below 3 rows or constant", () => {
  fc.assert(
    fc.property(fc.integer({ min: 3, max: 30 }).chain((n) => fc.tuple(arr(n), arr(n))), ([a, b]) => {
      const x = Float64Array.from(a), y = Float64Array.from(b), rows = [...x.keys()];
      const r = pearsonOver(x, y, rows).r;
      if (r === null) return;
      assert.ok(r >= -1 - 1e-12 && r <= 1 + 1e-12);
      assert.ok(Math.abs(r - pearsonOver(y, x, rows).r!) < 1e-12);
      const r2 = pearsonOver(Float64Array.from(x, (v) => 3 * v + 7), y, rows).r;
      if (r2 !== null) assert.ok(Math.abs(r - r2) < 1e-6);
    }),
  );
  assert.equal(pearsonOver(Float64Array.of(1, 2), Float64Array.of(1, 2), [0, 1]).r, null);
  assert.equal(pearsonOver(Float64Array.of(1, 1, 1), Float64Array.of(1, 2, 3), [0, 1, 2]).r, null);
});

Deno.test("ranksOver: ranks sum to n(n+1)/2 with ties averaged; rows outside the set stay NaN", () => {
  const r = ranksOver(Float64Array.of(5, 1, 5, 9, 0), [0, 1, 2, 3]);
  assert.deepEqual(Array.from(r.subarray(0, 4)), [2.5, 1, 2.5, 4]);
  assert.ok(Number.isNaN(r[4]));
});

Deno.test("spearmanOver: 1 for any strictly increasing transform, −1 for a decreasing one", () => {
  const x = Float64Array.of(0.3, -2, 5, 1, 8, 4), rows = [...x.keys()];
  assert.equal(spearmanOver(x, x.map(Math.exp), rows).r, 1);
  assert.equal(spearmanOver(x, x.map((v) => -(v ** 3)), rows).r, -1);
});

Deno.test("correlationMatrix: unit diagonal, symmetric, over rows where every column is finite", () => {
  const cols = {
    a: Float64Array.of(1, 2, NaN, 4, 5, 6),
    b: Float64Array.of(2, 1, 3, 7, 5, 2),
    c: Float64Array.of(0, 1, 1, NaN, 3, 9),
  };
  const m = correlationMatrix(cols, [0, 1, 2, 3, 4, 5]);
  assert.equal(m.rows, 4); // rows 0, 1, 4, 5
  for (const a of m.names) {
    assert.equal(m.matrix[a][a], 1);
    for (const b of m.names) assert.ok(Math.abs(m.matrix[a][b]! - m.matrix[b][a]!) < 1e-12);
  }
  assert.equal(m.matrix.a.b, pearsonOver(cols.a, cols.b, [0, 1, 4, 5]).r);
});
