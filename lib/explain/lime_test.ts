import assert from "node:assert/strict";
import { createPrng, type Prng } from "../core/prng.ts";
import { lime } from "./lime.ts";
import { limeAgreement } from "./lime_agreement.ts";
import { kernelShap } from "./kernel_shap.ts";
import type { PredictFn } from "./predict_fn.ts";
import { linearPredictFn } from "../testing/linear_predict_fn.ts";

/** Background whose columns have very different scales (column j scaled by j + 1). */
function matrix(rng: Prng, n: number, d: number, shift = 0): Float64Array {
  return Float64Array.from({ length: n * d }, (_, i) => shift + (i % d + 1) * rng.normal());
}

const d = 5, w = [1.5, -2, 0, 0.25, 4];
const bg = matrix(createPrng(3), 60, d), x = matrix(createPrng(4), 3, d, 1);

Deno.test("lime: on a linear model it recovers β_j = w_j σ_j, slopes w_j, attributions w_j (x_j − μ_j), R² = 1", async () => {
  const r = await lime(linearPredictFn(w, 0.7), x, 3, d, bg, { prng: createPrng(1), nSamples: 2000, ridge: 0 });
  for (let i = 0; i < 3; i++) {
    let sum = 0;
    for (let j = 0; j < d; j++) {
      assert.ok(Math.abs(r.coefficients[i * d + j] - w[j] * r.std[j]) < 1e-9, `row ${i} feature ${j}`);
      assert.ok(Math.abs(r.slopes[i * d + j] - w[j]) < 1e-9);
      assert.ok(Math.abs(r.attributions[i * d + j] - w[j] * (x[i * d + j] - r.mean[j])) < 1e-9);
      sum += r.attributions[i * d + j];
    }
    assert.ok(Math.abs(r.fidelity[i] - 1) < 1e-12);
    assert.ok(Math.abs(r.localPredictions[i] - r.predictions[i]) < 1e-9);
    assert.ok(Math.abs(r.localPredictions[i] - r.intercepts[i] - sum) < 1e-12);
    let atMean = 0.7;
    for (let j = 0; j < d; j++) atMean += w[j] * r.mean[j];
    assert.ok(Math.abs(r.intercepts[i] - atMean) < 1e-9); // intercept = the local model at the background mean
  }
  assert.equal(r.kernelWidth, 0.75 * Math.sqrt(d));
  // Against the background mean the attributions of a linear model are its interventional Shapley values.
  const k = await kernelShap(linearPredictFn(w, 0.7), x, 3, d, bg, { prng: createPrng(2) });
  for (let i = 0; i < 3 * d; i++) assert.ok(Math.abs(r.attributions[i] - k.values[i]) < 1e-9);
});

Deno.test("lime: the default ridge shrinks slopes only slightly; an ignored feature gets ~0", async () => {
  const r = await lime(linearPredictFn(w, 0), x, 3, d, bg, { prng: createPrng(5) });
  for (let i = 0; i < 3; i++) {
    for (let j = 0; j < d; j++) {
      const s = r.slopes[i * d + j];
      if (w[j] === 0) assert.ok(Math.abs(s) < 1e-3, `ignored feature slope ${s}`);
      else assert.ok(Math.abs(s / w[j] - 1) < 0.01 && s / w[j] <= 1 + 1e-12, `shrunk toward 0: ${s} vs ${w[j]}`);
    }
    assert.ok(r.fidelity[i] > 0.9999 && r.fidelity[i] < 1);
  }
});

Deno.test("lime: on a nonlinear model the local slope is the gradient at x, not the global trend", async () => {
  // f = x0² + 3·x1; at x0 = 2 the local slope in x0 is ≈ 4 (σ-sized perturbations average 2·x0 exactly for x²).
  const f: PredictFn = (z, n, dd) => Float64Array.from({ length: n }, (_, i) => z[i * dd] ** 2 + 3 * z[i * dd + 1]);
  const bg2 = matrix(createPrng(6), 80, 2).map((v) => v / 10);
  const r = await lime(f, Float64Array.of(2, 0, -2, 0), 2, 2, bg2, { prng: createPrng(7), ridge: 0 });
  assert.ok(Math.abs(r.slopes[0] - 4) < 0.05, `slope ${r.slopes[0]}`);
  assert.ok(Math.abs(r.slopes[2] + 4) < 0.05, `slope ${r.slopes[2]}`);
  assert.ok(Math.abs(r.slopes[1] - 3) < 0.05 && Math.abs(r.slopes[3] - 3) < 0.05);
  assert.ok(r.fidelity[0] < 1 && r.fidelity[0] > 0.9);
});

Deno.test("lime: the kernel exp(−D²/(2w²)) sets the locality: slope of x³ at 0 is 3σ²·w²/(1 + w²)", async () => {
  // With z ~ N(0, 1) weighted by exp(−z²/(2w²)), z is effectively N(0, τ²) with τ² = w²/(1 + w²), and the
  // weighted regression slope of (σz)³ on σz is 3σ²τ². Feature 1 is ignored (its weight factor cancels).
  const cube: PredictFn = (z, n, dd) => Float64Array.from({ length: n }, (_, i) => z[i * dd] ** 3);
  const bg2 = matrix(createPrng(8), 200, 2);
  const run = (kernelWidth?: number) =>
    lime(cube, Float64Array.of(0, 0), 1, 2, bg2, { prng: createPrng(9), nSamples: 40000, ridge: 0, kernelWidth });
  const [def, wide] = await Promise.all([run(), run(1e3)]);
  const w2 = 0.75 ** 2 * 2, s2 = def.std[0] ** 2;
  assert.equal(def.kernelWidth, 0.75 * Math.sqrt(2));
  const expected = 3 * s2 * w2 / (1 + w2);
  assert.ok(Math.abs(def.slopes[0] / expected - 1) < 0.05, `slope ${def.slopes[0]} vs ${expected}`);
  assert.ok(Math.abs(wide.slopes[0] / (3 * s2) - 1) < 0.05, `wide slope ${wide.slopes[0]} vs ${3 * s2}`);
});

Deno.test("lime: a constant background column is never perturbed and gets a zero coefficient", async () => {
  const bg3 = bg.slice();
  for (let b = 0; b < 60; b++) bg3[b * d + 1] = 2;
  const seen: number[] = [];
  const spy: PredictFn = (z, n, dd) => {
    for (let i = 0; i < n; i++) seen.push(z[i * dd + 1]);
    return linearPredictFn(w, 0)(z, n, dd);
  };
  const r = await lime(spy, x.subarray(0, d), 1, d, bg3, { prng: createPrng(1), nSamples: 100, ridge: 0 });
  assert.ok(seen.every((v) => v === x[1]));
  assert.equal(r.std[1], 0);
  assert.equal(r.coefficients[1], 0);
  assert.equal(r.attributions[1], 0);
});

Deno.test("lime: a model flat around x (saturated at a bound) is reported flat, with zero coefficients", async () => {
  const clamp: PredictFn = (z, n, dd) => Float64Array.from({ length: n }, (_, i) => Math.max(0.8, z[i * dd] - 100));
  const r = await lime(clamp, Float64Array.of(0, 0, 0, 0, 0, 99.5, 0, 0, 0, 0), 2, d, bg, { prng: createPrng(1) });
  assert.deepEqual(Array.from(r.flat), [1, 0]); // row 1 is 1.3 σ below the kink at 100.8: some samples cross it
  assert.deepEqual(Array.from(r.coefficients.subarray(0, d)), [0, 0, 0, 0, 0]);
  assert.equal(r.intercepts[0], 0.8);
  assert.equal(r.localPredictions[0], 0.8);
  assert.equal(r.fidelity[0], 1);
  assert.ok(r.coefficients[d] > 0 && r.fidelity[1] < 1);
});

Deno.test("lime: same seed gives identical output, another seed different coefficients on a nonlinear model", async () => {
  const f: PredictFn = (z, n, dd) =>
    Float64Array.from({ length: n }, (_, i) => Math.sin(z[i * dd]) * z[i * dd + 2] + Math.abs(z[i * dd + 4]));
  const run = (seed: number) => lime(f, x, 3, d, bg, { prng: createPrng(seed), nSamples: 300 });
  const [a, b, c] = await Promise.all([run(11), run(11), run(12)]);
  assert.deepEqual(a, b);
  assert.notDeepEqual(a.coefficients, c.coefficients);
  assert.notDeepEqual(a.fidelity, c.fidelity);
});

Deno.test("lime: argument errors name the argument and the value", async () => {
  const f = linearPredictFn(w, 0), prng = createPrng(1);
  const rejects = (p: Promise<unknown>, type: typeof RangeError | typeof TypeError, re: RegExp) =>
    assert.rejects(p, (e: Error) => e instanceof type && re.test(e.message));
  await rejects(lime(f, x, 3, d, bg, { prng, nSamples: d + 1 }), RangeError, /options\.nSamples.*got 6/);
  await rejects(lime(f, x, 3, d, bg, { prng, kernelWidth: 0 }), RangeError, /options\.kernelWidth.*got 0/);
  await rejects(lime(f, x, 3, d, bg, { prng, ridge: -1 }), RangeError, /options\.ridge.*got -1/);
  await rejects(lime(f, x, 3, d, bg.subarray(0, d), { prng }), RangeError, /at least 2 rows.*got 1/);
  await rejects(lime(f, x, 3, d, bg.subarray(0, 7), { prng }), RangeError, /length 7.*d = 5/);
  await rejects(lime(f, x, 2, d, bg, { prng }), RangeError, /x has length 15/);
  await rejects(lime(f, x, 3, d, [] as unknown as Float64Array, { prng }), TypeError, /background/);
  await rejects(lime(f, x, 3, d, bg, {} as never), TypeError, /options\.prng.*undefined/);
  await rejects(lime(null as unknown as PredictFn, x, 3, d, bg, { prng }), TypeError, /predict must be a function/);
  const nan = x.slice();
  nan[4] = NaN;
  await rejects(lime(f, nan, 3, d, bg, { prng }), RangeError, /x row 0 column 4 is NaN/);
  // A constant model column with ridge 0 is fine (dropped); an exactly collinear design is not.
  const twoRows = Float64Array.of(0, 0, 1, 1);
  await rejects(
    lime(linearPredictFn([1, 1], 0), Float64Array.of(0, 0), 1, 2, twoRows, {
      prng,
      nSamples: 4,
      ridge: 0,
      kernelWidth: 1e-3,
    }),
    RangeError,
    /singular with ridge = 0/,
  );
});

Deno.test("limeAgreement: identical attributions agree fully; reversed magnitudes and flipped signs do not", () => {
  const a = Float64Array.of(5, -4, 3, 0.2, 0.1);
  assert.deepEqual(limeAgreement(a, a), { spearmanAbs: 1, topOverlap: 3, topSignAgreement: 1 });
  const rev = Float64Array.of(0.1, 0.2, -3, 4, -5);
  const g = limeAgreement(a, rev);
  assert.equal(g.spearmanAbs, -1);
  assert.equal(g.topOverlap, 1); // only feature 2 is in both top-3 sets
  assert.equal(g.topSignAgreement, 1 / 3); // feature 2 differs in sign, 3 agrees, 4 differs
  assert.throws(() => limeAgreement(a, a.subarray(0, 4)), /got 5 and 4/);
  assert.throws(() => limeAgreement(a, a, 6), /top must be an integer in \[1, 5\], got 6/);
  assert.throws(() => limeAgreement(a, Float64Array.of(1, 2, NaN, 4, 5)), /feature 2 is not finite/);
});
