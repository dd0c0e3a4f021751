import assert from "node:assert/strict";
import {
  pooledFeatureNames,
  pooledFitHandler,
  pooledFold,
  pooledLayout,
  splitPooledOutcome,
} from "./pooled_fit_jobs.ts";
import { testMatrix } from "../testing/study_matrix_fixture.ts";
import { yearlyFolds } from "./walk_forward.ts";
import type { StudyMatrix } from "./dataset.ts";
import { runVariantFitJob } from "./variant_fit_jobs.ts";

const A = testMatrix(700, 1);
// a second position with other units and a feature of its own
const B: StudyMatrix = {
  ...testMatrix(700, 2),
  featureNames: ["b", "c"],
};
B.x = B.x.map((v, i) => (i % 2 === 0 ? 100 * v + 50 : v));
const year = Number(A.dates[600].slice(0, 4));
const fold = (s: StudyMatrix) =>
  yearlyFolds(s.dates, { years: [year], horizon: 2, embargo: 2, validShare: 0.2, minTrain: 100 })[0].split;

Deno.test("pooledFold: blocks in order, per-member z-score on its training rows, 0 for absent features, one-hot", () => {
  const sa = fold(A), sb = fold(B);
  const f = pooledFold([{ id: "a", type: "x", study: A, split: sa }, { id: "b", type: "y", study: B, split: sb }], [
    "x",
    "y",
  ]);
  assert.deepEqual(f.matrix.featureNames, ["a", "b", "c", "type_x", "type_y"]);
  const D = 5, len = (r: { start: number; end: number }) => r.end - r.start;
  assert.equal(f.split.train.end, len(sa.train) + len(sb.train));
  assert.equal(f.split.valid.end - f.split.valid.start, len(sa.valid) + len(sb.valid));
  assert.equal(f.matrix.dates.length, f.split.test.end);
  // z-scored training columns: mean 0, sd 1 for each member's own features
  for (const [part, cols] of [[f.parts[0], [0, 1]], [f.parts[1], [1, 2]]] as const) {
    for (const j of cols) {
      let s = 0, s2 = 0;
      const n = len(part.train);
      for (let i = part.train.start; i < part.train.end; i++) s += f.matrix.x[i * D + j];
      for (let i = part.train.start; i < part.train.end; i++) s2 += (f.matrix.x[i * D + j] - s / n) ** 2;
      assert.ok(Math.abs(s / n) < 1e-12 && Math.abs(Math.sqrt(s2 / n) - 1) < 1e-12, `${part.id} col ${j}`);
    }
  }
  // member b has no "a", member a no "c"; one-hot types
  for (const r of [f.parts[1].test.start, f.parts[1].valid.start]) {
    assert.equal(f.matrix.x[r * D + 0], 0);
    assert.deepEqual([f.matrix.x[r * D + 3], f.matrix.x[r * D + 4]], [0, 1]);
  }
  assert.equal(f.matrix.x[f.parts[0].gap.start * D + 2], 0);
  // targets copied row for row
  assert.equal(f.matrix.r[f.parts[1].test.start], B.r[sb.test.start]);
  assert.equal(f.matrix.r[f.parts[0].gap.start], A.r[sa.train.end]);
  // row labels increase
  for (let i = 1; i < f.matrix.dates.length; i++) assert.ok(f.matrix.dates[i] > f.matrix.dates[i - 1]);
});

Deno.test("pooledFold and pooledLayout: errors name the member", () => {
  const sa = fold(A);
  assert.throws(() => pooledFold([], ["x"]), /no members/);
  assert.throws(
    () => pooledFold([{ id: "a", type: "x", study: A, split: sa }, { id: "a", type: "x", study: A, split: sa }], ["x"]),
    /duplicate member id "a"/,
  );
  assert.throws(() => pooledFold([{ id: "a", type: "z", study: A, split: sa }], ["x"]), /type "z"/);
  const bad = { ...sa, valid: { start: sa.train.start, end: sa.train.end } };
  assert.throws(() => pooledLayout([{ id: "q", split: bad }]), /member q/);
  assert.deepEqual(pooledFeatureNames([["a"], ["a"]], []), ["a"]);
});

Deno.test("pooledFitHandler: a pooled static fit gives every member the same multiplier; shares cover each member", async () => {
  const sa = fold(A), sb = fold(B);
  const shared = {
    data: { a: A, b: B },
    folds: { a: [sa], b: [sb] },
    params: { tau: 0.9, mMin: 0.5, mMax: 3, linearRidge: 0.01 },
  };
  const members = [{ id: "a", fold: 0, type: "x" }, { id: "b", fold: 0, type: "y" }];
  const job = {
    data: "pooled|y",
    fold: 0,
    model: "staticPooled",
    kind: "static" as const,
    seed: 1,
    features: pooledFeatureNames([A.featureNames, B.featureNames], ["x", "y"]),
    members,
    types: ["x", "y"],
  };
  const o = await pooledFitHandler(job, { shared, index: 0, worker: 0, log: () => {} });
  const { split, parts } = pooledLayout([{ id: "a", split: sa }, { id: "b", split: sb }]);
  const shareA = splitPooledOutcome(parts[0], split.test, o), shareB = splitPooledOutcome(parts[1], split.test, o);
  assert.equal(shareA.m.length, sa.test.end - sa.test.start);
  assert.equal(shareB.pre.length, sb.valid.end - sb.train.start);
  assert.ok(shareA.m.every((v) => v === o.m[0]) && shareB.pre.every((v) => v === o.m[0]));
  // a per-position job passes through to the variant handler unchanged
  const own = { data: "a", fold: 0, model: "linear", kind: "linear" as const, seed: 1, features: ["a", "b"] };
  const viaHandler = await pooledFitHandler(own, { shared, index: 1, worker: 0, log: () => {} });
  const direct = await runVariantFitJob(A, sa, own, shared.params);
  assert.deepEqual(viaHandler.m, direct.m);
});

Deno.test("splitPooledOutcome: training, purge and validation rows in the member's own order", () => {
  const part = {
    id: "x",
    train: { start: 0, end: 2 },
    valid: { start: 4, end: 6 },
    test: { start: 8, end: 9 },
    gap: { start: 10, end: 11 },
  };
  const o = splitPooledOutcome(part, { start: 8, end: 12 }, {
    m: Float64Array.of(80, 90, 100, 110),
    pre: Float64Array.of(0, 1, 2, 3, 4, 5, 6, 7),
    epochs: 1,
    bestEpoch: 1,
  });
  assert.deepEqual(Array.from(o.pre), [0, 1, 100, 4, 5]);
  assert.deepEqual(Array.from(o.m), [80]);
});
