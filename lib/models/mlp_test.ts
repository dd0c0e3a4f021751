import assert from "node:assert/strict";
import { runForecasterContract } from "../testing/forecaster_contract.ts";
import { loadMlp, mlp, mlpConfig } from "./mlp.ts";
import { tf } from "../nn/tf_backend.ts";

const small = { hidden: [16], epochs: 40, batchSize: 32, learningRate: 1e-2, patience: 8 };

runForecasterContract({
  name: "mlp",
  make: (o) => mlp({ ...small, ...o }),
  load: loadMlp,
  liveTensors: () => tf.memory().numTensors,
});

Deno.test("mlp: config validation names the key", () => {
  assert.throws(() => mlpConfig({ hidden: [0] }), /hidden\[0\]/);
  assert.throws(() => mlpConfig({ epochs: 0 }), /epochs/);
  assert.throws(() => mlpConfig({ learningRate: -1 }), /learningRate/);
  assert.throws(() => mlpConfig({ foo: 1 } as never), /unknown config key "foo"/);
  assert.throws(() => mlpConfig({ objective: "mae" as "mse" }), /objective/);
});

Deno.test("mlp: breach and smoothness penalties train and change the fit", async () => {
  const { syntheticQuantileProblem } = await import("../testing/synthetic_quantile_problem.ts");
  const p = syntheticQuantileProblem({ nTrain: 200, nValid: 60, nTest: 50, seed: 2, tau: 0.9 });
  const plain = mlp({ ...small, tau: 0.9, epochs: 10 });
  const pen = mlp({ ...small, tau: 0.9, epochs: 10, breachPenalty: 5, smoothness: 1 });
  const r1 = await plain.fit(p.train, p.valid), r2 = await pen.fit(p.train, p.valid);
  assert.ok(r2.trainLoss.every(Number.isFinite));
  assert.notDeepEqual(plain.predict(p.test.x), pen.predict(p.test.x));
  assert.ok(r1.validLoss.length === r1.epochs);
  plain.dispose(), pen.dispose();
});

Deno.test("mlp: objective mse learns a regression target (e.g. the backtest-optimal multiplier)", async () => {
  const { syntheticQuantileProblem } = await import("../testing/synthetic_quantile_problem.ts");
  const p = syntheticQuantileProblem({ nTrain: 300, nValid: 60, nTest: 50, seed: 6, tau: 0.9 });
  // Target: a deterministic multiplier 1.1 + 0.2·x1 (inside the bounds).
  const target = (ds: typeof p.train) => ({ ...ds, r: Float64Array.from(ds.r, (_, i) => 1.1 + 0.2 * ds.x[i * ds.d]) });
  const f = mlp({ ...small, objective: "mse", epochs: 60 });
  await f.fit(target(p.train), target(p.valid));
  const m = f.predict(p.test.x), t = target(p.test).r;
  let mse = 0;
  for (let i = 0; i < m.length; i++) mse += (m[i] - t[i]) ** 2 / m.length;
  assert.ok(mse < 1e-3, `mse ${mse}`);
  f.dispose();
});
