import assert from "node:assert/strict";
import { runFitJobs, runSeries } from "./fit_jobs.ts";
import { syntheticDgp } from "./synthetic_dgp.ts";
import { evaluateSynthetic } from "./synthetic_evaluation.ts";
import { buildDgpPath } from "./synthetic_dgp_path.ts";
import {
  addDgpPath,
  captureOverPaths,
  dgpRuns,
  syntheticPathHandler,
  syntheticStudyHandler,
} from "./synthetic_study.ts";

const P = {
  mpor: 2,
  imTau: 0.99,
  lookback: 100,
  contractBbl: 1000,
  tau: 0.99,
  mMin: 0.5,
  mMax: 2,
  features: ["rv_20d", "ewma_to_im"],
  forwardFeatures: [],
  embargo: 2,
  validShare: 0.2,
  seeds: [1],
  synthDays: 400,
  synthSeeds: [7, 8],
  synthPaths: 100,
  synthModels: ["static", "linear"],
  synthForward: ["atm_vol_21d", "rr25_21d"],
  synthFolds: 1,
  synthTestShare: 0.3,
  linearRidge: 0.01,
  synthExpiryDays: [21, 42],
};
const ctx = { shared: P, index: 0, worker: 0, log: () => {} };

Deno.test("syntheticPathHandler: the path of buildSyntheticPath under the named DGP with the option slices", async () => {
  const a = syntheticPathHandler({ dgp: "skewJump", seed: 7 }, ctx);
  const b = buildDgpPath(P, 7, syntheticDgp("skewJump", { market: { expiryDays: [21, 42] } }));
  assert.deepEqual(a, b);
  const c = await syntheticStudyHandler({ path: { dgp: "skewJump", seed: 7 } }, ctx);
  assert.deepEqual(c, a);
  const strikeZ = [-3, -2.4, -1.8, -1.2, -0.6, 0, 0.6, 1.2, 1.8, 2.4, 3];
  const d = syntheticPathHandler({ dgp: "baseline", seed: 7 }, {
    shared: { ...P, synthDays: 300, synthStrikeZ: strikeZ },
  });
  const e = buildDgpPath(
    { ...P, synthDays: 300 },
    7,
    syntheticDgp("baseline", { market: { expiryDays: [21, 42], strikeZ } }),
  );
  assert.deepEqual(d, e);
});

Deno.test("addDgpPath / dgpRuns / evaluateSynthetic / captureOverPaths: two DGPs with the same seeds in one batch", async () => {
  const paths = { skewJump: [7, 8], baseline: [7, 8] } as const;
  const built = Object.entries(paths).map(([dgp, seeds]) => ({
    dgp,
    paths: seeds.map((seed) => syntheticPathHandler({ dgp: dgp as "skewJump" | "baseline", seed }, ctx)),
  }));
  const batch = { data: {}, folds: {}, jobs: [] as never[], params: P };
  for (const b of built) for (const path of b.paths) addDgpPath(batch, b.dgp, path, P);
  assert.equal(Object.keys(batch.data).length, 8);
  assert.equal(batch.jobs.length, 2 * 2 * 2 * 2); // DGPs × paths × sides × models
  const runs = runSeries(batch.jobs, await runFitJobs(batch));
  for (const b of built) {
    const ev = evaluateSynthetic(b.paths, dgpRuns(runs, b.dgp), P);
    const c = captureOverPaths(ev, "long", ["linear"], { resamples: 300, seed: 4 });
    assert.equal(c.paths, 2);
    assert.equal(c.rows.length, 2);
    const pooled = ev.long.pooled.linear;
    assert.ok(Math.abs(c.models.linear.marginSaving.estimate - pooled.marginSavingCaptured) < 1e-12);
    assert.ok(Math.abs(c.models.linear.pinballGain.estimate - pooled.pinballGainCaptured) < 1e-12);
    assert.deepEqual(c, captureOverPaths(ev, "long", ["linear"], { resamples: 300, seed: 4 })); // seeded
  }
});

/** A hand-made evaluateSynthetic result: per path static, oracle and one model. */
function fake(rows: { ratio: number; pl: number; oRatio: number; oPl: number; dmP: number }[]) {
  return {
    paths: rows.map((r, i) => ({
      seed: i + 1,
      stressShare: 0.1,
      long: {
        testRows: 100,
        static: { marginRatio: 1, pinball: 1, dmStat: 0, dmP: 1 },
        oracle: { marginRatio: r.oRatio, pinball: r.oPl, dmStat: -2, dmP: r.dmP },
        mlp: { marginRatio: { mean: r.ratio }, pinball: { mean: r.pl }, dmStat: { mean: 0 }, dmP: { mean: 1 } },
      },
    })),
  } as never;
}

Deno.test("captureOverPaths: pooled ratio, bootstrap interval around it, rows, oracle-beats-static count", () => {
  const rows = Array.from({ length: 20 }, (_, i) => ({
    ratio: 0.9 - 0.005 * i,
    pl: 0.95 - 0.001 * i,
    oRatio: 0.8,
    oPl: 0.9,
    dmP: i < 12 ? 0.01 : 0.2,
  }));
  const c = captureOverPaths(fake(rows), "long", ["mlp"], { resamples: 2000, seed: 1 });
  let save = 0;
  for (const r of rows) save += 1 - r.ratio;
  assert.ok(Math.abs(c.models.mlp.marginSaving.estimate - save / (20 * 0.2)) < 1e-12);
  const iv = c.models.mlp.marginSaving;
  assert.ok(iv.lo < iv.estimate && iv.estimate < iv.hi && iv.lo > 0.5 && iv.hi < 1, JSON.stringify(iv));
  assert.equal(c.oracleBeatsStatic, 12);
  assert.ok(Math.abs(c.rows[0].marginSaving.mlp - 0.5) < 1e-12);
  assert.ok(Math.abs(c.rows[0].pinballGain.mlp - 0.5) < 1e-12);
  assert.match(c.method, /bootstrap over paths \(2000 resamples\)/);
});

Deno.test("captureOverPaths: bad input names the argument", () => {
  const m = fake([{ ratio: 0.9, pl: 0.95, oRatio: 0.8, oPl: 0.9, dmP: 0.01 }]);
  assert.throws(() => captureOverPaths(m, "long", ["forest"], { resamples: 10, seed: 1 }), /no model "forest"/);
  assert.throws(() => captureOverPaths(m, "long", ["mlp"], { resamples: 0, seed: 1 }), /resamples/);
  assert.throws(() => captureOverPaths(m, "long", ["mlp"], { resamples: 10, seed: 1, level: 1 }), /level/);
  assert.throws(() => captureOverPaths({ paths: [] }, "long", ["mlp"], { resamples: 10, seed: 1 }), /no paths/);
});
