import assert from "node:assert/strict";
import { syntheticQuantileProblem } from "../testing/synthetic_quantile_problem.ts";
import { LSTM_SPEC, lstmConfig } from "./lstm.ts";
import { MLP_SPEC, mlpConfig } from "./mlp.ts";
import { type NetworkSpec, NeuralForecaster, type NeuralTrainConfig } from "./neural_forecaster.ts";

const cases: [string, NetworkSpec<NeuralTrainConfig>, NeuralTrainConfig][] = [
  [
    "mlp",
    MLP_SPEC as NetworkSpec<NeuralTrainConfig>,
    mlpConfig({ hidden: [16, 8], epochs: 3, seed: 4, smoothness: 0.05, breachPenalty: 0.5 }),
  ],
  [
    "lstm",
    LSTM_SPEC as NetworkSpec<NeuralTrainConfig>,
    lstmConfig({ lookback: 5, units: 6, epochs: 2, seed: 4, smoothness: 0.05 }),
  ],
];

for (const [name, spec, config] of cases) {
  Deno.test(`${name}: host training is bit-identical to tfjs autodiff training and deterministic`, async () => {
    const { train, valid, test } = syntheticQuantileProblem({ nTrain: 240, nValid: 50, nTest: 30, seed: 9, tau: 0.99 });
    const { host: _host, ...tfjsSpec } = spec;
    const out = [];
    for (const s of [spec, spec, tfjsSpec]) {
      const f = new NeuralForecaster(s, config);
      const rep = await f.fit(train, valid);
      out.push({ m: f.predict(test.x), loss: rep.trainLoss });
      f.dispose();
    }
    assert.deepEqual(out[0], out[1]);
    assert.deepEqual(out[0], out[2]);
  });
}
