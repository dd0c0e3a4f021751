import assert from "node:assert/strict";
import { createPrng } from "../core/prng.ts";
import { pinballDm } from "./pinball_dm.ts";

Deno.test("pinballDm: identical series give 0 / 1; the closer quantile wins with a negative statistic", () => {
  const rng = createPrng(4), n = 2000;
  const r = Float64Array.from({ length: n }, () => rng.normal());
  const good = new Float64Array(n).fill(2.33), bad = new Float64Array(n).fill(0.5);
  assert.deepEqual(pinballDm(r, good, good, 0.99, 1), { stat: 0, pValue: 1 });
  const d = pinballDm(r, good, bad, 0.99, 2);
  assert.ok(d.stat < 0 && d.pValue < 0.05, JSON.stringify(d));
  assert.throws(() => pinballDm(r, good, bad.subarray(1), 0.99, 1), /lengths/);
});
