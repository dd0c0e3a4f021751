import assert from "node:assert/strict";
import { trainingRecords } from "./surrogate_summary.ts";

Deno.test("trainingRecords: kept epoch 1-based, flagged at the cap, baselines' λ", () => {
  const h = (vals: number[]) => vals.map((val, epoch) => ({ epoch, loss: 1, val }));
  const r = trainingRecords([
    { type: "net", name: "transformer_anchor_s1", bestEpoch: 1, trainSize: 9, pred: {}, history: h([5, 3, 4, 4]) },
    { type: "net", name: "mlp_anchor_s1", bestEpoch: 2, trainSize: 9, pred: {}, history: h([5, 4, 3]) },
    { type: "ridge", name: "ridge_anchor", trainSize: 9, pred: {}, lambda: 0.01 },
    { type: "forest", name: "forest_anchor", trainSize: 5, pred: {} },
  ], (name) => (name.startsWith("mlp_") ? 3 : 10));
  assert.deepEqual(r.records.transformer_anchor_s1, {
    bestEpoch: 2,
    epochsRun: 4,
    cap: 10,
    bestAtCap: false,
    bestValMedae: 3,
    trainPortfolios: 9,
  });
  assert.equal(r.records.mlp_anchor_s1.bestAtCap, true);
  assert.deepEqual(r.ridgeLambda, { ridge_anchor: 0.01 });
  assert.deepEqual(Object.keys(r.history), ["transformer_anchor_s1", "mlp_anchor_s1"]);
});
