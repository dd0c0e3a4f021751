import assert from "node:assert/strict";
import { runForecasterContract } from "../testing/forecaster_contract.ts";
import { loadLstm, lstm, lstmConfig } from "./lstm.ts";
import { tf } from "../nn/tf_backend.ts";

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

Deno.test("lstm: history fills the first windows exactly as in one long frame", async () => {
  const { syntheticQuantileProblem } = await import("../testing/synthetic_quantile_problem.ts");
  const p = syntheticQuantileProblem({ nTrain: 100, nValid: 30, nTest: 40, seed: 4, tau: 0.9 });
  const f = lstm({ tau: 0.9, lookback: 5, units: 4, epochs: 2 });
  await f.fit(p.train, p.valid);
  const d = p.test.d, k = 12;
  const full = f.predict(p.test.x);
  const tail = f.predict(p.test.x.slice(k * d), { history: p.test.x.slice(0, k * d) });
  assert.deepEqual(tail, full.slice(k));
  const padded = f.predict(p.test.x.slice(k * d));
  assert.notDeepEqual(padded.slice(0, 4), full.slice(k, k + 4), "without history the first windows are edge-padded");
  assert.deepEqual(padded.slice(4), full.slice(k + 4));
  assert.throws(() => f.predict(p.test.x, { history: Float64Array.of(NaN, 0, 0) }), /history/);
  f.dispose();
});
