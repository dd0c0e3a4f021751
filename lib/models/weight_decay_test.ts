import assert from "node:assert/strict";
import { addWeightDecay } from "./weight_decay.ts";
import { mlp } from "./mlp.ts";
import { syntheticQuantileProblem } from "../testing/synthetic_quantile_problem.ts";

Deno.test("addWeightDecay: the gradient is the finite difference of the penalty, biases untouched", () => {
  const w = [Float32Array.of(0.5, -1.25, 2), Float32Array.of(3)], lambda = 0.3;
  const penalty = (ws: Float32Array[]) =>
    addWeightDecay({ loss: 0, grads: ws.map((x) => new Float32Array(x.length)) }, ws, [true, false], lambda);
  const g = penalty(w).grads;
  for (let k = 0; k < w.length; k++) {
    for (let i = 0; i < w[k].length; i++) {
      const up = w.map((x) => Float64Array.from(x)), dn = w.map((x) => Float64Array.from(x));
      const eps = 1e-3;
      up[k][i] += eps;
      dn[k][i] -= eps;
      // the penalty in float64 on the perturbed weights
      const pen = (ws: Float64Array[]) => 0.5 * lambda * ws[0].reduce((s, v) => s + v * v, 0);
      const fd = (pen(up) - pen(dn)) / (2 * eps);
      assert.ok(Math.abs(g[k][i] - fd) < 1e-5, `variable ${k}[${i}]: ${g[k][i]} vs ${fd}`);
    }
  }
  assert.equal(g[1][0], 0);
  assert.ok(Math.abs(penalty(w).loss - 0.5 * lambda * (0.25 + 1.5625 + 4)) < 1e-9);
});

Deno.test("addWeightDecay: validation names the argument", () => {
  const out = { loss: 0, grads: [new Float32Array(2)] };
  assert.throws(() => addWeightDecay(out, [new Float32Array(2)], [true], -1), /lambda must be >= 0, got -1/);
  assert.throws(() => addWeightDecay(out, [new Float32Array(2)], [true], NaN), /lambda/);
  assert.throws(() => addWeightDecay(out, [new Float32Array(2), new Float32Array(1)], [true], 1), /2 weights, 1 grad/);
  assert.throws(() => addWeightDecay(out, [new Float32Array(3)], [true], 1), /variable 0 has 3 weights, 2 grads/);
});

Deno.test("mlp weightDecay: 0 trains bit for bit as the default, > 0 shrinks the kernels", async () => {
  const { train, valid, test } = syntheticQuantileProblem({ nTrain: 400, nValid: 100, nTest: 50, seed: 3, tau: 0.9 });
  const cfg = { hidden: [8], epochs: 15, batchSize: 32, learningRate: 1e-2, patience: 50, tau: 0.9, seed: 2 };
  const a = mlp(cfg), b = mlp({ ...cfg, weightDecay: 0 }), c = mlp({ ...cfg, weightDecay: 0.5 });
  await a.fit(train, valid);
  await b.fit(train, valid);
  const rc = await c.fit(train, valid);
  assert.deepEqual(Array.from(a.predict(test.x)), Array.from(b.predict(test.x)));
  assert.notDeepEqual(Array.from(a.predict(test.x)), Array.from(c.predict(test.x)));
  assert.ok(rc.epochs >= 1);
  // Strong decay pulls the network toward a constant output: its predictions vary less across rows.
  const spread = (m: Float64Array) => Math.max(...m) - Math.min(...m);
  assert.ok(spread(c.predict(test.x)) < spread(a.predict(test.x)), `${spread(c.predict(test.x))}`);
  for (const f of [a, b, c]) f.dispose();
});
