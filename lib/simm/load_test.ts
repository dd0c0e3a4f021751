import assert from "node:assert/strict";
import { loadCalibration, loadCalibrations, loadCrif } from "./load.ts";

Deno.test("load: CRIF errors carry the path; calibrations found by version", async () => {
  const crif = await loadCrif("data/raw/simm/ore-example-2.6/crif.csv");
  assert.equal(crif.records[0].file, "data/raw/simm/ore-example-2.6/crif.csv");
  assert.equal(crif.records.length, 27);
  assert.equal((await loadCalibrations()).length, 3);
  assert.equal((await loadCalibration("2.5")).versionNames[0], "2.5");
  await assert.rejects(() => loadCalibration("1.0"), RangeError);
  await assert.rejects(() => loadCrif("data/raw/simm/does-not-exist.csv"), Deno.errors.NotFound);
});
