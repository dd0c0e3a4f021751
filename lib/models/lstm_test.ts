import assert from "node:assert/strict";
import { runForecasterContract } from "./forecaster_contract.ts";
import { loadLstm, lstm, lstmConfig } from "./lstm.ts";
import { tf } from "./tf_backend.ts";

runForecasterContract({
  name: "lstm",
  make: (o) => lstm({ lookback: 4, units: 8, epochs: 25, batchSize: 32, learningRate: 1e-2, patience: 6, ...o }),
  load: loadLstm,
  liveTensors: () => tf.memory().numTensors,
});

Deno.test("lstm: config validation names the key", () => {
  assert.throws(() => lstmConfig({ lookback: 0 }), /lookback/);
  assert.throws(() => lstmConfig({ units: 1.5 }), /units/);
});
