import assert from "node:assert/strict";
import { LstmHeadHost } from "./host_network.ts";
import { Linear } from "./linear_op.ts";
import { Lstm } from "./lstm_op.ts";
import { multiplierObjective, objectiveAndGradient } from "./multiplier_objective.ts";
import { ensureBackend, tf } from "./tf_backend.ts";
import { createPrng } from "../core/prng.ts";

const bits = (a: Float32Array) => Array.from(new Uint32Array(a.buffer, a.byteOffset, a.length));

Deno.test("LstmHeadHost: loss and gradients bit-identical to tfjs autodiff of Sequential([Lstm, Linear])", async () => {
  await ensureBackend();
  const spec = { tau: 0.99, mMin: 0.8, mMax: 1.5, objective: "pinball", breachPenalty: 0, smoothness: 0 } as const;
  for (const [rows, L, d, units] of [[64, 20, 16, 32], [13, 5, 3, 4]]) {
    const model = tf.sequential();
    model.add(
      new Lstm({
        units,
        inputShape: [L, d],
        kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }),
        recurrentInitializer: tf.initializers.orthogonal({ seed: 2 }),
      }),
    );
    model.add(new Linear({ units: 1, kernelInitializer: tf.initializers.glorotUniform({ seed: 3 }) }));
    const rng = createPrng(7);
    const x = Float32Array.from({ length: rows * L * d }, () => rng.next() * 4 - 2);
    const r = Float32Array.from({ length: rows }, () => 0.8 + rng.next());
    const vars = model.trainableWeights.map((w) => w.read() as tf.Variable);
    const { value, grads } = tf.variableGrads(() => {
      const z = (model.apply(tf.tensor3d(x, [rows, L, d]), { training: true }) as tf.Tensor).reshape([-1]);
      return multiplierObjective(z, r, spec);
    }, vars);
    const host = new LstmHeadHost({ L, d, units }, [{ inputs: units, units: 1, relu: false }]);
    const weights = vars.map((v) => v.dataSync() as Float32Array);
    for (let pass = 0; pass < 2; pass++) { // the second pass reuses the work arrays
      const out = host.lossAndGrads(x, rows, weights, (z) => objectiveAndGradient(z, r, spec));
      assert.equal(Math.fround(out.loss), value.dataSync()[0]);
      vars.forEach((v, k) =>
        assert.deepEqual(bits(out.grads[k]), bits(grads[v.name].dataSync() as Float32Array), v.name)
      );
    }
    tf.dispose([value, ...Object.values(grads)]);
    model.dispose();
  }
});

Deno.test("LstmHeadHost: the head must take the LSTM's units", () => {
  assert.throws(() => new LstmHeadHost({ L: 2, d: 1, units: 3 }, [{ inputs: 2, units: 1, relu: false }]), RangeError);
});
