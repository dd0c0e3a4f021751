import assert from "node:assert/strict";
import { localExplanations, localLimeMetrics, localLimeSummary } from "./local_explanations.ts";
import { decisionTree } from "../explain/tree_ensemble.ts";
import { kernelShap } from "../explain/kernel_shap.ts";
import { gatherRows } from "../explain/sample_rows.ts";
import { createPrng } from "../core/prng.ts";

const d = 3;
const linear = (x: Float64Array, n: number) =>
  Float64Array.from({ length: n }, (_, i) => 3 * x[i * d] - 1 * x[i * d + 1] + 0.5 * x[i * d + 2]);
const tree = decisionTree({
  feature: [2, -1, -1],
  threshold: [0.5, 0, 0],
  left: [1, -1, -1],
  right: [2, -1, -1],
  value: [0, 1, 2],
  cover: [10, 5, 5],
});
const x = Float64Array.from({ length: 8 * d }, (_, i) => ((i * 7) % 5) / 4);
const s = { x, d, featureNames: ["a", "b", "c"] };

Deno.test("localExplanations: exact attributions of a linear model, ordered top features, rows in order", async () => {
  const m = { mlp: linear, forest: linear, forestMean: linear, trees: { trees: [tree], nFeatures: d } };
  const bg = x.slice(0, 4 * d);
  const loc = await localExplanations(m, s, [6, 2], bg, { seed: 1, shapSamples: 64 });
  assert.deepEqual(loc.rows.map((r) => r.t), [6, 2]);
  const mean = (j: number) => (bg[j] + bg[d + j] + bg[2 * d + j] + bg[3 * d + j]) / 4;
  for (const r of loc.rows) {
    const w = [3, -1, 0.5];
    r.phiMlp.forEach((phi, j) => assert.ok(Math.abs(phi - w[j] * (x[r.t * d + j] - mean(j))) < 1e-9));
    assert.deepEqual(r.top.map((q) => q.feature), r.order.slice(0, 3).map((j) => s.featureNames[j]));
    assert.ok(r.top.every((q, k) => k === 0 || Math.abs(q.phiMlp) <= Math.abs(r.top[k - 1].phiMlp)));
    assert.equal(r.top[0].value, x[r.t * d + r.order[0]]);
    assert.ok(Math.abs(r.mMlp - linear(x.slice(r.t * d, r.t * d + d), 1)[0]) < 1e-12);
    // TreeSHAP of the one-split tree puts everything on feature c.
    assert.equal(r.phiForestMean[0], 0);
    assert.equal(r.phiForestMean[1], 0);
  }
  await assert.rejects(() => localExplanations(m, s, [], bg, { seed: 1, shapSamples: 64 }), RangeError);
});

Deno.test("localExplanations: LIME beside KernelSHAP agrees with it on a linear model; SHAP unchanged by LIME", async () => {
  const m = { mlp: linear, forest: linear, forestMean: linear, trees: { trees: [tree], nFeatures: d } };
  const bg = x.slice(0, 5 * d);
  const loc = await localExplanations(m, s, [6, 7], bg, { seed: 3, shapSamples: 64, limeSamples: 800 });
  const direct = await kernelShap(linear, gatherRows(x, d, [6, 7]), 2, d, bg, { prng: createPrng(34), nSamples: 64 });
  assert.deepEqual(loc.mlp.values, direct.values); // the MLP's SHAP stream is seed + 31 whatever LIME does
  assert.equal(loc.limeMlp.n, 2);
  for (const r of loc.rows) {
    for (const [l, phi] of [[r.lime.mlp, r.phiMlp], [r.lime.forest, r.phiForest]] as const) {
      l.attributions.forEach((a, j) =>
        assert.ok(Math.abs(a - phi[j]) < 1e-2 * Math.abs(phi[j]) + 1e-9, `${a} vs ${phi[j]}`)
      );
      assert.ok(l.fidelity > 0.999 && l.fidelity <= 1);
      assert.ok(Math.abs(l.localPrediction - l.intercept - l.attributions.reduce((u, v) => u + v, 0)) < 1e-12);
      assert.deepEqual(l.agreement, {
        spearmanAbs: 1,
        topOverlap: 3,
        topSignAgreement: 1,
      });
    }
  }
  // The MLP's and the forest's LIME use different streams: same model, different perturbations.
  assert.notDeepEqual(loc.limeMlp.intercepts, loc.limeForest.intercepts);
});

Deno.test("localLimeMetrics / localLimeSummary: LIME's top features, flat rows counted, means over the rest", async () => {
  const flat = (_x: Float64Array, n: number) => new Float64Array(n).fill(1.5); // a forest saturated at its bound
  const m = { mlp: linear, forest: flat, forestMean: linear, trees: { trees: [tree], nFeatures: d } };
  const loc = await localExplanations(m, s, [6, 7, 2], x.slice(0, 5 * d), {
    seed: 1,
    shapSamples: 64,
    limeSamples: 300,
  });
  for (const r of loc.rows) {
    const lm = localLimeMetrics(r.lime, s.featureNames);
    const byAbs = [0, 1, 2].sort((a, b) => Math.abs(r.lime.mlp.attributions[b]) - Math.abs(r.lime.mlp.attributions[a]));
    assert.deepEqual(lm.mlp.top, byAbs.map((j) => s.featureNames[j]));
    assert.equal(lm.forest.fidelity, r.lime.forest.fidelity);
    assert.equal(lm.mlp.spearmanAbsVsShap, r.lime.mlp.agreement?.spearmanAbs);
    assert.deepEqual([lm.forest.flat, lm.forest.spearmanAbsVsShap, lm.forest.top], [true, null, []]);
  }
  const sum = localLimeSummary(loc.rows);
  const fids = loc.rows.map((r) => r.lime.mlp.fidelity);
  assert.ok(Math.abs(sum.mlp.meanFidelity! - (fids[0] + fids[1] + fids[2]) / 3) < 1e-15);
  assert.deepEqual([sum.mlp.flatRows, sum.forest.flatRows, sum.forest.rows, sum.forest.meanFidelity], [0, 3, 3, null]);
  assert.equal(sum.mlp.minFidelity, Math.min(...fids));
  assert.throws(() => localLimeSummary([]), RangeError);
});
