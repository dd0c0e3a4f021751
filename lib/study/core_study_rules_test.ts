import assert from "node:assert/strict";
import { addEqualCoverageJobs, coreLearnedRules, coreStudyPositions } from "./core_study_rules.ts";
import { walkForwardBatch } from "./walk_forward_batch.ts";
import { makeCrudePanel } from "../testing/crude_panel_fixture.ts";
import { TEST_WALK_FORWARD, testStudyParams } from "../testing/study_params_fixture.ts";

const dates = ["2020-01-02", "2020-01-03", "2020-01-06", "2021-01-04", "2021-01-05", "2021-01-06"];
const study = {
  dates,
  x: Float64Array.of(1, 2, 1.5, 1.2, 9, 1.8),
  d: 1,
  featureNames: ["a"],
  r: new Float64Array(6),
  loss: Float64Array.of(1, 2, 3, 4, 5, 6),
  im: Float64Array.of(2, 2, 2, 4, 4, 4),
};
const split = { train: { start: 0, end: 2 }, valid: { start: 2, end: 3 }, test: { start: 3, end: 6 } };
const runs = new Map([
  ["long|static|1", Float64Array.of(1.1, 1.1, 1.1)],
  ["long|mlp|1", Float64Array.of(1, 0.8, 1.2)],
  ["long|mlp|2", Float64Array.of(1.2, 1, 1.4)],
  ["fhs|long|linear|1", Float64Array.of(0.9, 0.9, 0.9)],
]);
const pre = new Map([...runs.keys()].map((k) => [k, [Float64Array.of(1, 1, 1)]]));
const bounds = [0.8, 1.5] as const;
const input = {
  sides: { long: { study, baselines: { fhs: Float64Array.of(3, 3, 3, 5, 5, 5) } } },
  splits: [split],
  runs,
  pre,
  learned: [
    { rule: "static", data: "", model: "static", seeds: [1], bounds },
    { rule: "mlp", data: "", model: "mlp", seeds: [1, 2], bounds },
    { rule: "linearFhs", data: "fhs|", model: "linear", seeds: [1], bounds, baseline: "fhs" },
  ],
  guards: [{ rule: "mlpGuard", of: "mlp", features: ["a"], slack: 0 }],
  reference: "static",
};

Deno.test("coreStudyPositions: seed means times their baseline, baselines as they are, guard falls back", () => {
  const [p] = coreStudyPositions(input);
  assert.deepEqual(Array.from(p.loss), [4, 5, 6]);
  assert.deepEqual(p.years, [2021, 2021, 2021]);
  const m = p.rules.mlp.multiplier!;
  [1.1, 0.9, 1.3].forEach((v, i) => assert.ok(Math.abs(m[i] - v) < 1e-12));
  assert.ok(p.rules.mlp.margin.every((v, i) => v === m[i] * 4));
  assert.deepEqual(Array.from(p.rules.linearFhs.margin), [0.9 * 5, 0.9 * 5, 0.9 * 5]);
  assert.deepEqual(Array.from(p.rules.linearFhs.fit[0]), [3, 3, 3]);
  assert.deepEqual(Array.from(p.rules.fhs.margin), [5, 5, 5]);
  assert.deepEqual(Array.from(p.rules.baselineHs.fit[0]), [2, 2, 2]);
  // x = 9 on the second test day leaves the fitted range [1, 2]: static there
  assert.deepEqual(Array.from(p.rules.mlpGuard.multiplier!), [m[0], 1.1, m[2]]);
});

Deno.test("coreStudyPositions: a missing run or baseline is named", () => {
  const learned = [...input.learned, { rule: "lstm", data: "", model: "lstm", seeds: [1], bounds }];
  assert.throws(() => coreStudyPositions({ ...input, learned }), /no run long\|lstm\|1/);
  const bad = [{ ...input.learned[2], baseline: "spn" }];
  assert.throws(() => coreStudyPositions({ ...input, learned: bad, guards: [] }), /baseline "spn"/);
});

Deno.test("addEqualCoverageJobs and coreLearnedRules: FHS matrices, variant jobs and the rule list agree", () => {
  const p = testStudyParams({
    ...TEST_WALK_FORWARD,
    features: ["rv_20d"],
    forwardFeatures: [],
    testYears: [2012],
    models: ["static", "linear"],
    floorLookback: 300,
    fhsLambda: 0.94,
    fhsBurnIn: 50,
    fhsModels: ["static", "mlp"],
    smoothness: 1,
    addOnMin: 1,
    addOnMax: 1.5,
  });
  const wf = walkForwardBatch(makeCrudePanel(750, 1), p);
  const before = wf.batch.jobs.length;
  const ccp = addEqualCoverageJobs(wf, makeCrudePanel(750, 1), p);
  const added = wf.batch.jobs.slice(before);
  // per side: mlpSmooth ×2 seeds, mlpAddOn ×2, static on FHS ×1, mlp on FHS ×2
  assert.equal(added.length, 2 * 7);
  const s = wf.study.long, f = wf.batch.data["fhs|long"];
  assert.ok(f.r.every((v, i) => v === s.loss[i] / ccp.long.fhs[i]));
  assert.deepEqual(coreLearnedRules(p).map((r) => `${r.rule}:${r.seeds.length}`), [
    "static:1",
    "linear:1",
    "mlpSmooth:2",
    "mlpAddOn:2",
    "staticFhs:1",
    "mlpFhs:2",
  ]);
});
