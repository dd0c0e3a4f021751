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

Deno.test("transformer: host training pass = tfjs autodiff of the built model (loss and all gradients)", async () => {
  const { ensureBackend } = await import("../nn/tf_backend.ts");
  const { TRANSFORMER_SPEC } = await import("./transformer.ts");
  const { multiplierObjective, objectiveAndGradient } = await import("../nn/multiplier_objective.ts");
  const { createPrng } = await import("../core/prng.ts");
  await ensureBackend();
  const spec = { tau: 0.99, mMin: 0.8, mMax: 1.5, objective: "pinball", breachPenalty: 0, smoothness: 0 } as const;
  for (
    const [rows, c] of [[9, { lookback: 5, dModel: 8, heads: 2, layers: 1, ffn: 6 }], [64, {
      lookback: 20,
      dModel: 32,
      heads: 4,
      layers: 2,
      ffn: 64,
    }]] as const
  ) {
    const cfg = transformerConfig(c), d = 3;
    let seed = 11;
    const model = TRANSFORMER_SPEC.build(cfg, d, () => seed++, 0.4);
    const rng = createPrng(5);
    const x = Float32Array.from({ length: rows * c.lookback * d }, () => rng.next() * 4 - 2);
    const r = Float32Array.from({ length: rows }, () => 0.8 + rng.next());
    const vars = model.trainableWeights.map((w) => w.read() as tf.Variable);
    const { value, grads } = tf.variableGrads(() => {
      const z = (model.apply(tf.tensor3d(x, [rows, c.lookback, d]), { training: true }) as tf.Tensor).reshape([-1]);
      return multiplierObjective(z, r, spec);
    }, vars);
    const host = TRANSFORMER_SPEC.host!(cfg, d);
    const weights = vars.map((v) => v.dataSync() as Float32Array);
    for (let pass = 0; pass < 2; pass++) { // the second pass reuses the work arrays
      const out = host.lossAndGrads(x, rows, weights, (z) => objectiveAndGradient(z, r, spec));
      assert.ok(Math.abs(out.loss - value.dataSync()[0]) <= 1e-6 * Math.abs(value.dataSync()[0]), "loss");
      vars.forEach((v, k) => {
        const want = grads[v.name].dataSync() as Float32Array, got = out.grads[k];
        assert.equal(got.length, want.length, v.name);
        let scale = 0, err = 0;
        for (let i = 0; i < want.length; i++) scale = Math.max(scale, Math.abs(want[i]));
        for (let i = 0; i < want.length; i++) err = Math.max(err, Math.abs(got[i] - want[i]));
        assert.ok(err <= 1e-4 * scale + 1e-9, `${v.name}: max error ${err} (max |∂| ${scale})`);
      });
    }
    tf.dispose([value, ...Object.values(grads)]);
    model.dispose();
  }
});
