import assert from "node:assert/strict";
import { createPrng } from "../core/prng.ts";
import { kupiecOverlapping } from "./kupiec_overlap.ts";
import { OverlapNullCache } from "./overlap_null_cache.ts";

Deno.test("OverlapNullCache: p-values equal a fresh createPrng(seed) per test, one simulation per null", () => {
  const cache = new OverlapNullCache();
  for (
    const [ex, n, mpor, seed] of [[4, 400, 2, 3], [9, 400, 2, 3], [0, 400, 2, 3], [4, 400, 1, 3], [4, 401, 2, 3], [
      4,
      400,
      2,
      4,
    ]]
  ) {
    const a = cache.kupiec(ex, n, 0.99, mpor, { simulations: 700, seed });
    const b = kupiecOverlapping(ex, n, 0.99, mpor, { simulations: 700, prng: createPrng(seed) });
    assert.deepEqual(a, b, `${ex}/${n} mpor ${mpor} seed ${seed}`);
  }
  assert.equal(cache.size, 4); // (400,2,3), (400,1,3), (401,2,3), (400,2,4)
  assert.equal(cache.counts(400, 2, 0.99, 700, 3), cache.counts(400, 2, 0.99, 700, 3)); // the same array
});

Deno.test("OverlapNullCache and kupiecOverlapping: bad arguments are errors naming them", () => {
  const cache = new OverlapNullCache();
  assert.throws(() => cache.counts(0, 2, 0.99, 100, 1), /n/);
  assert.throws(() => cache.counts(10, 2, 0.99, 100, 1.5), /seed must be an integer, got 1.5/);
  assert.throws(
    () => kupiecOverlapping(1, 10, 0.99, 2, { simulations: 100, counts: new Float64Array(10) }),
    /counts must hold 11 bins summing to simulations \(100\), got 10 bins summing to 0/,
  );
});
