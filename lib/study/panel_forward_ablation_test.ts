import assert from "node:assert/strict";
import { forwardAblation, historyModel, historyOnlyJobs } from "./panel_forward_ablation.ts";
import type { CoveragePosition } from "./equal_coverage_study.ts";
import { createPrng } from "../core/prng.ts";

Deno.test("historyOnlyJobs: drops exactly the forward features (a pooled job: its members' union), renames", () => {
  const wf = {
    positions: [
      { study: { id: "oil" }, series: { forwardFeatures: ["ovx", "curve_slope"] } },
      { study: { id: "ust" }, series: { forwardFeatures: ["yield_level"] } },
    ],
  };
  const jobs = [
    {
      data: "oil",
      fold: 1,
      model: "linear",
      kind: "linear" as const,
      seed: 1,
      features: ["rv_20d", "ovx", "curve_slope"],
    },
    { data: "ust", fold: 0, model: "mlp", kind: "mlp" as const, seed: 2, features: ["rv_20d", "yield_level"] },
    {
      data: "pooled|2020",
      fold: 0,
      model: "mlpPooled",
      kind: "mlp" as const,
      seed: 3,
      features: ["rv_20d", "ovx", "curve_slope", "yield_level", "type_oil", "type_ust"],
      members: [{ id: "oil", fold: 1, type: "oil" }, { id: "ust", fold: 0, type: "ust" }],
      types: ["oil", "ust"],
    },
  ];
  const h = historyOnlyJobs(wf, jobs, ["linear", "mlpPooled"]);
  assert.deepEqual(h.map((j) => j.model), ["linearHist", "mlpHistPooled"]);
  assert.deepEqual(h[0].features, ["rv_20d"]);
  assert.deepEqual(h[1].features, ["rv_20d", "type_oil", "type_ust"]);
  assert.equal(h[0].fold, 1);
  assert.equal(h[1].seed, 3);
  assert.equal(historyModel("linearPooled"), "linearHistPooled");
  assert.throws(() => historyOnlyJobs(wf, [{ ...jobs[0], data: "gas" }], ["linear"]), /position "gas" is not/);
  assert.throws(() => historyOnlyJobs(wf, [{ ...jobs[0], features: ["ovx"] }], ["linear"]), /no history feature/);
});

function position(id: string, n: number, seed: number, withM: (i: number) => number): CoveragePosition {
  const rng = createPrng(seed);
  const base = new Float64Array(n).fill(1), loss = Float64Array.from({ length: n }, () => rng.normal() * 0.4);
  const rule = (m: Float64Array) => ({
    margin: m.slice(),
    fit: [m.slice()],
    multiplier: m,
    bounds: [0.8, 1.5] as const,
  });
  const flat = new Float64Array(n).fill(1);
  const good = Float64Array.from({ length: n }, (_, i) => withM(i));
  return {
    id,
    loss,
    base,
    years: new Array(n).fill(2020),
    foldSizes: [n],
    fitLoss: [loss],
    rules: { static: rule(flat), fwd: rule(good), hist: rule(flat.slice()) },
  };
}

Deno.test("forwardAblation: identical twins give DM p 1 and ratio 1; a pinball-worse model has a positive DM stat", () => {
  const n = 300, dates = Array.from({ length: n }, (_, i) => `d${String(i).padStart(4, "0")}`);
  const o = { tau: 0.95, mpor: 2, blockLength: 10, resamples: 200, seed: 1 };
  const same = [position("a", n, 1, () => 1), position("b", n, 2, () => 1)];
  const r = forwardAblation(same, [dates, dates], { all: [0, 1] }, { fwd: "hist" }, o);
  assert.equal(r.all.fwd.dmP, 1);
  assert.equal(r.all.fwd.marginRatio.estimate, 1);
  assert.equal(r.all.fwd.days, n);
  // a multiplier far above the loss quantile: higher pinball loss than the twin
  const worse = [position("a", n, 1, () => 1.5), position("b", n, 2, () => 1.5)];
  const w = forwardAblation(worse, [dates, dates.slice()], { all: [0, 1], a: [0] }, { fwd: "hist" }, o);
  assert.ok(w.all.fwd.dmStat > 0 && w.all.fwd.pinballWith > w.all.fwd.pinballWithout);
  assert.equal(w.a.fwd.positions, 1);
  assert.throws(
    () => forwardAblation(same, [dates, dates], { all: [0] }, { fwd: "nope" }, o),
    /position a has no multiplier of rule "nope"/,
  );
  assert.throws(() => forwardAblation(same, [dates], { all: [0] }, { fwd: "hist" }, o), /1 date lists, 2 positions/);
});
