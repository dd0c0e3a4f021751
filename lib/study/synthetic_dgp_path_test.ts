import assert from "node:assert/strict";
import { buildDgpPath } from "./synthetic_dgp_path.ts";
import { syntheticDgp } from "./synthetic_dgp.ts";
import { buildSyntheticPath } from "./synthetic_path.ts";

/** sha256 of a path with every typed array as its bytes. */
async function pathHash(path: unknown): Promise<string> {
  const text = JSON.stringify(
    path,
    (_k, v) => ArrayBuffer.isView(v) ? Array.from(new Uint8Array(v.buffer, v.byteOffset, v.byteLength)).join(",") : v,
  );
  const h = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return Array.from(new Uint8Array(h), (b) => b.toString(16).padStart(2, "0")).join("");
}

Deno.test("buildSyntheticPath (buildDgpPath on the baseline DGP) keeps its bytes; skew-jump paths are well formed", async () => {
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
  // golden: the hash of buildSyntheticPath before it became buildDgpPath on the baseline DGP (commit 2c5d527)
  assert.equal(
    await pathHash(buildSyntheticPath(p, 7)),
    "1bca4d6d4553dfa3cce0eac32d52ef08973f4a076ce0588a7127508a10528983",
  );
  const sj = buildDgpPath(p, 7, syntheticDgp("skewJump"));
  assert.equal(sj.features.join(), "rv_20d,ewma_to_im,rr25_21d");
  assert.ok(sj.long.oracle.every((m) => m >= 0.8 && m <= 1.5));
});
