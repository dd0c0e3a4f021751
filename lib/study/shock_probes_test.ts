import assert from "node:assert/strict";
import { shockProbes } from "./shock_probes.ts";
import { featureShocks } from "../features/feature_shocks.ts";
import { testMatrix } from "../testing/study_matrix_fixture.ts";

const o = {
  volFeatures: ["a"],
  volFactor: 3,
  jumpSize: 0,
  jumpReturnFeatures: ["b"],
  jumpVolWindows: [],
  ewmaLambda: 0.94,
  curveFeatures: ["b"],
};

Deno.test("shockProbes: row 0 is the sample row, then each shock in featureShocks' order", () => {
  const s = testMatrix(40);
  const probes = shockProbes(s, [s.dates[5], s.dates[7]], o);
  assert.deepEqual(probes.map((p) => p.date), [s.dates[5], s.dates[7]]);
  const row = s.x.slice(10, 12);
  const sh = featureShocks(row, s.featureNames, o);
  assert.deepEqual(probes[0].keys, ["none", ...Object.keys(sh)]);
  assert.deepEqual(probes[0].x.subarray(0, 2), row);
  Object.values(sh).forEach((v, k) => assert.deepEqual(probes[0].x.subarray(2 * (k + 1), 2 * (k + 2)), v));
});

Deno.test("shockProbes: a date outside the sample is a RangeError naming it", () => {
  const s = testMatrix(40);
  assert.throws(() => shockProbes(s, ["1999-01-04"], o), /shockDates: 1999-01-04 is not a sample date/);
});
