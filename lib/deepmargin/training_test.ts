import assert from "node:assert/strict";
import { buildMarketDay } from "./market_day.ts";
import { syntheticPanel } from "./synthetic_panel.ts";
import { labelDay } from "./dataset.ts";
import {
  type DatasetDay,
  type DeepMarginDataset,
  deepMarginJobs,
  medaeUsd,
  prepareExamples,
  runTrainJob,
} from "./training.ts";

/** A two-day synthetic dataset shaped like e05's output. */
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
  const ds: DeepMarginDataset = { days, dayOptions, stats, rows };
  return { panel, ds };
}

Deno.test("deepMarginJobs: a transformer and an MLP per seed, one small-portfolio transformer", () => {
  const jobs = deepMarginJobs({
    seeds: [1, 2],
    epochs: 4,
    mlpEpochs: 30,
    sizeSplit: 10,
    transformer: { dModel: 8, heads: 2, layers: 1, dff: 16, hidden: 8 },
    mlpHidden: 12,
  });
  assert.deepEqual(jobs.map((j) => j.name), [
    "transformer_s1",
    "mlp_s1",
    "transformer_s2",
    "mlp_s2",
    "transformer_small_s1",
  ]);
  assert.equal(jobs[1].config.kind, "mlp");
  assert.equal(jobs[1].config.hidden, 12);
  assert.equal(jobs[4].maxTrainSize, 10);
  assert.equal(jobs[4].config.seed, 1);
});

Deno.test("prepareExamples → runTrainJob: deterministic, best epoch kept, every set predicted", async () => {
  const { panel, ds } = dataset();
  const prep = prepareExamples(ds, panel, 1000);
  assert.deepEqual(Object.keys(prep.bySet).sort(), ["oot", "test", "train", "val"]);
  assert.equal(prep.ex.length, ds.rows.length);
  const jobs = deepMarginJobs({
    seeds: [1],
    epochs: 2,
    mlpEpochs: 2,
    sizeSplit: 6,
    transformer: { dModel: 8, heads: 2, layers: 1, dff: 16, hidden: 8 },
    mlpHidden: 8,
  });
  const settings = { offset: 1000, batchSize: 16, learningRate: 0.002, finalLearningRate: 0.0005, huberDelta: 0.05 };
  const outcomes = [];
  for (const j of jobs) outcomes.push(await runTrainJob(j, prep, settings, () => {}, j.name === "transformer_s1"));
  const again = await runTrainJob(jobs[0], prep, settings);
  assert.deepEqual(again.pred, outcomes[0].pred);
  assert.ok(outcomes[0].weights !== undefined && outcomes[1].weights === undefined);
  assert.equal(outcomes[0].pred.test.length, prep.bySet.test.length);
  assert.ok(outcomes[2].trainSize < outcomes[0].trainSize);
  // the kept epoch is the one with the lowest validation MedAE
  const h = outcomes[0].history;
  assert.equal(h[outcomes[0].bestEpoch].val, Math.min(...h.map((e) => e.val)));
  assert.equal(
    medaeUsd(ds.rows, prep.bySet.val, outcomes[0].pred.val, 1000),
    h[outcomes[0].bestEpoch].val,
  );
});
