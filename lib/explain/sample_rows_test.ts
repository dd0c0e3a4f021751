import assert from "node:assert/strict";
import { gatherRows, sampleRowIndices } from "./sample_rows.ts";
import { createPrng } from "../core/prng.ts";

Deno.test("sampleRowIndices: k distinct increasing indices, reproducible from the seed", () => {
  const a = sampleRowIndices(100, 12, createPrng(7));
  assert.equal(a.length, 12);
  assert.equal(new Set(a).size, 12);
  assert.ok(a.every((v, i) => v >= 0 && v < 100 && (i === 0 || v > a[i - 1])));
  assert.deepEqual(sampleRowIndices(100, 12, createPrng(7)), a);
  assert.notDeepEqual(sampleRowIndices(100, 12, createPrng(8)), a);
});

Deno.test("sampleRowIndices: every row is drawn about equally often (uniform)", () => {
  const counts = new Array(10).fill(0);
  const prng = createPrng(3);
  for (let r = 0; r < 2000; r++) for (const i of sampleRowIndices(10, 3, prng)) counts[i]++;
  for (const c of counts) assert.ok(Math.abs(c - 600) < 90, `count ${c}`);
});

Deno.test("gatherRows: copies the rows in the given order; bad rows are RangeErrors", () => {
  const x = Float64Array.of(0, 1, 10, 11, 20, 21);
  assert.deepEqual(Array.from(gatherRows(x, 2, [2, 0])), [20, 21, 0, 1]);
  assert.throws(() => gatherRows(x, 2, [3]), /row 3 is outside 0…2/);
  assert.throws(() => sampleRowIndices(-1, 2, createPrng(1)), RangeError);
});
