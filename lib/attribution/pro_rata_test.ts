import assert from "node:assert/strict";
import { proRata } from "./pro_rata.ts";

const toy = (w: Float64Array) => Math.hypot(3 * w[0], 4 * w[1]);

Deno.test("proRata shares the total by standalone", () => {
  const r = proRata(toy, 2);
  assert.ok(Math.abs(r[0] - 15 / 7) < 1e-12 && Math.abs(r[1] - 20 / 7) < 1e-12);
  assert.deepEqual(Array.from(proRata(() => 0, 3)), [0, 0, 0]);
});

Deno.test("proRata: bad input is named", () => {
  assert.throws(() => proRata(toy, 1.5), /nUnits must be an integer >= 1, got 1.5/);
});
