import assert from "node:assert/strict";
import { createPrng } from "../core/prng.ts";
import { christoffersen, christoffersenNonOverlapping } from "./christoffersen.ts";
import { kupiecOverlapping } from "./kupiec_overlap.ts";
import { marginBacktest } from "./margin_backtest.ts";
import { overlapAwareBacktest } from "./overlap_backtest.ts";

function data(seed: number, n: number) {
  const rng = createPrng(seed);
  const daily = Float64Array.from({ length: n + 2 }, () => rng.normal());
  const loss2 = Float64Array.from({ length: n }, (_, t) => daily[t + 1] + daily[t + 2]); // overlapping 2-day
  return { loss2, im: new Float64Array(n).fill(2.2), rows: Array.from({ length: n - 10 }, (_, i) => i + 5) };
}

Deno.test("overlapAwareBacktest: marginBacktest's fields plus the overlap-aware tests on the same flags", () => {
  const { loss2, im, rows } = data(1, 800);
  const b = overlapAwareBacktest(loss2, im, rows, 0.99, 2, { simulations: 500, seed: 3 });
  const plain = marginBacktest(loss2, im, rows, 0.99);
  assert.deepEqual({ ...b, mpor: 0, kupiecOverlapP: 0, christoffersenNonOverlapP: 0, christoffersenNonOverlapN: 0 }, {
    ...plain,
    mpor: 0,
    kupiecOverlapP: 0,
    christoffersenNonOverlapP: 0,
    christoffersenNonOverlapN: 0,
  });
  assert.equal(b.mpor, 2);
  const k = kupiecOverlapping(plain.exceptions, plain.n, 0.99, 2, { simulations: 500, prng: createPrng(3) });
  assert.equal(b.kupiecOverlapP, k.pValue);
  const c = christoffersenNonOverlapping(plain.flags, 0.99, 2);
  assert.equal(b.christoffersenNonOverlapP, c.independence.pValue);
  assert.equal(b.christoffersenNonOverlapN, Math.ceil(rows.length / 2));
});

Deno.test("overlapAwareBacktest: with a 1-day horizon the subsample is every row (plain Christoffersen)", () => {
  const { loss2, im, rows } = data(2, 600);
  const b = overlapAwareBacktest(loss2, im, rows, 0.95, 1, { simulations: 200, seed: 1 });
  assert.equal(b.christoffersenNonOverlapN, rows.length);
  assert.equal(b.christoffersenNonOverlapP, christoffersen(b.flags, 0.95).independence.pValue);
});

Deno.test("overlapAwareBacktest: deterministic in its inputs (a fresh PRNG per call)", () => {
  const { loss2, im, rows } = data(4, 500);
  const o = { simulations: 300, seed: 9 };
  assert.deepEqual(
    overlapAwareBacktest(loss2, im, rows, 0.99, 2, o),
    overlapAwareBacktest(loss2, im, rows, 0.99, 2, o),
  );
});

Deno.test("overlapAwareBacktest: bad horizon or simulation count names the value", () => {
  const { loss2, im, rows } = data(5, 300);
  assert.throws(() => overlapAwareBacktest(loss2, im, rows, 0.99, 0, { simulations: 200, seed: 1 }), /mpor.*got 0/);
  assert.throws(
    () => overlapAwareBacktest(loss2, im, rows, 0.99, 2, { simulations: 50, seed: 1 }),
    /simulations.*got 50/,
  );
});
