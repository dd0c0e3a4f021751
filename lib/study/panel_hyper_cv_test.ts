import assert from "node:assert/strict";
import {
  innerSplit,
  panelChoices,
  panelCvJobs,
  type PanelCvOutcome,
  panelFitHandler,
  withHyper,
} from "./panel_hyper_cv.ts";
import { panelWalkForward } from "./panel_walk_forward.ts";
import { buildPositionPanel } from "./position_panel.ts";
import { DEFAULT_POSITIONS } from "./position_definition.ts";
import { makePositionPanel } from "../testing/position_panel_fixture.ts";
import type { FitShared } from "./fit_jobs.ts";
import type { StudyMatrix } from "./dataset.ts";

const series = buildPositionPanel(makePositionPanel(1400, 5), DEFAULT_POSITIONS.slice(11), {
  mpor: 2,
  imTau: 0.99,
  lookback: 100,
  fhsLambda: 0.94,
  fhsBurnIn: 50,
});
const last = Number(series[0].dates.at(-1)!.slice(0, 4)) - 1;
const params = {
  mpor: 2,
  imTau: 0.99,
  tau: 0.99,
  mMin: 0.8,
  mMax: 1.5,
  embargo: 2,
  validShare: 0.2,
  testYears: [last],
  seeds: [1, 2],
  models: ["static", "mlp"],
  pooledModels: ["mlpPooled"],
  poolType: "position" as const,
  floorLookback: 300,
  netEpochs: 4,
  netBatch: 64,
  netLr: 0.003,
  netPatience: 2,
  mlpHidden: [4],
  cvFolds: 2,
  cvTrainRows: 300,
};
const wf = panelWalkForward(series, params);
const grid = [{ hidden: [4], lr: 0.01, weightDecay: 0 }, { hidden: [6, 3], lr: 0.003, weightDecay: 1e-4 }];
const ctx = (shared: FitShared) => ({ shared, index: 0, worker: 0, log: () => {} });

async function runCv(shared: FitShared): Promise<PanelCvOutcome[]> {
  const jobs = panelCvJobs(wf, grid, { cvFolds: 2, cvTrainRows: 300, seed: 1 });
  const out: PanelCvOutcome[] = [];
  for (const j of jobs) out.push(await panelFitHandler(j, ctx(shared)) as PanelCvOutcome);
  return out;
}

Deno.test("innerSplit: inside the outer fitting rows, embargoed, validation years disjoint", () => {
  for (const q of wf.positions) {
    const outer = q.folds[0].split;
    const s = [0, 1].map((k) => innerSplit(q.study.dates, outer, k, { ...params, horizon: 2 }));
    for (const x of s) {
      assert.ok(x.train.start >= outer.train.start && x.valid.end <= outer.valid.end, q.study.id);
      assert.ok(x.train.end + 2 + 2 <= x.valid.start, "embargo");
      assert.ok(x.train.end - x.train.start <= 300 && x.train.end - x.train.start >= 50);
      assert.equal(x.test.start, x.test.end);
    }
    assert.ok(s[0].valid.end <= s[1].valid.start);
    assert.equal(q.study.dates[s[1].valid.start].slice(0, 4), String(last - 1));
  }
});

Deno.test("CV: no look-ahead — rows after each member's outer fitting rows do not change any CV score", async () => {
  const a = await runCv(wf.shared);
  // overwrite every feature and target from the outer validation end on (the test year and the purge)
  const data: Record<string, StudyMatrix> = {};
  for (const [id, m] of Object.entries(wf.shared.data)) {
    const end = wf.shared.folds[id][0].valid.end, x = m.x.slice(), r = m.r.slice();
    for (let i = end * m.d; i < x.length; i++) x[i] = 1e3;
    for (let i = end; i < r.length; i++) r[i] = -7;
    data[id] = { ...m, x, r };
  }
  const b = await runCv({ ...wf.shared, data });
  assert.deepEqual(b.map((o) => o.loss), a.map((o) => o.loss));
  assert.ok(a.every((o) => Number.isFinite(o.loss) && o.bestEpoch >= 1 && o.epochs <= params.netEpochs));
});

Deno.test("CV: the same seed gives the same scores and choice; the choice reaches every network job of its year", async () => {
  const jobs = panelCvJobs(wf, grid, { cvFolds: 2, cvTrainRows: 300, seed: 1 });
  assert.equal(jobs.length, grid.length * 2);
  const c1 = panelChoices(jobs, await runCv(wf.shared), grid);
  const c2 = panelChoices(jobs, await runCv(wf.shared), grid);
  assert.deepEqual(c1, c2);
  assert.equal(c1[0].year, last);
  assert.deepEqual(c1[0].hyper, grid[c1[0].chosen]);
  const tuned = withHyper(wf, wf.jobs, c1);
  for (const j of tuned) assert.deepEqual(j.hyper, j.kind === "mlp" ? grid[c1[0].chosen] : undefined, j.model);
  // a configured job fits with its configuration (a different network than the batch's default)
  const net = tuned.find((j) => j.kind === "mlp" && !("members" in j))!;
  const other = { ...net, hyper: grid[1 - c1[0].chosen] };
  const [o1, o2] = [await panelFitHandler(net, ctx(wf.shared)), await panelFitHandler(other, ctx(wf.shared))];
  assert.notDeepEqual(Array.from((o1 as { m: Float64Array }).m), Array.from((o2 as { m: Float64Array }).m));
});

Deno.test("panelCvJobs and panelChoices: errors name the argument", () => {
  assert.throws(() => panelCvJobs(wf, [], { cvFolds: 2, cvTrainRows: 300, seed: 1 }), /empty grid/);
  assert.throws(() => panelCvJobs(wf, grid, { cvFolds: 0, cvTrainRows: 300, seed: 1 }), /cvFolds must be >= 1, got 0/);
  assert.throws(() => panelCvJobs(wf, grid, { cvFolds: 2, cvTrainRows: 0, seed: 1 }), /cvTrainRows must be >= 1/);
  const noNet = { ...wf, jobs: wf.jobs.filter((j) => j.kind !== "mlp") };
  assert.throws(() => panelCvJobs(noNet, grid, { cvFolds: 2, cvTrainRows: 300, seed: 1 }), /no pooled MLP job/);
  const jobs = panelCvJobs(wf, grid, { cvFolds: 2, cvTrainRows: 300, seed: 1 });
  assert.throws(() => panelChoices(jobs, [], grid), /0 outcomes, 4 jobs/);
  assert.throws(() => withHyper(wf, wf.jobs, []), /no configuration chosen/);
});
