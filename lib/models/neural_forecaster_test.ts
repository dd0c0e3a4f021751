import assert from "node:assert/strict";
import { syntheticQuantileProblem } from "../testing/synthetic_quantile_problem.ts";
import { LSTM_SPEC, lstmConfig } from "./lstm.ts";
import { MLP_SPEC, mlpConfig } from "./mlp.ts";
import {
  hostOutputs,
  networkOutputs,
  type NetworkSpec,
  NeuralForecaster,
  type NeuralTrainConfig,
} from "./neural_forecaster.ts";
import { TRANSFORMER_SPEC, transformerConfig } from "./transformer.ts";
import { ensureBackend } from "../nn/tf_backend.ts";
import { createPrng } from "../core/prng.ts";

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

Deno.test("hostOutputs: each network's host prediction pass equals tfjs predict bit for bit", async () => {
  await ensureBackend();
  const d = 5, n = 150, rng = createPrng(3);
  const xs = Float32Array.from({ length: n * d }, () => rng.next() * 4 - 2);
  const nets: [NetworkSpec<NeuralTrainConfig>, NeuralTrainConfig][] = [
    [MLP_SPEC as NetworkSpec<NeuralTrainConfig>, mlpConfig({ hidden: [8, 4] })],
    [LSTM_SPEC as NetworkSpec<NeuralTrainConfig>, lstmConfig({ lookback: 6, units: 6 })],
    [
      TRANSFORMER_SPEC as NetworkSpec<NeuralTrainConfig>,
      transformerConfig({ lookback: 7, dModel: 8, heads: 2, layers: 2, ffn: 12 }),
    ],
  ];
  for (const [spec, c] of nets) {
    let seed = 1;
    const model = spec.build(c, d, () => seed++, 0.3), L = spec.lookback(c);
    const want = networkOutputs(model, xs, d, L), got = hostOutputs(spec.host!(c, d), model, xs, d, L);
    assert.deepEqual(new Uint32Array(got.buffer), new Uint32Array(want.slice().buffer), spec.kind);
    model.dispose();
  }
});
