import assert from "node:assert/strict";
import { runForecasterContract } from "../testing/forecaster_contract.ts";
import { loadTransformer, transformer, transformerConfig } from "./transformer.ts";
import { tf } from "../nn/tf_backend.ts";

runForecasterContract({
  name: "transformer",
  make: (o) =>
    transformer({
      lookback: 4,
      dModel: 8,
      heads: 2,
      ffn: 16,
      epochs: 25,
      batchSize: 32,
      learningRate: 1e-2,
      patience: 6,
      ...o,
    }),
  load: loadTransformer,
  liveTensors: () => tf.memory().numTensors,
});

Deno.test("transformer: heads must divide dModel", () => {
  assert.throws(() => transformerConfig({ dModel: 10, heads: 3 }), /divisible/);
  assert.throws(() => transformerConfig({ layers: 0 }), /layers/);
});
