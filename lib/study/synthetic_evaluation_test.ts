import assert from "node:assert/strict";
import { evaluateSynthetic } from "./synthetic_evaluation.ts";
import { buildSyntheticPath, syntheticJobs } from "./synthetic_path.ts";
import { runFitJobs, runKey, runSeries } from "./fit_jobs.ts";
import { syntheticKey } from "./synthetic_path.ts";
import { testStudyParams } from "../testing/study_params_fixture.ts";

const P = testStudyParams({
  lookback: 100,
  features: ["rv_20d", "ewma_to_im"],
  forwardFeatures: [],
  embargo: 2,
  validShare: 0.2,
  seeds: [1],
  synthDays: 600,
  synthSeeds: [3, 4],
  synthPaths: 100,
  synthModels: ["static", "linear"],
  synthForward: ["atm_vol_21d"],
  synthFolds: 1,
  synthTestShare: 0.4,
  linearRidge: 0.01,
});

Deno.test("evaluateSynthetic: the oracle captures all of its gain, static none; across-path means of per-path values", async () => {
  const paths = P.synthSeeds.map((seed) => buildSyntheticPath(P, seed));
  const jobs = paths.flatMap((path) => syntheticJobs(path, P));
  const data: Record<string, typeof paths[0]["long"]["data"]> = {}, folds: Record<string, never[]> = {};
  for (const path of paths) {
    for (const side of ["long", "short"] as const) {
      data[syntheticKey(path.seed, side)] = path[side].data;
      (folds as Record<string, unknown>)[syntheticKey(path.seed, side)] = path[side].folds.map((f) => f.split);
    }
  }
  const runs = runSeries(jobs, await runFitJobs({ data, folds, jobs, params: P }));
  assert.ok(runs.has(runKey(syntheticKey(3, "long"), "linear", 1)));
  const out = evaluateSynthetic(paths, runs, P);
  assert.equal(out.nPaths, 2);
  assert.deepEqual(out.seeds, [3, 4]);
  for (const side of ["long", "short"] as const) {
    for (const p of out.paths) {
      const o = p[side].oracle as Record<string, number>, st = p[side].static as Record<string, { mean: number }>;
      assert.ok(Math.abs(o.pinballGainCaptured - 1) < 1e-12);
      assert.ok(Math.abs(st.pinballGainCaptured.mean) < 1e-12);
    }
    const lin = out[side].linear as Record<string, { mean: number; n: number }>;
    const perPath = out.paths.map((p) => (p[side].linear as Record<string, { mean: number }>).pinball.mean);
    assert.ok(Math.abs(lin.pinball.mean - (perPath[0] + perPath[1]) / 2) < 1e-15);
    assert.equal(lin.pinball.n, 2);
    assert.ok(Math.abs(out[side].pooled.static.pinballGainCaptured) < 1e-12);
  }
});
