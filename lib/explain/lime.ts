/**
 * Tabular LIME (Ribeiro, Singh & Guestrin, 2016) for a regression or quantile output: a weighted ridge
 * regression of the model's output on seeded perturbations of the explained row, fitted in standardized units.
 *
 * **Perturbations.** For instance x we draw `nSamples − 1` rows `x'_j = x_j + σ_j · ε_j`, `ε_j ~ N(0, 1)`
 * independent, where `σ_j` is the background's per-feature standard deviation (population form), and add x
 * itself as the first sample (as the LIME package does). This is the continuous sampler of the LIME package with
 * `sample_around_instance=True` (no discretisation). The package's defaults draw each feature from the training
 * data's quartile bins, or, without discretisation, centre the Gaussian on the training mean; we sample around the
 * instance instead because the rows we explain — stress dates — often lie far outside the background: draws from
 * the background would all sit far from x, every kernel weight would collapse, and the fit would describe the
 * model around the background instead of around x. A feature constant over the background (`σ_j = 0`) is never perturbed and gets a zero coefficient.
 *
 * **Standardization and kernel.** Features are standardized with the background's mean and deviation,
 * `z_j = (x'_j − μ_j) / σ_j` (σ_j = 0 treated as 1, as scikit-learn's scaler does). Each sample is weighted by
 * the exponential kernel `π = exp(−D² / (2 w²))` of its standardized Euclidean distance
 * `D = ‖(x' − x) / σ‖` to the instance — the LIME package's `sqrt(exp(−D²/w²))` — with width
 * `w = 0.75·√d` by default (the package's default for tabular data). With Gaussian perturbations `E D² ≈ d`, so a
 * typical weight is about `exp(−1/1.125) ≈ 0.41`.
 *
 * **Fit.** `min Σ π_i (y_i − β_0 − Σ_j β_j z_ij)² + λ Σ_j β_j²` with unnormalized kernel weights and `λ = ridge`
 * (default 1, the package's `Ridge(alpha=1)`), intercept unpenalized; solved by Cholesky on the weighted-centred
 * normal equations. Hence:
 * - `coefficients[j] = β_j`: output change per one background standard deviation of feature j;
 * - `slopes[j] = β_j / σ_j`: output change per unit of feature j (a linear model `f = a + Σ w_j x_j` gives
 *   `β_j = w_j σ_j` up to a ridge shrinkage of about `A/(A + λ)`, A the weighted sum of squares of column j —
 *   tiny with thousands of samples);
 * - `intercept = β_0`: the local model at the background mean (z = 0);
 * - `localPrediction`: the local model at x, `= intercept + Σ_j attributions[j]`;
 * - `attributions[j] = slopes[j] · (x_j − μ_j)`: the local model's credit to feature j against the background mean
 *   — the same reference point as interventional KernelSHAP, so the two are comparable (for a linear model they
 *   coincide with the Shapley values `w_j (x_j − μ_j)`);
 * - `fidelity`: weighted R² of the local model on its own samples (1 for a linear model without ridge);
 * - `flat`: the model returned one value on every sample (e.g. saturated at a bound or, for a forest, every sample
 *   in the same leaves): then there is no fit — coefficients 0, intercept = local prediction = that value,
 *   fidelity 1 — and the row says nothing about which feature matters locally.
 * @module
 */

import type { Prng } from "../core/prng.ts";
import { checkInt, checkPositive } from "../core/check.ts";
import { choleskyInPlace, choleskySolve } from "../core/cholesky.ts";
import { checkMatrix } from "./_checks.ts";
import { callPredict, checkPredictInput, type PredictFn } from "./predict_fn.ts";

/** Options for {@link lime}. */
export interface LimeOptions {
  /** Seeded generator (from `createPrng`) for the perturbations; pass a stream no other computation uses. */
  prng: Prng;
  /** Samples per explained row, the row itself included (default 5000, as the LIME package). At least d + 2. */
  nSamples?: number;
  /** Kernel width on the standardized distance (default `0.75·√d`). */
  kernelWidth?: number;
  /** Ridge penalty λ on the standardized coefficients (default 1; 0 = weighted least squares). */
  ridge?: number;
}

/** Result of {@link lime}: `n × d` row-major per-feature arrays and one value per explained row. */
export interface LimeResult {
  /** Number of explained rows. */
  n: number;
  /** Number of features. */
  d: number;
  /** β_j: output change per background standard deviation of feature j, `n × d`. */
  coefficients: Float64Array;
  /** β_j / σ_j: output change per unit of feature j (0 where σ_j = 0), `n × d`. */
  slopes: Float64Array;
  /** slopes_j · (x_j − μ_j): the local model's credit to feature j against the background mean, `n × d`. */
  attributions: Float64Array;
  /** β_0: the local model at the background mean. */
  intercepts: Float64Array;
  /** The local model at x (intercept + Σ attributions). */
  localPredictions: Float64Array;
  /** The model's own prediction f(x). */
  predictions: Float64Array;
  /** Weighted R² of the local fit on its samples (1 on a flat row). */
  fidelity: Float64Array;
  /** 1 where the model returned one value on every sample (flat around x): coefficients 0, intercept = that value. */
  flat: Uint8Array;
  /** Background mean μ and standard deviation σ (population) per feature. */
  mean: Float64Array;
  std: Float64Array;
  /** The kernel width used. */
  kernelWidth: number;
}

/**
 * Explain `n` rows (`x`, `n × d` row-major) of a batch model with tabular LIME, perturbing with the per-feature
 * standard deviation of `background` (`k × d` row-major, `k ≥ 2`). One `predict` call of `nSamples` rows per
 * explained row. See the module doc for the sampler, kernel, fit and the meaning of each output.
 *
 * @throws {TypeError} when `predict` is not a function, `x`/`background` are not Float64Arrays, or `options.prng`
 *   is missing
 * @throws {RangeError} on mismatched dimensions, non-finite rows, fewer than 2 background rows, `nSamples < d + 2`,
 *   a non-positive kernel width, a negative ridge, or a singular fit with `ridge = 0`
 * @example
 * ```ts
 * import { createPrng } from "../core/prng.ts";
 * import type { PredictFn } from "./predict_fn.ts";
 * const f: PredictFn = (x, n) => Float64Array.from({ length: n }, (_, i) => 2 * x[i * 2]); // ignores feature 1
 * const bg = Float64Array.of(0, 0, 1, 5, 2, 10, 3, 15); // σ = (1.118…, 5.59…), μ = (1.5, 7.5)
 * const r = await lime(f, Float64Array.of(3, 0), 1, 2, bg, { prng: createPrng(1), ridge: 0 });
 * console.assert(Math.abs(r.slopes[0] - 2) < 1e-9 && Math.abs(r.slopes[1]) < 1e-9);
 * console.assert(Math.abs(r.attributions[0] - 3) < 1e-9 && r.fidelity[0] > 1 - 1e-9); // 2·(3 − 1.5)
 * ```
 */
export async function lime(
  predict: PredictFn,
  x: Float64Array,
  n: number,
  d: number,
  background: Float64Array,
  options: LimeOptions,
): Promise<LimeResult> {
  const fn = "lime";
  checkPredictInput(fn, predict, x, n, d);
  if (!(background instanceof Float64Array)) {
    throw new TypeError(`${fn}: background must be a Float64Array (row-major, d = ${d} columns)`);
  }
  if (background.length % d !== 0) {
    throw new RangeError(`${fn}: background length ${background.length} is not a multiple of d = ${d}`);
  }
  const k = background.length / d;
  if (k < 2) throw new RangeError(`${fn}: background needs at least 2 rows for a standard deviation, got ${k}`);
  checkMatrix(fn, "background", background, k, d);
  if (options === null || typeof options !== "object") {
    throw new TypeError(`${fn}: options must be an object with a prng, got ${String(options)}`);
  }
  const { prng } = options;
  if (prng === null || typeof prng !== "object" || typeof prng.normal !== "function") {
    throw new TypeError(`${fn}: options.prng must be a Prng from createPrng, got ${String(prng)}`);
  }
  const m = checkInt(fn, "options.nSamples", options.nSamples ?? 5000, d + 2);
  const width = checkPositive(fn, "options.kernelWidth", options.kernelWidth ?? 0.75 * Math.sqrt(d));
  const ridge = checkPositive(fn, "options.ridge", options.ridge ?? 1, true);

  const mean = new Float64Array(d), std = new Float64Array(d), active: number[] = [];
  for (let j = 0; j < d; j++) {
    let s = 0, constant = true;
    for (let b = 0; b < k; b++) {
      s += background[b * d + j];
      constant &&= background[b * d + j] === background[j];
    }
    mean[j] = s / k;
    if (constant) continue; // σ_j = 0 exactly, whatever the rounding of the mean
    for (let b = 0; b < k; b++) std[j] += (background[b * d + j] - mean[j]) ** 2;
    std[j] = Math.sqrt(std[j] / k);
    active.push(j);
  }
  const p = active.length;

  const predictions = await callPredict(fn, predict, x, n, d);
  const out: LimeResult = {
    n,
    d,
    coefficients: new Float64Array(n * d),
    slopes: new Float64Array(n * d),
    attributions: new Float64Array(n * d),
    intercepts: new Float64Array(n),
    localPredictions: new Float64Array(n),
    predictions,
    fidelity: new Float64Array(n),
    flat: new Uint8Array(n),
    mean,
    std,
    kernelWidth: width,
  };
  const eps = new Float64Array(m * p), synth = new Float64Array(m * d), w = new Float64Array(m);
  const zMean = new Float64Array(p), a = new Float64Array(p * p), rhs = new Float64Array(p), zc = new Float64Array(p);
  for (let i = 0; i < n; i++) {
    const xi = x.subarray(i * d, i * d + d);
    // Sample 0 is x itself (ε = 0, weight 1); the others perturb every active feature by σ_j·ε.
    eps.fill(0, 0, p);
    for (let s = 1; s < m; s++) for (let t = 0; t < p; t++) eps[s * p + t] = prng.normal();
    for (let s = 0; s < m; s++) {
      synth.set(xi, s * d);
      let d2 = 0;
      for (let t = 0; t < p; t++) {
        const e = eps[s * p + t];
        synth[s * d + active[t]] += std[active[t]] * e;
        d2 += e * e;
      }
      w[s] = Math.exp(-d2 / (2 * width * width));
    }
    const y = await callPredict(fn, predict, synth, m, d);
    if (y.every((v) => v === y[0])) {
      // The model is flat around x (e.g. saturated at a bound): the local model is the constant; no fit.
      out.flat[i] = 1;
      out.intercepts[i] = out.localPredictions[i] = y[0];
      out.fidelity[i] = 1;
      continue;
    }
    // Weighted means of z = (x' − μ)/σ and y, then the centred normal equations (Zcᵀ W Zc + λI) β = Zcᵀ W yc.
    let sw = 0, yMean = 0;
    zMean.fill(0);
    for (let s = 0; s < m; s++) {
      sw += w[s];
      yMean += w[s] * y[s];
      for (let t = 0; t < p; t++) zMean[t] += w[s] * (synth[s * d + active[t]] - mean[active[t]]) / std[active[t]];
    }
    yMean /= sw;
    for (let t = 0; t < p; t++) zMean[t] /= sw;
    a.fill(0);
    rhs.fill(0);
    let syy = 0;
    for (let s = 0; s < m; s++) {
      const yc = y[s] - yMean;
      syy += w[s] * yc * yc;
      for (let t = 0; t < p; t++) zc[t] = (synth[s * d + active[t]] - mean[active[t]]) / std[active[t]] - zMean[t];
      for (let t = 0; t < p; t++) {
        const wz = w[s] * zc[t];
        rhs[t] += wz * yc;
        for (let u = 0; u <= t; u++) a[t * p + u] += wz * zc[u];
      }
    }
    let maxDiag = 0;
    for (let t = 0; t < p; t++) a[t * p + t] += ridge;
    for (let t = 0; t < p; t++) maxDiag = Math.max(maxDiag, a[t * p + t]);
    if (p > 0 && !choleskyInPlace(a, p, 0, 1e-12 * maxDiag)) {
      throw new RangeError(`${fn}: the weighted design of row ${i} is singular with ridge = ${ridge}; use ridge > 0`);
    }
    const beta = p > 0 ? choleskySolve(a, p, rhs) : rhs;
    let b0 = yMean, sse = 0, local = 0;
    for (let t = 0; t < p; t++) b0 -= beta[t] * zMean[t];
    for (let s = 0; s < m; s++) {
      let f = b0;
      for (let t = 0; t < p; t++) f += beta[t] * (synth[s * d + active[t]] - mean[active[t]]) / std[active[t]];
      sse += w[s] * (y[s] - f) ** 2;
    }
    for (let t = 0; t < p; t++) {
      const j = active[t], slope = beta[t] / std[j], phi = slope * (xi[j] - mean[j]);
      out.coefficients[i * d + j] = beta[t];
      out.slopes[i * d + j] = slope;
      out.attributions[i * d + j] = phi;
      local += phi;
    }
    out.intercepts[i] = b0;
    out.localPredictions[i] = b0 + local;
    out.fidelity[i] = 1 - sse / syy;
  }
  return out;
}
