import assert from "node:assert/strict";
import { createPrng } from "../core/prng.ts";
import { multiplierObjective, objectiveAndGradient, type ObjectiveSpec } from "./multiplier_objective.ts";
import { ensureBackend, tf } from "./tf_backend.ts";

const BASE: ObjectiveSpec = { tau: 0.95, mMin: 0.8, mMax: 1.5, objective: "pinball", breachPenalty: 0, smoothness: 0 };
const VARIANTS: [string, ObjectiveSpec][] = [
  ["pinball", BASE],
  ["mse", { ...BASE, objective: "mse" }],
  ["pinball + breach", { ...BASE, breachPenalty: 3 }],
  ["pinball + smoothness", { ...BASE, smoothness: 2 }],
  ["mse + breach + smoothness", { ...BASE, objective: "mse", breachPenalty: 1, smoothness: 0.5 }],
];

function sample(spec: ObjectiveSpec, seed: number) {
  const rng = createPrng(seed), b = 9;
  const r = Float32Array.from({ length: b }, () => 0.6 + rng.next());
  const z = Float32Array.from({ length: spec.smoothness > 0 ? 2 * b : b }, () => 3 * rng.next() - 1.5);
  return { r, z };
}

for (const [name, spec] of VARIANTS) {
  Deno.test(`objectiveAndGradient (${name}): gradient matches central finite differences`, () => {
    const { r, z } = sample(spec, 7);
    const { dz } = objectiveAndGradient(z, r, spec);
    for (let i = 0; i < z.length; i++) {
      const h = 1e-3;
      const zp = Float32Array.from(z), zm = Float32Array.from(z);
      zp[i] += h;
      zm[i] -= h;
      const fd = (objectiveAndGradient(zp, r, spec).loss - objectiveAndGradient(zm, r, spec).loss) /
        (zp[i] - zm[i]);
      assert.ok(Math.abs(fd - dz[i]) < 1e-4 + 1e-3 * Math.abs(fd), `dz[${i}] = ${dz[i]}, finite difference ${fd}`);
    }
  });

  Deno.test(`multiplierObjective (${name}): equals the objective written with tfjs ops, value and gradient`, async () => {
    await ensureBackend();
    const { r, z } = sample(spec, 11);
    const b = r.length;
    const ref = (zt: tf.Tensor) => {
      const span = spec.mMax - spec.mMin;
      const mAll = tf.add(tf.mul(tf.sigmoid(zt), span), spec.mMin);
      const m = spec.smoothness > 0 ? mAll.slice(0, b) : mAll;
      const u = tf.sub(tf.tensor1d(r), m);
      let loss = spec.objective === "mse"
        ? tf.mean(tf.square(u))
        : tf.mean(tf.maximum(tf.mul(u, spec.tau), tf.mul(u, spec.tau - 1)));
      if (spec.breachPenalty > 0) loss = tf.add(loss, tf.mul(tf.mean(tf.square(tf.relu(u))), spec.breachPenalty));
      if (spec.smoothness > 0) {
        loss = tf.add(loss, tf.mul(tf.mean(tf.abs(tf.sub(m, mAll.slice(b, b)))), spec.smoothness));
      }
      return loss as tf.Scalar;
    };
    const zt = tf.tensor1d(z);
    const g1 = tf.valueAndGrad(ref)(zt), g2 = tf.valueAndGrad((t: tf.Tensor) => multiplierObjective(t, r, spec))(zt);
    assert.ok(Math.abs(g1.value.dataSync()[0] - g2.value.dataSync()[0]) < 1e-6);
    const a = g1.grad.dataSync(), c = g2.grad.dataSync();
    for (let i = 0; i < a.length; i++) assert.ok(Math.abs(a[i] - c[i]) < 1e-6, `grad[${i}]: ${a[i]} vs ${c[i]}`);
    tf.dispose([zt, g1.value, g1.grad, g2.value, g2.grad]);
  });
}

Deno.test("objectiveAndGradient: logits and targets of different lengths are an error", () => {
  assert.throws(() => objectiveAndGradient(new Float32Array(3), new Float32Array(2), BASE), /3 logits for 2 targets/);
  assert.throws(
    () => objectiveAndGradient(new Float32Array(2), new Float32Array(2), { ...BASE, smoothness: 1 }),
    /expected 4/,
  );
});

Deno.test("objectiveAndGradient: smoothness is μ·mean(|m − m_prev|) with subgradient ±μ/b, and 0 at no change", () => {
  const spec: ObjectiveSpec = { ...BASE, smoothness: 3 };
  const r = Float32Array.of(1, 1);
  // row 0: m above m_prev; row 1: m equal to m_prev (sign(0) = 0, no smoothness gradient)
  const z = Float32Array.of(1, 0.5, -1, 0.5);
  const plain = objectiveAndGradient(z.subarray(0, 2), r, BASE);
  const { loss, dz } = objectiveAndGradient(z, r, spec);
  const m = (v: number) => 0.8 + 0.7 / (1 + Math.exp(-v));
  assert.ok(Math.abs(loss - (plain.loss + (3 * Math.abs(m(1) - m(-1))) / 2)) < 1e-6);
  const ds = (v: number) => 0.7 * (1 / (1 + Math.exp(-v))) * (1 - 1 / (1 + Math.exp(-v)));
  assert.ok(Math.abs(dz[0] - (plain.dz[0] + (3 * ds(1)) / 2)) < 1e-6);
  assert.ok(Math.abs(dz[2] - (-3 * ds(-1)) / 2) < 1e-6);
  assert.equal(dz[1], plain.dz[1]);
  assert.ok(dz[3] === 0, `dz[3] = ${dz[3]}`);
});
