import assert from "node:assert/strict";
import { evaluateWalkForward } from "./walk_forward_evaluation.ts";
import { walkForwardBatch } from "./walk_forward_batch.ts";
import { runFitJobs, runKey, runSeries } from "./fit_jobs.ts";
import { makeCrudePanel } from "../testing/crude_panel_fixture.ts";
import { evaluateBacktest } from "../evaluation/evaluate_backtest.ts";
import { TEST_WALK_FORWARD, testStudyParams } from "../testing/study_params_fixture.ts";

const P = testStudyParams({
  ...TEST_WALK_FORWARD,
  features: ["rv_20d", "vix"],
  models: ["static", "linear", "mlp", "mlpHist"],
  linearRidge: 0.01,
  netEpochs: 1,
  netBatch: 64,
  netLr: 0.01,
  netPatience: 1,
  mlpHidden: [3],
  trafficSims: 200,
});

Deno.test("evaluateWalkForward: static is the benchmark, ensembles for networks only, years add up, best network", async () => {
  const wf = walkForwardBatch(makeCrudePanel(1000, 2), P);
  const runs = runSeries(wf.batch.jobs, await runFitJobs(wf.batch));
  const ev = evaluateWalkForward(wf, runs, P);
  const long = ev.sides.long.metrics;
  assert.equal(long.static.marginRatio.mean, 1);
  assert.equal(long.mlp.breachRate.n, 2);
  assert.ok(long.mlpEns && long.mlpHistEns && !("linearEns" in long) && !("staticEns" in long));
  const total = Object.values(long.byYear.mlp).reduce((s, y) => s + y.exceptions, 0);
  assert.equal(total, long.mlpEns.exceptions.mean);
  assert.deepEqual(Object.keys(long.byYear.static), ["y2012", "y2013"]);
  assert.ok(long.ablation && Number.isFinite(long.ablation.ensDmP));
  assert.ok(long.bestNetwork === "mlp" || long.bestNetwork === "mlpHist");
  const best = ev.sides.long.best!;
  assert.ok(best.lo.every((v, i) => v <= best.mean[i] + 1e-12 && best.mean[i] <= best.hi[i] + 1e-12));
  assert.ok(long.hindsightStatic.multiplier >= 0.8 && long.hindsightStatic.multiplier <= 1.5);
  // The linear model's summary is its one run's backtest.
  const lin = runs.get(runKey("long", "linear", 1))!;
  const s = wf.study.long, rows = ev.evalRows;
  const direct = evaluateBacktest({
    loss: Float64Array.from(rows, (i) => s.loss[i]),
    im: Float64Array.from(rows, (i) => s.im[i]),
    r: Float64Array.from(rows, (i) => s.r[i]),
    m: lin,
    bench: ev.sides.long.static,
    tau: 0.99,
    mpor: 2,
    zone: ev.zone,
    groups: rows.map((i) => Number(s.dates[i].slice(0, 4))),
    groupZone: () => ev.zone, // pinball and exceptions do not depend on the yearly zones
  });
  assert.equal(long.linear.pinball.mean, direct.pinball);
  assert.equal(long.linear.exceptions.mean, direct.exceptions);
  assert.throws(() => evaluateWalkForward(wf, new Map(), P), /no run long\|static\|1/);
});
