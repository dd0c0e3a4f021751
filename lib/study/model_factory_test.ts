import assert from "node:assert/strict";
import { historyRows, isNetwork, makeModel, MODEL_KINDS, type ModelParams, modelSeeds } from "./model_factory.ts";

const P: ModelParams = {
  tau: 0.99,
  mMin: 0.8,
  mMax: 1.5,
  netEpochs: 3,
  netBatch: 32,
  netLr: 0.01,
  netPatience: 2,
  mlpHidden: [4],
  seqLookback: 5,
  lstmUnits: 3,
  trfDModel: 4,
  trfHeads: 2,
  trfFfn: 8,
  forestTrees: 3,
  forestMaxDepth: 4,
  forestMinLeaf: 10,
  forestMaxRows: 100,
  linearRidge: 0.1,
};

Deno.test("makeModel: every kind gets the shared parameters under the model's own names", () => {
  for (const kind of MODEL_KINDS) {
    const m = makeModel(kind, P, 7);
    const c = m.config as unknown as Record<string, unknown>;
    assert.deepEqual([c.tau, c.mMin, c.mMax, c.seed], [0.99, 0.8, 1.5, 7], kind);
    m.dispose();
  }
  const cfg = (kind: string) => makeModel(kind, P, 1).config as unknown as Record<string, unknown>;
  assert.equal(cfg("forest").nEstimators, 3);
  assert.equal(cfg("forest").maxTrainRows, 100);
  assert.equal(cfg("linear").ridge, 0.1);
  assert.deepEqual(cfg("mlp").hidden, [4]);
  assert.equal(cfg("mlp").epochs, 3);
  assert.equal(cfg("lstm").units, 3);
  assert.equal(cfg("lstm").lookback, 5);
  assert.equal(cfg("transformer").dModel, 4);
  assert.equal(cfg("transformer").heads, 2);
});

Deno.test("makeModel: a missing parameter or an unknown kind is a RangeError naming it", () => {
  const base = { tau: 0.99, mMin: 0.8, mMax: 1.5 };
  assert.equal(makeModel("static", base, 1).kind.length > 0, true);
  assert.throws(() => makeModel("mlp", base, 1), /model "mlp" needs parameter "netEpochs"/);
  assert.throws(() => makeModel("forest", base, 1), /needs parameter "forestTrees"/);
  assert.throws(() => makeModel("svm", P, 1), /unknown model "svm"/);
  // The model's own validation still applies.
  assert.throws(() => makeModel("static", { ...base, mMin: 2 }, 1), RangeError);
});

Deno.test("isNetwork / historyRows / modelSeeds", () => {
  assert.deepEqual(MODEL_KINDS.filter(isNetwork), ["mlp", "lstm", "transformer"]);
  assert.equal(historyRows("lstm", P), 4);
  assert.equal(historyRows("transformer", P), 4);
  assert.equal(historyRows("mlp", P), 0);
  assert.throws(() => historyRows("lstm", { tau: 0.99, mMin: 0.8, mMax: 1.5 }), /seqLookback/);
  assert.deepEqual(modelSeeds("mlp", [3, 4]), [3, 4]);
  assert.deepEqual(modelSeeds("forest", [3, 4]), [3]);
  assert.throws(() => modelSeeds("mlp", []), RangeError);
});
