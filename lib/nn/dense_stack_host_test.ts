import assert from "node:assert/strict";
import { DenseStackHost } from "./dense_stack_host.ts";
import { Linear } from "./linear_op.ts";
import { multiplierObjective, objectiveAndGradient } from "./multiplier_objective.ts";
import { ensureBackend, tf } from "./tf_backend.ts";
import { createPrng } from "../core/prng.ts";

const bits = (a: Float32Array) => Array.from(new Uint32Array(a.buffer, a.byteOffset, a.length));

Deno.test("DenseStackHost: loss and gradients bit-identical to tfjs autodiff through Linear layers", async () => {
  await ensureBackend();
  const spec = { tau: 0.9, mMin: 0.8, mMax: 1.5, objective: "pinball", breachPenalty: 0.5, smoothness: 0 } as const;
  for (const [d, hidden, rows] of [[16, [64, 32], 64], [5, [7], 33], [3, [], 10]] as const) {
    let seed = 11;
    const model = tf.sequential();
    hidden.forEach((units, i) =>
      model.add(
        new Linear({
          units,
          activation: "relu",
          inputShape: i === 0 ? [d] : undefined,
          kernelInitializer: tf.initializers.heNormal({ seed: seed++ }),
          biasInitializer: tf.initializers.randomUniform({ minval: -0.1, maxval: 0.1, seed: seed++ }),
        }),
      )
    );
    model.add(
      new Linear({
        units: 1,
        inputShape: hidden.length === 0 ? [d] : undefined,
        kernelInitializer: tf.initializers.glorotUniform({ seed: seed++ }),
      }),
    );
    const rng = createPrng(3);
    const x = Float32Array.from({ length: rows * d }, () => rng.next() * 4 - 2);
    const r = Float32Array.from({ length: rows }, () => 0.8 + rng.next());
    const vars = model.trainableWeights.map((w) => w.read() as tf.Variable);
    const { value, grads } = tf.variableGrads(
      () => multiplierObjective((model.apply(tf.tensor2d(x, [rows, d])) as tf.Tensor).reshape([-1]), r, spec),
      vars,
    );
    const widths = [d, ...hidden, 1];
    const host = new DenseStackHost(
      widths.slice(1).map((units, l) => ({ inputs: widths[l], units, relu: l < hidden.length })),
    );
    const weights = vars.map((v) => v.dataSync() as Float32Array);
    const out = host.lossAndGrads(x, rows, weights, (z) => objectiveAndGradient(z, r, spec));
    assert.equal(Math.fround(out.loss), value.dataSync()[0]);
    vars.forEach((v, k) =>
      assert.deepEqual(bits(out.grads[k]), bits(grads[v.name].dataSync() as Float32Array), v.name)
    );
    const z = host.forward(x, rows, weights);
    const zt = model.predict(tf.tensor2d(x, [rows, d])) as tf.Tensor;
    assert.deepEqual(bits(z), bits(zt.dataSync() as Float32Array));
    model.dispose();
  }
});

Deno.test("DenseStackHost: layers must chain", () => {
  assert.throws(
    () => new DenseStackHost([{ inputs: 2, units: 3, relu: true }, { inputs: 4, units: 1, relu: false }]),
    RangeError,
  );
});
