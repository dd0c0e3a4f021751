import assert from "node:assert/strict";
import { assembleDataset, evenlySpaced, planDatasetDays, spreadCounts } from "./dataset_plan.ts";
import { syntheticPanel } from "./synthetic_panel.ts";

Deno.test("spreadCounts / evenlySpaced: totals kept, middles of equal slices, too few dates named", () => {
  assert.deepEqual(spreadCounts(10, 4), [3, 3, 2, 2]);
  assert.equal(spreadCounts(1003, 7).reduce((a, b) => a + b), 1003);
  assert.deepEqual(evenlySpaced([0, 1, 2, 3, 4, 5, 6, 7, 8, 9], 5, "x"), [1, 3, 5, 7, 9]);
  assert.throws(() => evenlySpaced([1, 2], 3, "out-of-time"), /only 2 usable out-of-time dates, need 3/);
});

Deno.test("planDatasetDays: in-sample days then out-of-time days; ranges must not overlap", () => {
  const panel = syntheticPanel(1, 2700);
  const o = {
    historyDays: 2600,
    inSampleFrom: panel.dates[2620],
    inSampleTo: panel.dates[2660],
    ootFrom: panel.dates[2670],
    ootTo: panel.dates[2699],
    daysIn: 3,
    daysOot: 2,
    nTrain: 10,
    nVal: 4,
    nTest: 5,
    nOot: 7,
  };
  const days = planDatasetDays(panel, o);
  assert.equal(days.length, 5);
  assert.ok(days.every((d, k) => k === 0 || d.index > days[k - 1].index));
  assert.deepEqual(days[0].counts, { train: 4, val: 2, test: 2 });
  assert.deepEqual(days[4].counts, { oot: 3 });
  const ds = assembleDataset(panel, days, {}, [], [1, 2, 3, 4, 5], 250, 0);
  assert.equal(ds.stats.instrumentsRevalued, 15);
  assert.equal(ds.days[4].date, panel.dates[days[4].index]);
  assert.throws(() => planDatasetDays(panel, { ...o, ootFrom: o.inSampleTo }), /ootFrom .* must come after inSampleTo/);
});
