/**
 * Linear quantile regression of the ratio on standardized features:
 * `m(x) = clip(β₀ + βᵀz(x), mMin, mMax)` with `β` minimising the pinball loss
 * at τ (plus an optional ridge term). Solved by the MM algorithm of Hunter &
 * Lange (2000): each iteration minimises a quadratic majorizer of the
 * ε-perturbed pinball loss, i.e. a weighted least-squares problem
 * `(XᵀWX + λI)β = XᵀWy + (2τ−1)·Xᵀ1`, `W = diag(1/(ε + |y − Xβ|))`, with
 * guaranteed descent. No LP solver needed.
 * @module
 */
import { clipMultiplier } from "../targets/bounded_multiplier.ts";
import { empiricalQuantile } from "../targets/empirical_quantile.ts";
import { pinballLoss } from "../targets/pinball_loss.ts";
import { decodeArray, encodeArray, type EncodedArray } from "../nn/array_codec.ts";
import { type Dataset, validateFeatures, validateSplits } from "./dataset.ts";
import { type FitOptions, type FitReport, type Forecaster, type SavedForecaster, settleFit } from "./forecaster.ts";
import { checkInt, checkPositive } from "../core/check.ts";
import { choleskyInPlace, choleskySolve } from "../core/cholesky.ts";
import { BASE_DEFAULTS, type BaseModelConfig, mergeConfig } from "./model_config.ts";
import { fitStandardizer, type Standardizer } from "../nn/standardizer.ts";

/** Configuration of {@link linearQuantile}. */
export interface LinearQuantileConfig extends BaseModelConfig {
  /** Maximum MM iterations, default 500. */
  readonly maxIter: number;
  /** Stop when the relative objective change is below this, default 1e-10. */
  readonly tol: number;
  /** Ridge penalty on the slopes (not the intercept), on standardized features; default 0. */
  readonly ridge: number;
  /** Perturbation ε of |u| in the majorizer, default 1e-6. */
  readonly epsilon: number;
}

/** Defaults of {@link LinearQuantileConfig}. */
export const LINEAR_QUANTILE_DEFAULTS: LinearQuantileConfig = Object.freeze({
  ...BASE_DEFAULTS,
  maxIter: 500,
  tol: 1e-10,
  ridge: 0,
  epsilon: 1e-6,
});

/**
 * Validated linear-QR config.
 *
 * @example
 * ```ts
 * const c = linearQuantileConfig({ ridge: 1e-3 });
 * ```
 */
export function linearQuantileConfig(input: Partial<LinearQuantileConfig> = {}): LinearQuantileConfig {
  const c = mergeConfig("linearQuantile", LINEAR_QUANTILE_DEFAULTS, input);
  checkInt("linearQuantile", "maxIter", c.maxIter, 1);
  checkPositive("linearQuantile", "tol", c.tol);
  checkPositive("linearQuantile", "ridge", c.ridge, true);
  checkPositive("linearQuantile", "epsilon", c.epsilon);
  return c;
}

/**
 * Fit linear quantile regression coefficients `[β₀, β₁..β_d]` of `y` on the
 * n × d design `z` (no intercept column; one is added). Exported for reuse.
 *
 * @returns coefficients and the number of iterations
 * @example
 * ```ts
 * const { beta } = quantileRegression(Float64Array.of(0, 1, 2, 3), 1, Float64Array.of(1, 2, 3, 4), { tau: 0.5 });
 * ```
 */
export function quantileRegression(
  z: Float64Array,
  d: number,
  y: Float64Array,
  opts: { tau: number; maxIter?: number; tol?: number; ridge?: number; epsilon?: number },
): { beta: Float64Array; iterations: number } {
  const n = y.length, p = d + 1, tau = opts.tau;
  const maxIter = opts.maxIter ?? 500, tol = opts.tol ?? 1e-10, ridge = opts.ridge ?? 0, eps = opts.epsilon ?? 1e-6;
  const beta = new Float64Array(p);
  beta[0] = empiricalQuantile(y, tau);
  const res = new Float64Array(n);
  const A = new Float64Array(p * p), rhs = new Float64Array(p), row = new Float64Array(p);
  const objective = (): number => {
    let s = 0;
    for (let i = 0; i < n; i++) {
      let f = beta[0];
      for (let j = 0; j < d; j++) f += beta[j + 1] * z[i * d + j];
      const u = y[i] - f;
      res[i] = u;
      s += u >= 0 ? tau * u : (tau - 1) * u;
    }
    let pen = 0;
    for (let j = 1; j < p; j++) pen += beta[j] * beta[j];
    return s / n + 0.5 * ridge * pen;
  };
  let obj = objective(), it = 0;
  for (; it < maxIter; it++) {
    A.fill(0);
    rhs.fill(0);
    for (let i = 0; i < n; i++) {
      const w = 1 / (eps + Math.abs(res[i]));
      row[0] = 1;
      for (let j = 0; j < d; j++) row[j + 1] = z[i * d + j];
      for (let a = 0; a < p; a++) {
        const wa = w * row[a];
        rhs[a] += wa * y[i] + (2 * tau - 1) * row[a];
        for (let b = 0; b <= a; b++) A[a * p + b] += wa * row[b];
      }
    }
    // Objective mean ρ + ½·ridge·|β|²: in the ¼-scaled summed surrogate the ridge adds 2·n·ridge to the diagonal.
    for (let a = 1; a < p; a++) A[a * p + a] += 2 * n * ridge;
    for (let a = 0; a < p; a++) for (let b = a + 1; b < p; b++) A[a * p + b] = A[b * p + a];
    const next = solveSpd(A, rhs, p);
    if (next === undefined) break;
    beta.set(next);
    const o = objective();
    const done = Math.abs(obj - o) <= tol * Math.max(1e-12, Math.abs(obj));
    obj = o;
    if (done) {
      it++;
      break;
    }
  }
  return { beta, iterations: it };
}

/** Cholesky solve of a symmetric positive-definite p × p system (with a tiny jitter); undefined if singular. */
function solveSpd(A: Float64Array, b: Float64Array, p: number): Float64Array | undefined {
  let trace = 0;
  for (let i = 0; i < p; i++) trace += A[i * p + i];
  const L = A.slice();
  if (!choleskyInPlace(L, p, 1e-12 * (trace / p))) return undefined;
  return choleskySolve(L, p, b, new Float64Array(p));
}

class LinearQuantile implements Forecaster<LinearQuantileConfig> {
  readonly kind = "linear_quantile";
  constructor(readonly config: LinearQuantileConfig, private state?: { beta: Float64Array; scaler: Standardizer }) {}
  fit(train: Dataset, valid: Dataset, opts: FitOptions = {}): Promise<FitReport> {
    return settleFit(() => {
      const c = this.config;
      const { nTrain, nValid } = validateSplits("linearQuantile", train, valid, c.minTrain);
      if (nTrain <= train.d + 1) {
        throw new RangeError(
          `linearQuantile.fit train: too few samples: ${nTrain} rows for ${train.d + 1} coefficients`,
        );
      }
      const scaler = fitStandardizer(train.x, train.d);
      const z = standardize64(train.x, scaler);
      const { beta, iterations } = quantileRegression(z, train.d, Float64Array.from(train.r), c);
      this.state = { beta, scaler };
      const tl = pinballLoss(train.r, this.predict(train.x), c.tau);
      const vl = pinballLoss(valid.r, this.predict(valid.x), c.tau);
      opts.onEpoch?.({ epoch: iterations, trainLoss: tl, validLoss: vl });
      return {
        kind: this.kind,
        nTrain,
        nValid,
        epochs: iterations,
        bestEpoch: iterations,
        trainLoss: [tl],
        validLoss: [vl],
        validPinball: vl,
      };
    });
  }
  /** Coefficients on standardized features `[β₀, β₁..β_d]` (a copy). */
  get coefficients(): Float64Array | undefined {
    return this.state?.beta.slice();
  }
  predict(x: Float64Array): Float64Array {
    const s = this.state;
    if (s === undefined) throw new TypeError("linearQuantile.predict: model is not fitted");
    const d = s.scaler.mean.length, c = this.config;
    const n = validateFeatures(x, d, "linearQuantile.predict x");
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      let f = s.beta[0];
      for (let j = 0; j < d; j++) f += s.beta[j + 1] * (x[i * d + j] - s.scaler.mean[j]) / s.scaler.sd[j];
      out[i] = clipMultiplier(f, c.mMin, c.mMax);
    }
    return out;
  }
  save(): SavedForecaster {
    const s = this.state;
    if (s === undefined) throw new TypeError("linearQuantile.save: model is not fitted");
    return {
      kind: this.kind,
      format: 1,
      config: { ...this.config },
      state: { beta: encodeArray(s.beta), mean: encodeArray(s.scaler.mean), sd: encodeArray(s.scaler.sd) },
    };
  }
  dispose(): void {}
}

function standardize64(x: Float64Array, s: Standardizer): Float64Array {
  const d = s.mean.length, out = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) out[i] = (x[i] - s.mean[i % d]) / s.sd[i % d];
  return out;
}

/**
 * Create a linear quantile-regression forecaster.
 *
 * @throws {RangeError} on an invalid config
 * @example
 * ```ts
 * import { syntheticQuantileProblem } from "../testing/synthetic_quantile_problem.ts";
 * const { train, valid, test } = syntheticQuantileProblem({ nTrain: 200, nValid: 50, nTest: 10, seed: 1, tau: 0.99 });
 * const f = linearQuantile({ tau: 0.99 });
 * await f.fit(train, valid);
 * ```
 */
export function linearQuantile(config: Partial<LinearQuantileConfig> = {}): Forecaster<LinearQuantileConfig> {
  return new LinearQuantile(linearQuantileConfig(config));
}

/**
 * Restore a saved linear quantile regression.
 *
 * @throws {TypeError} on a wrong kind or malformed state
 * @example
 * ```ts
 * import { syntheticQuantileProblem } from "../testing/synthetic_quantile_problem.ts";
 * const { train, valid, test } = syntheticQuantileProblem({ nTrain: 200, nValid: 50, nTest: 10, seed: 1, tau: 0.99 });
 * const f = linearQuantile();
 * await f.fit(train, valid);
 * const g = loadLinearQuantile(f.save());
 * ```
 */
export function loadLinearQuantile(saved: SavedForecaster): Forecaster<LinearQuantileConfig> {
  if (saved?.kind !== "linear_quantile") throw new TypeError(`loadLinearQuantile: saved model has kind ${saved?.kind}`);
  const s = saved.state as { beta: EncodedArray; mean: EncodedArray; sd: EncodedArray } | null;
  if (s === null) throw new TypeError("loadLinearQuantile: malformed state");
  return new LinearQuantile(linearQuantileConfig(saved.config as Partial<LinearQuantileConfig>), {
    beta: decodeArray(s.beta) as Float64Array,
    scaler: { mean: decodeArray(s.mean) as Float64Array, sd: decodeArray(s.sd) as Float64Array },
  });
}
