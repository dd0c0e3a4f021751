import assert from "node:assert/strict";
import { parseCrif } from "./crif.ts";
import { syntheticCrif } from "./synthetic_crif.ts";

Deno.test("syntheticCrif: deterministic, valid CRIF, seed-dependent", () => {
  const a = syntheticCrif({ lines: 500, seed: 11 });
  assert.equal(a, syntheticCrif({ lines: 500, seed: 11 }));
  assert.notEqual(a, syntheticCrif({ lines: 500, seed: 12 }));
  const c = parseCrif(a, { file: "syn.csv" });
  assert.equal(c.records.length, 500);
  assert.ok(new Set(c.records.map((r) => r.riskType)).size >= 12);
  assert.throws(() => syntheticCrif({ lines: -1, seed: 1 }), RangeError);
});
