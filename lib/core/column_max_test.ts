import assert from "node:assert/strict";
import { columnMax } from "./column_max.ts";
import { createPrng } from "./prng.ts";

Deno.test("columnMax: equals Math.max of the column, for every column of a random matrix", () => {
  const rng = createPrng(9), n = 37, d = 4;
  const x = Float64Array.from({ length: n * d }, () => rng.normal());
  for (let j = 0; j < d; j++) {
    const col = Array.from({ length: n }, (_, i) => x[i * d + j]);
    assert.equal(columnMax(x, d, j), Math.max(...col));
  }
  assert.equal(columnMax(new Float64Array(0), 3, 1), -Infinity);
  assert.throws(() => columnMax(x, d, 4), /column 4 is outside \[0, 4\)/);
});
