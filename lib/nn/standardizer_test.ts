import assert from "node:assert/strict";
import { fitStandardizer, standardize } from "./standardizer.ts";

Deno.test("standardizer: zero mean, unit sd per column; constant column keeps sd 1", () => {
  const x = Float64Array.of(1, 5, 3, 5, 5, 5);
  const s = fitStandardizer(x, 2);
  assert.deepEqual(Array.from(s.mean), [3, 5]);
  assert.equal(s.sd[1], 1);
  const z = standardize(x, s);
  assert.ok(Math.abs(z[0] + z[2] + z[4]) < 1e-6);
  assert.deepEqual(Array.from(z.filter((_, i) => i % 2 === 1)), [0, 0, 0]);
});
