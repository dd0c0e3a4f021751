import assert from "node:assert/strict";
import { hyperParams } from "./hyper_params.ts";
import { makeModel } from "./model_factory.ts";

const base = {
  tau: 0.99,
  mMin: 0.8,
  mMax: 1.5,
  netEpochs: 2,
  netBatch: 32,
  netLr: 0.003,
  netPatience: 2,
  mlpHidden: [16, 8],
  seqLookback: 5,
  lstmUnits: 8,
  trfDModel: 8,
  trfHeads: 2,
  trfFfn: 16,
};

Deno.test("hyperParams: the MLP takes widths, depth, learning rate and weight decay", () => {
  const q = hyperParams(base, { hidden: [32, 16, 4], lr: 0.01, weightDecay: 1e-4 });
  assert.deepEqual([q.mlpHidden, q.netLr, q.netWeightDecay], [[32, 16, 4], 0.01, 1e-4]);
  assert.equal(q.lstmUnits, 8); // other kinds' fields unchanged
  assert.deepEqual(base.mlpHidden, [16, 8]); // the input is not mutated
});

Deno.test("hyperParams: the LSTM takes its units and learning rate; the Transformer its width and 2x FFN", () => {
  const l = hyperParams(base, { hidden: [16], lr: 0.01, weightDecay: 0 }, "lstm");
  assert.deepEqual([l.lstmUnits, l.netLr, l.mlpHidden], [16, 0.01, [16, 8]]);
  const t = hyperParams(base, { hidden: [4], lr: 0.001, weightDecay: 0 }, "transformer");
  assert.deepEqual([t.trfDModel, t.trfFfn, t.trfHeads, t.netLr], [4, 8, 2, 0.001]);
  // the factory builds each configured network
  for (const [kind, q] of [["lstm", l], ["transformer", t]] as const) makeModel(kind, q, 1).dispose();
});

Deno.test("hyperParams: a configuration a kind cannot take is an error naming it", () => {
  assert.throws(
    () => hyperParams(base, { hidden: [8, 4], lr: 0.01, weightDecay: 0 }, "lstm"),
    /a lstm takes one width, got 8-4/,
  );
  assert.throws(
    () => hyperParams(base, { hidden: [8], lr: 0.01, weightDecay: 1e-4 }, "transformer"),
    /transformer has no weight decay, got 0.0001/,
  );
  assert.throws(
    () => hyperParams(base, { hidden: [5], lr: 0.01, weightDecay: 0 }, "transformer"),
    /width 5 is not a multiple of trfHeads 2/,
  );
  assert.throws(() => hyperParams(base, { hidden: [5], lr: 0.01, weightDecay: 0 }, "forest"), /model "forest"/);
});
