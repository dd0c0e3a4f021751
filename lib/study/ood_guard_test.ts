import assert from "node:assert/strict";
import { oodGuard } from "./ood_guard.ts";
import { testMatrix } from "../testing/study_matrix_fixture.ts";

const study = {
  dates: ["1", "2", "3", "4", "5", "6"],
  d: 2,
  featureNames: ["a", "b"],
  r: new Float64Array(6),
  x: Float64Array.of(0, 10, 1, 11, 2, 12, 0.5, 10.5, 3, 11, 1, 20),
};
const split = { train: { start: 0, end: 2 }, valid: { start: 2, end: 3 }, test: { start: 3, end: 6 } };
const m = Float64Array.of(0.9, 0.9, 0.9), st = Float64Array.of(1.1, 1.1, 1.1);

Deno.test("oodGuard: falls back exactly on rows with a feature outside the fitted range", () => {
  const g = oodGuard(study, [split], ["a", "b"], m, st);
  assert.deepEqual(Array.from(g.m), [0.9, 1.1, 1.1]);
  assert.deepEqual(Array.from(g.flags), [0, 1, 1]);
  assert.equal(g.share, 2 / 3);
  assert.deepEqual(Array.from(oodGuard(study, [split], ["a"], m, st).flags), [0, 1, 0]); // only "a" is checked
  assert.deepEqual(Array.from(oodGuard(study, [split], ["a"], m, st, 0.5).flags), [0, 0, 0]); // range ±1
});

Deno.test("oodGuard: no flags on rows inside the training data; several folds in order", () => {
  const s = testMatrix(400);
  const a = { train: { start: 0, end: 200 }, valid: { start: 202, end: 250 }, test: { start: 100, end: 150 } };
  const b = { ...a, test: { start: 150, end: 180 } };
  const g = oodGuard(s, [a, b], ["a", "b"], new Float64Array(80).fill(1), new Float64Array(80).fill(2));
  assert.equal(g.share, 0);
});

Deno.test("oodGuard: bad input is named", () => {
  assert.throws(() => oodGuard(study, [split], ["a"], m.subarray(1), st), /3 test rows/);
  assert.throws(() => oodGuard(study, [split], ["a"], m, st, -1), /slack/);
  assert.throws(() => oodGuard(study, [split], ["zz"], m, st), /zz/);
});
