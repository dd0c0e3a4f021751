import assert from "node:assert/strict";
import { seedBand, seedEnsemble } from "./seed_ensemble.ts";

Deno.test("seedEnsemble: pointwise mean; one run is itself", () => {
  const runs = [Float64Array.of(1, 2, 3), Float64Array.of(3, 2, 0)];
  assert.deepEqual(Array.from(seedEnsemble(runs)), [2, 2, 1.5]);
  assert.deepEqual(Array.from(seedEnsemble([Float64Array.of(0.1, 0.2)])), [0.1, 0.2]);
});

Deno.test("seedBand: pointwise min and max", () => {
  const b = seedBand([Float64Array.of(1, 5), Float64Array.of(2, 4), Float64Array.of(0, 4.5)]);
  assert.deepEqual(Array.from(b.lo), [0, 4]);
  assert.deepEqual(Array.from(b.hi), [2, 5]);
});

Deno.test("seedEnsemble / seedBand: no runs or ragged runs are RangeErrors", () => {
  assert.throws(() => seedEnsemble([]), RangeError);
  assert.throws(() => seedBand([Float64Array.of(1), Float64Array.of(1, 2)]), /run 1 has length 2/);
});
