import assert from "node:assert/strict";
import { createPrng } from "../core/prng.ts";
import { pinballLoss } from "../targets/pinball_loss.ts";
import { runForecasterContract } from "../testing/forecaster_contract.ts";
import { linearQuantile, linearQuantileConfig, loadLinearQuantile, quantileRegression } from "./linear_quantile.ts";

runForecasterContract({ name: "linear_quantile", make: (o) => linearQuantile(o), load: loadLinearQuantile });

Deno.test("quantileRegression: median of y = 1 + 2x + symmetric noise recovers the line", () => {
  const rng = createPrng(1), n = 2000;
  const x = new Float64Array(n), y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    x[i] = rng.normal();
    y[i] = 1 + 2 * x[i] + 0.3 * rng.normal();
  }
  const { beta } = quantileRegression(x, 1, y, { tau: 0.5 });
  assert.ok(Math.abs(beta[0] - 1) < 0.03 && Math.abs(beta[1] - 2) < 0.03, `${beta}`);
});

Deno.test("quantileRegression: τ-quantile fit has about τ of the points below and beats perturbed lines", () => {
  const rng = createPrng(2), n = 3000, tau = 0.95;
  const x = new Float64Array(n), y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    x[i] = rng.next();
    y[i] = x[i] + (0.1 + x[i]) * rng.normal();
  }
  const { beta } = quantileRegression(x, 1, y, { tau });
  const fit = (b0: number, b1: number) => Float64Array.from(x, (v) => b0 + b1 * v);
  let below = 0;
  const f = fit(beta[0], beta[1]);
  for (let i = 0; i < n; i++) if (y[i] <= f[i]) below++;
  assert.ok(Math.abs(below / n - tau) < 0.01, `share below ${below / n}`);
  const best = pinballLoss(y, f, tau);
  for (const [d0, d1] of [[0.01, 0], [-0.01, 0], [0, 0.02], [0, -0.02]]) {
    assert.ok(best <= pinballLoss(y, fit(beta[0] + d0, beta[1] + d1), tau) + 1e-12);
  }
});

Deno.test("linearQuantile: config validation and too few rows for the coefficients", async () => {
  assert.throws(() => linearQuantileConfig({ ridge: -1 }), /ridge/);
  const f = linearQuantile({ minTrain: 2 });
  const ds = { x: Float64Array.of(1, 2, 3, 4), d: 2, r: Float64Array.of(1, 1), dates: ["a", "b"] };
  await assert.rejects(f.fit(ds, { ...ds, dates: ["c", "d"] }), /too few samples/);
});
