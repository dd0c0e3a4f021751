import assert from "node:assert/strict";
import {
  panelCoveragePositions,
  panelRuns,
  panelWalkForward,
  type PanelWalkForwardParams,
  positionTestDates,
} from "./panel_walk_forward.ts";
import { pooledFitHandler } from "./pooled_fit_jobs.ts";
import { buildPositionPanel } from "./position_panel.ts";
import { DEFAULT_POSITIONS } from "./position_definition.ts";
import { makePositionPanel } from "../testing/position_panel_fixture.ts";
import type { VariantFitOutcome } from "./variant_fit_jobs.ts";

const SERIES = buildPositionPanel(
  makePositionPanel(1500, 11),
  [DEFAULT_POSITIONS[0], DEFAULT_POSITIONS[5], DEFAULT_POSITIONS[12]],
  { mpor: 2, imTau: 0.99, lookback: 100, fhsLambda: 0.94, fhsBurnIn: 50 },
);
const LAST = Number(SERIES[0].dates.at(-1)!.slice(0, 4)) - 1;
const P: PanelWalkForwardParams = {
  mpor: 2,
  imTau: 0.99,
  tau: 0.99,
  mMin: 0.8,
  mMax: 1.5,
  embargo: 2,
  validShare: 0.2,
  testYears: [LAST - 1, LAST],
  seeds: [1, 2],
  models: ["static", "linear"],
  pooledModels: ["staticPooled", "mlpPooled"],
  poolType: "position",
  floorLookback: 300,
  linearRidge: 0.01,
  netEpochs: 2,
  netBatch: 128,
  netLr: 0.01,
  netPatience: 2,
  mlpHidden: [4],
};

async function runAll(
  jobs: ReturnType<typeof panelWalkForward>["jobs"],
  shared: ReturnType<typeof panelWalkForward>["shared"],
) {
  const out: VariantFitOutcome[] = [];
  for (const [index, job] of jobs.entries()) {
    out.push(await pooledFitHandler(job, { shared, index, worker: 0, log: () => {} }));
  }
  return out;
}

Deno.test("panelWalkForward: per-position jobs, then pooled jobs per year and seed over every position", () => {
  const wf = panelWalkForward(SERIES, P);
  assert.equal(wf.positions.length, 3);
  assert.deepEqual(wf.years, [LAST - 1, LAST]);
  // per position: 2 folds × (static once + linear once); pooled: 2 years × (static once + mlp × 2 seeds)
  assert.equal(wf.jobs.length, 3 * 2 * 2 + 2 * 3);
  const pooled = wf.jobs.filter((j) => "members" in j);
  assert.equal(pooled.length, 6);
  for (const j of pooled) {
    assert.ok("members" in j && j.members.length === 3 && j.types.join() === "cl1_long,cl1_cl2_long,ust10y_short");
    assert.ok(j.features.includes("type_ust10y_short") && j.features.includes("slope_2s10s"));
  }
  assert.deepEqual(wf.pooled.map((f) => f.data), [`pooled|${LAST - 1}`, `pooled|${LAST}`]);
  assert.throws(() => panelWalkForward(SERIES, { ...P, models: ["forest"] }), /unknown model "forest"/);
  assert.throws(() => panelWalkForward(SERIES, { ...P, testYears: [1900] }), /no position has a full test year/);
});

Deno.test("panelRuns + panelCoveragePositions: every rule on every test day and fitting row", async () => {
  const wf = panelWalkForward(SERIES, P);
  const out = await runAll(wf.jobs, wf.shared);
  const fits = panelRuns(wf, out);
  for (const q of wf.positions) {
    const n = positionTestDates(q).length, id = q.study.id;
    for (const key of ["static|1", "linear|1", "staticPooled|1", "mlpPooled|1", "mlpPooled|2"]) {
      assert.equal(fits.runs.get(`${id}|${key}`)!.length, n, `${id}|${key}`);
      const pre = fits.pre.get(`${id}|${key}`)!;
      q.folds.forEach((f, k) => assert.equal(pre[k].length, f.split.valid.end - f.split.train.start));
    }
    // the pooled static multiplier is one number per year, shared by every position
    const sp = fits.runs.get(`${id}|staticPooled|1`)!, first = q.folds[0].split;
    assert.equal(sp[0], fits.runs.get(`${wf.positions[0].study.id}|staticPooled|1`)![0]);
    assert.equal(sp[first.test.end - first.test.start - 1], sp[0]);
  }
  const positions = panelCoveragePositions(wf, fits, P);
  assert.deepEqual(Object.keys(positions[0].rules), [
    "baselineHs",
    "fhs",
    "flooredHs",
    "apcBuffer",
    "apcStressWeight",
    "apcFloor",
    "static",
    "linear",
    "staticPooled",
    "mlpPooled",
  ]);
  const pos = positions[2], q = wf.positions[2];
  assert.equal(pos.loss.length, positionTestDates(q).length);
  assert.equal(pos.rules.fhs.margin[0], q.study.fhs[q.folds[0].split.test.start]);
  assert.throws(() => panelRuns(wf, out.slice(1)), /outcomes for/);
});
