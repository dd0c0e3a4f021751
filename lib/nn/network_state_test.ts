import assert from "node:assert/strict";
import { decodeNetworkState, encodeNetworkState } from "./network_state.ts";
import { ensureBackend, tf } from "./tf_backend.ts";

Deno.test("network state: JSON round trip restores exact weights; a wrong architecture or malformed state is an error", async () => {
  await ensureBackend();
  const build = (d: number, units = 3) =>
    tf.sequential({
      layers: [
        tf.layers.dense({ units, inputShape: [d], kernelInitializer: tf.initializers.glorotUniform({ seed: 4 }) }),
      ],
    });
  const net = { model: build(2), scaler: { mean: Float64Array.of(1, -2), sd: Float64Array.of(0.5, 3) }, d: 2 };
  const saved = JSON.parse(JSON.stringify(encodeNetworkState(net)));
  const back = decodeNetworkState("demo", saved, (d) => build(d, 3));
  assert.deepEqual(back.scaler, net.scaler);
  assert.equal(back.d, 2);
  back.model.weights.forEach((w, i) => assert.deepEqual(w.read().dataSync(), net.model.weights[i].read().dataSync()));
  const noBias = (d: number) =>
    tf.sequential({ layers: [tf.layers.dense({ units: 3, inputShape: [d], useBias: false })] });
  assert.throws(
    () => decodeNetworkState("demo", saved, noBias),
    /demo: saved state has 2 weight arrays, the architecture has 1/,
  );
  assert.throws(() => decodeNetworkState("demo", { d: 1.5 }, build), /demo: malformed saved state/);
  net.model.dispose();
  back.model.dispose();
});
