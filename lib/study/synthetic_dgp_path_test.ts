import assert from "node:assert/strict";
import { buildDgpPath } from "./synthetic_dgp_path.ts";
import { syntheticDgp } from "./synthetic_dgp.ts";
import { buildSyntheticPath } from "./synthetic_path.ts";

Deno.test("buildDgpPath on the baseline DGP is buildSyntheticPath, byte for byte; skew-jump paths are well formed", () => {
  const p = {
    mpor: 2,
    imTau: 0.99,
    lookback: 100,
    contractBbl: 1000,
    tau: 0.99,
    mMin: 0.8,
    mMax: 1.5,
    features: ["rv_20d", "ewma_to_im"],
    forwardFeatures: [],
    embargo: 2,
    validShare: 0.2,
    seeds: [1],
    synthDays: 300,
    synthSeeds: [7],
    synthPaths: 100,
    synthModels: ["static"],
    synthForward: ["rr25_21d"],
    synthFolds: 1,
    synthTestShare: 0.3,
  };
  assert.deepEqual(buildDgpPath(p, 7, syntheticDgp("baseline")), buildSyntheticPath(p, 7));
  const sj = buildDgpPath(p, 7, syntheticDgp("skewJump"));
  assert.equal(sj.features.join(), "rv_20d,ewma_to_im,rr25_21d");
  assert.ok(sj.long.oracle.every((m) => m >= 0.8 && m <= 1.5));
});
