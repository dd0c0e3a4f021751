import assert from "node:assert/strict";
import { buildMarketDay } from "./market_day.ts";
import { syntheticPanel } from "./synthetic_panel.ts";
import { labelDay } from "./dataset.ts";
import { type DatasetDay, type DeepMarginDataset, prepareExamples } from "./training.ts";
import { inputSetTokenizer } from "./input_sets.ts";
import { runSurrogateJob, surrogateJobs } from "./surrogate_jobs.ts";

function dataset() {
  const panel = syntheticPanel(5, 2660);
  const dayOptions = { historyDays: 2600, span2TreeSteps: 20 };
  const days: DatasetDay[] = [
    { index: 2649, date: panel.dates[2649], counts: { train: 40, val: 12, test: 16 } },
    { index: 2659, date: panel.dates[2659], counts: { oot: 10 } },
  ];
  const rows = days.flatMap((d) =>
    labelDay(buildMarketDay(panel, d.index, dayOptions), d.counts, 3, { maxPositions: 12 }).rows
  );
  const stats = {
    portfolios: rows.length,
    positions: 0,
    bySet: { train: 40, val: 12, test: 16, oot: 10 },
    instrumentsRevalued: 0,
    span2Scenarios: 0,
    referenceChecked: 0,
  };
  return { panel, ds: { days, dayOptions, stats, rows } as DeepMarginDataset };
}

const plan = {
  seeds: [1, 2],
  inputs: ["anchor", "wide"] as const,
  epochs: 3,
  mlpEpochs: 4,
  sizeSplit: 6,
  smallInputs: "anchor" as const,
  transformer: { dModel: 8, heads: 2, layers: 1, dff: 16, hidden: 8 },
  mlpHidden: 8,
  forest: { trees: 2, rows: 30, maxDepth: 4 },
};

Deno.test("surrogateJobs: networks per input set and seed, baselines per input set, one small transformer", () => {
  const jobs = surrogateJobs(plan);
  assert.equal(jobs.length, 2 * (2 * 2 + 2) + 1);
  const small = jobs[jobs.length - 1];
  assert.ok(small.type === "net" && small.maxTrainSize === 6 && small.inputs === "anchor");
  for (const j of jobs) if (j.type === "net") assert.equal(j.epochs, j.config.kind === "mlp" ? 4 : 3);
  assert.deepEqual(jobs.filter((j) => j.type !== "net").map((j) => j.name), [
    "ridge_anchor",
    "forest_anchor",
    "ridge_wide",
    "forest_wide",
  ]);
});

Deno.test("runSurrogateJob: networks stop early within the cap, baselines predict every set, deterministic", async () => {
  const { panel, ds } = dataset();
  const prep = prepareExamples(ds, panel, 1000, inputSetTokenizer("anchor"));
  const settings = {
    offset: 1000,
    batchSize: 16,
    learningRate: 0.002,
    finalLearningRate: 0.0005,
    huberDelta: 0.05,
    patience: 1,
  };
  const jobs = surrogateJobs({ ...plan, seeds: [1], inputs: ["anchor"], epochs: 6 });
  for (const job of jobs) {
    const out = await runSurrogateJob(job, prep, settings, plan.forest);
    for (const s of ["val", "test", "oot"]) {
      assert.equal(out.pred[s].length, prep.bySet[s].length);
      assert.ok(out.pred[s].every(Number.isFinite));
    }
    if (out.type === "net") {
      assert.ok(out.history.length <= (job.type === "net" ? job.epochs : 0));
      // patience 1: stopped at most one epoch after the kept one
      assert.ok(out.history.length - 1 - out.bestEpoch <= 1);
    } else if (out.type === "ridge") assert.ok(out.lambda !== undefined);
    else assert.equal(out.trainSize, 30);
    if (job.type !== "net" || job.config.kind === "mlp") {
      assert.deepEqual((await runSurrogateJob(job, prep, settings, plan.forest)).pred, out.pred);
    }
  }
});

Deno.test("surrogateJobs: inputSeeds gives an input set its own seeds (networks only)", () => {
  const jobs = surrogateJobs({ ...plan, seeds: [1, 2, 3], inputSeeds: { wide: [7] } });
  const nets = jobs.filter((j) => j.type === "net").map((j) => j.name);
  assert.deepEqual(nets, [
    "transformer_anchor_s1",
    "mlp_anchor_s1",
    "transformer_anchor_s2",
    "mlp_anchor_s2",
    "transformer_anchor_s3",
    "mlp_anchor_s3",
    "transformer_wide_s7",
    "mlp_wide_s7",
    "transformer_small_anchor_s1",
  ]);
  assert.equal(jobs.filter((j) => j.type !== "net").length, 4);
});

Deno.test("runSurrogateJob: epochs of a seeded subset, plateau schedule halves the rate, history records it", async () => {
  const { panel, ds } = dataset();
  const prep = prepareExamples(ds, panel, 1000, inputSetTokenizer("anchor"));
  const settings = {
    offset: 1000,
    batchSize: 8,
    learningRate: 0.004,
    finalLearningRate: 0.001,
    huberDelta: 0.05,
    patience: 3,
    epochSample: 20,
    plateau: { factor: 0.5, patience: 1 },
  };
  const job = surrogateJobs({ ...plan, seeds: [1], inputs: ["anchor"], mlpEpochs: 12 })
    .find((j) => j.name === "mlp_anchor_s1")!;
  const out = await runSurrogateJob(job, prep, settings, plan.forest);
  assert.ok(out.type === "net");
  const h = out.history;
  assert.equal(h[0].lr, 0.004);
  for (let k = 1; k < h.length; k++) {
    const improved = h[k - 1].val < Math.min(...h.slice(0, k - 1).map((e) => e.val), Infinity);
    // the rate after epoch k-1 is halved (floored) unless epoch k-1 improved on every earlier epoch
    assert.equal(h[k].lr, improved ? h[k - 1].lr : Math.max(0.001, h[k - 1].lr! / 2), `epoch ${k}`);
  }
  assert.ok(h.length - 1 - out.bestEpoch <= 3);
  // a minimum gain no epoch can reach: the first epoch is kept, the rate halves every epoch, stop after `patience`
  const none = await runSurrogateJob(job, prep, { ...settings, minImprovement: 1e12 }, plan.forest);
  assert.ok(none.type === "net" && none.bestEpoch === 0);
  assert.deepEqual(none.history.map((e) => e.lr), [0.004, 0.004, 0.002, 0.001]);
  // the same job trained on all 40 portfolios per epoch takes other steps
  const all = await runSurrogateJob(job, prep, { ...settings, epochSample: 1000 }, plan.forest);
  assert.ok(all.type === "net" && all.history[0].loss !== h[0].loss);
});
