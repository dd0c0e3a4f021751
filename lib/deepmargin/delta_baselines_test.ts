import assert from "node:assert/strict";
import { createPrng } from "../core/prng.ts";
import { fitConstantDelta, fitForestDelta, fitRidgeDelta, RIDGE_LAMBDAS } from "./delta_baselines.ts";

/** Gaussian-ish noise from the seeded PRNG (sum of uniforms). */
const noise = (rng: ReturnType<typeof createPrng>) => rng.next() + rng.next() + rng.next() - 1.5;

function linearData(seed: number, n: number, d: number, truth: (x: Float64Array) => number, sigma: number) {
  const rng = createPrng(seed);
  const x = new Float64Array(n * d), y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) x[i * d + j] = 2 * rng.next() - 1;
    y[i] = truth(x.subarray(i * d, (i + 1) * d)) + sigma * noise(rng);
  }
  return { x, y };
}

Deno.test("fitConstantDelta: the training median", () => {
  assert.equal(fitConstantDelta([5]).value, 5);
  assert.equal(fitConstantDelta([0.05, -0.2, 0.4]).value, 0.05);
  const m = fitConstantDelta([4, 1, 3, 2]);
  assert.equal(m.value, 2.5);
  assert.deepEqual(Array.from(m.predict(new Float64Array(6), 3)), [2.5, 2.5]);
  assert.throws(() => fitConstantDelta([]), /fitConstantDelta: y is empty/);
  assert.throws(() => fitConstantDelta([1, NaN]), /y\[1\] is not finite/);
});

Deno.test("fitRidgeDelta: recovers a known linear δ; λ by validation; constant columns dropped", () => {
  // δ = 0.1 + 0.3·x0 − 0.2·x2, column 1 pure noise, column 3 constant
  const truth = (r: Float64Array) => 0.1 + 0.3 * r[0] - 0.2 * r[2];
  const tr = linearData(1, 400, 4, truth, 0), va = linearData(2, 200, 4, truth, 0);
  for (const x of [tr.x, va.x]) for (let i = 3; i < x.length; i += 4) x[i] = 7;
  const m = fitRidgeDelta({ x: tr.x, y: tr.y, d: 4, xVal: va.x, yVal: va.y });
  assert.equal(m.lambda, RIDGE_LAMBDAS[0]); // noiseless: the least penalty wins
  assert.deepEqual(m.path.map((p) => p.lambda), [...RIDGE_LAMBDAS]);
  assert.ok(Math.abs(m.weights[0] - 0.3) < 1e-5 && Math.abs(m.weights[1]) < 1e-5, `${m.weights}`);
  assert.ok(Math.abs(m.weights[2] + 0.2) < 1e-5 && m.weights[3] === 0);
  assert.ok(Math.abs(m.intercept - 0.1) < 1e-5);
  const te = linearData(3, 50, 4, truth, 0);
  const yh = m.predict(te.x);
  for (let i = 0; i < 50; i++) assert.ok(Math.abs(yh[i] - te.y[i]) < 1e-5);
  // scores along the path are the validation MSE of each λ: the chosen one is the minimum
  assert.equal(Math.min(...m.path.map((p) => p.score)), m.path.find((p) => p.lambda === m.lambda)!.score);
});

Deno.test("fitRidgeDelta: with few noisy rows and many useless columns, validation picks a real penalty", () => {
  const d = 30;
  const truth = (r: Float64Array) => 0.5 * r[0];
  const tr = linearData(4, 40, d, truth, 0.6), va = linearData(5, 2000, d, truth, 0.6);
  const m = fitRidgeDelta({ x: tr.x, y: tr.y, d, xVal: va.x, yVal: va.y, lambdas: [0, 0.01, 0.1, 1, 10] });
  assert.ok(m.lambda >= 0.1, `λ = ${m.lambda}`);
  const ols = m.path[0].score, chosen = m.path.find((p) => p.lambda === m.lambda)!.score;
  assert.ok(chosen < 0.8 * ols, `validation MSE ${chosen} vs OLS ${ols}`);
  // a custom score (median absolute error) is used as given
  const mae = fitRidgeDelta({
    x: tr.x,
    y: tr.y,
    d,
    xVal: va.x,
    yVal: va.y,
    lambdas: [0.1, 1],
    score: (yh) => yh.reduce((s, v, i) => s + Math.abs(v - va.y[i]), 0) / yh.length,
  });
  assert.ok(mae.path.every((p) => p.score > 0 && p.score < 1));
  assert.throws(
    () =>
      fitRidgeDelta({
        x: Float64Array.of(1, 1, 2, 2),
        y: [1, 2],
        d: 2,
        xVal: Float64Array.of(1, 1),
        yVal: [1],
        lambdas: [0],
      }),
    /not positive definite at λ = 0/,
  );
  assert.throws(
    () => fitRidgeDelta({ x: Float64Array.of(1, 2, 3), y: [1, 2], d: 1, xVal: Float64Array.of(1), yVal: [1] }),
    /y has 2 values for 3 rows/,
  );
  assert.throws(
    () => fitRidgeDelta({ x: Float64Array.of(1, NaN), y: [1, 2], d: 1, xVal: Float64Array.of(1), yVal: [1] }),
    /x\[row 1, column 0\] is not finite/,
  );
  assert.throws(
    () =>
      fitRidgeDelta({ x: Float64Array.of(1, 2), y: [1, 2], d: 1, xVal: Float64Array.of(1), yVal: [1], lambdas: [-1] }),
    /every λ must be finite and >= 0, got -1/,
  );
});

Deno.test("fitForestDelta: learns a known step-and-interaction δ the ridge cannot", () => {
  // δ = 0.4 if x0 > 0 and x1 > 0, −0.1 otherwise (plus small noise); x2 is noise
  const truth = (r: Float64Array) => (r[0] > 0 && r[1] > 0 ? 0.4 : -0.1);
  const tr = linearData(6, 800, 3, truth, 0.02), te = linearData(7, 300, 3, truth, 0);
  const f = fitForestDelta(tr.x, tr.y, 3, { nEstimators: 10, maxFeatures: 1, seed: 9 });
  assert.equal(f.trainRows, 800);
  const yh = f.predict(te.x);
  let mse = 0;
  for (let i = 0; i < 300; i++) mse += (yh[i] - te.y[i]) ** 2 / 300;
  const r = fitRidgeDelta({ x: tr.x, y: tr.y, d: 3, xVal: te.x, yVal: te.y });
  const yr = r.predict(te.x);
  let mseR = 0;
  for (let i = 0; i < 300; i++) mseR += (yr[i] - te.y[i]) ** 2 / 300;
  assert.ok(mse < 0.005, `forest MSE ${mse}`);
  assert.ok(mse < 0.2 * mseR, `forest ${mse} vs ridge ${mseR}`);
  // deterministic: the same seed grows the same forest; the subsample cap is honoured
  assert.deepEqual(fitForestDelta(tr.x, tr.y, 3, { nEstimators: 10, maxFeatures: 1, seed: 9 }).predict(te.x), yh);
  assert.equal(fitForestDelta(tr.x, tr.y, 3, { nEstimators: 2, maxTrainRows: 100 }).trainRows, 100);
  assert.throws(
    () => fitForestDelta(tr.x, tr.y, 3, { maxFeatures: 1.5 }),
    /opts.maxFeatures must be in \(0, 1\], got 1.5/,
  );
  assert.throws(
    () => fitForestDelta(tr.x, tr.y, 3, { nEstimators: 0 }),
    /opts.nEstimators must be an integer >= 1, got 0/,
  );
  assert.throws(() => fitForestDelta(Float64Array.of(1, 2), [1], 1), /y has 1 values for 2 rows/);
});
