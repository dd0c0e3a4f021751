/**
 * Baselines for δ (issue 15, DeepMargin v2): the cheap models the network must beat, each fitted to a per-portfolio
 * target from a row-major feature matrix (e.g. `pooledMatrix` of the tokens, `pooled_features.ts`). The target is the caller's
 * choice — e06 v1's network learns `y = ln((RR2 + c)/(RR + c))` (`inference.ts` `targetY`; the margin follows from
 * `marginFromY`), the anchor's form is `δ = SPAN2/SPAN − 1` — so a baseline and a network compare on one target.
 *
 * - {@link fitConstantDelta}: one δ for every portfolio, the training median (e06 v1's `constDelta`).
 * - {@link fitRidgeDelta}: ridge regression, closed form `(ZᵀZ + λ·n·I)β = Zᵀ(y − ȳ)` on standardised columns `Z`
 *   (an unpenalised intercept ȳ; constant columns dropped), λ chosen on a validation set from a grid (lowest
 *   validation score, the smaller λ on ties).
 * - {@link fitForestDelta}: a regression forest grown by `ml-random-forest` (as lib/models' quantile forest does:
 *   seeded bagging without replacement, `noOOB`), the mean over trees; at most `maxTrainRows` training rows
 *   (a seeded subsample in input order — `ml-cart` scores every split point with a full pass over the node's
 *   rows, so growing is quadratic in rows per column).
 *
 * Every fit is deterministic (no wall clock, seeded randomness only).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { fitRidgeDelta } from "./delta_baselines.ts";
 * const x = Float64Array.of(0, 1, 2, 3), y = Float64Array.of(1, 3, 5, 7); // y = 1 + 2x
 * const m = fitRidgeDelta({ x, y, d: 1, xVal: x, yVal: y, lambdas: [0, 1] });
 * assert.equal(m.lambda, 0);
 * assert.ok(Math.abs(m.predict(Float64Array.of(10))[0] - 21) < 1e-9);
 * ```
 * @module
 */
import { RandomForestRegression } from "ml-random-forest";
import { createPrng, permutation } from "../core/prng.ts";
import { quantileSorted } from "../core/quantile.ts";
import { choleskyInPlace, choleskySolve } from "../core/cholesky.ts";
import { fitStandardizer } from "../nn/standardizer.ts";

/** A fitted baseline: predictions for a row-major matrix of `d` columns. */
export interface DeltaModel {
  readonly name: string;
  /** Feature columns (0 for the constant). */
  readonly d: number;
  predict(x: Float64Array): Float64Array;
}

function rowsOf(fn: string, what: string, x: Float64Array, d: number): number {
  if (!(x instanceof Float64Array)) throw new TypeError(`${fn}: ${what} must be a Float64Array`);
  if (d === 0) return -1;
  if (x.length % d !== 0) throw new RangeError(`${fn}: ${what} has ${x.length} values, not a multiple of d = ${d}`);
  for (let i = 0; i < x.length; i++) {
    if (!Number.isFinite(x[i])) {
      throw new RangeError(`${fn}: ${what}[row ${Math.floor(i / d)}, column ${i % d}] is not finite (${x[i]})`);
    }
  }
  return x.length / d;
}

function checkTarget(fn: string, what: string, y: ArrayLike<number>, n: number): void {
  if (n >= 0 && y.length !== n) throw new RangeError(`${fn}: ${what} has ${y.length} values for ${n} rows`);
  for (let i = 0; i < y.length; i++) {
    if (!Number.isFinite(y[i])) throw new RangeError(`${fn}: ${what}[${i}] is not finite (${y[i]})`);
  }
}

/** The constant baseline. */
export interface ConstantModel extends DeltaModel {
  /** The constant (the training median of the target). */
  value: number;
  /** `value` for each of the `x.length / d` rows (`d` defaults to 1; the values of `x` are not read). */
  predict(x: Float64Array, d?: number): Float64Array;
}

/**
 * The constant baseline: the training median of the target (type-7 quantile, `lib/core/quantile.ts`).
 *
 * @throws {RangeError} on an empty or non-finite target
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { fitConstantDelta } from "./delta_baselines.ts";
 * const m = fitConstantDelta([0.3, -0.1, 0.1, 1.2]);
 * assert.equal(m.value, 0.2); // median of −0.1, 0.1, 0.3, 1.2
 * assert.deepEqual(Array.from(m.predict(new Float64Array(3), 1)), [0.2, 0.2, 0.2]);
 * ```
 */
export function fitConstantDelta(y: ArrayLike<number>): ConstantModel {
  const fn = "fitConstantDelta";
  if (y.length === 0) throw new RangeError(`${fn}: y is empty`);
  checkTarget(fn, "y", y, -1);
  const value = quantileSorted(Float64Array.from(y).sort(), 0.5);
  return {
    name: "constant",
    d: 0,
    value,
    predict: (x: Float64Array, d: number = 1) => new Float64Array(Math.floor(x.length / d)).fill(value),
  };
}

/** Inputs of {@link fitRidgeDelta}. */
export interface RidgeInput {
  /** Training features, `n × d` row-major. */
  x: Float64Array;
  /** Training target (length n). */
  y: ArrayLike<number>;
  d: number;
  /** Validation features and target (choose λ). */
  xVal: Float64Array;
  yVal: ArrayLike<number>;
  /** λ grid (penalty per training row on standardised columns). Default 10⁻⁶, 10⁻⁵, …, 10². */
  lambdas?: readonly number[];
  /** Validation score of predictions (lower is better). Default: mean squared error against `yVal`. */
  score?: (yHatVal: Float64Array) => number;
}

/** A fitted ridge baseline. */
export interface RidgeModel extends DeltaModel {
  /** The chosen λ. */
  lambda: number;
  /** Validation score per λ of the grid, in grid order. */
  path: { lambda: number; score: number }[];
  /** Coefficients on the raw columns (0 for dropped constant columns) and the intercept: ŷ = b + Σ w_j x_j. */
  weights: Float64Array;
  intercept: number;
}

/** Population sd of column `j` of the n × d frame `x` around `mean` (tells a floored standardizer sd from a real 1). */
function rawSd(x: Float64Array, d: number, j: number, mean: number, n: number): number {
  let ss = 0;
  for (let i = 0; i < n; i++) {
    const v = x[i * d + j] - mean;
    ss += v * v;
  }
  return Math.sqrt(ss / n);
}

/** The default λ grid of {@link fitRidgeDelta}. */
export const RIDGE_LAMBDAS: readonly number[] = Object.freeze([1e-6, 1e-5, 1e-4, 1e-3, 1e-2, 1e-1, 1, 10, 100]);

/**
 * Ridge regression, closed form, λ chosen on validation.
 *
 * @throws {RangeError} on mismatched shapes, non-finite data, an empty or negative λ grid, fewer than 2 training
 *   rows, or a system that is not positive definite (λ = 0 with collinear columns)
 * @example
 * ```ts
 * import { fitRidgeDelta } from "./delta_baselines.ts";
 * const x = Float64Array.of(0, 1, 2, 3, 4, 5), y = [0.1, 0.2, 0.2, 0.35, 0.4, 0.5];
 * const m = fitRidgeDelta({ x, y, d: 1, xVal: x, yVal: y });
 * console.log(m.lambda, m.weights[0], m.intercept);
 * ```
 */
export function fitRidgeDelta(input: RidgeInput): RidgeModel {
  const fn = "fitRidgeDelta";
  const { x, y, d, xVal, yVal } = input;
  if (!Number.isInteger(d) || d < 1) throw new RangeError(`${fn}: d must be an integer >= 1, got ${d}`);
  const n = rowsOf(fn, "x", x, d), nv = rowsOf(fn, "xVal", xVal, d);
  checkTarget(fn, "y", y, n);
  checkTarget(fn, "yVal", yVal, nv);
  if (n < 2) throw new RangeError(`${fn}: needs at least 2 training rows, got ${n}`);
  if (nv < 1) throw new RangeError(`${fn}: needs at least 1 validation row, got ${nv}`);
  const lambdas = input.lambdas ?? RIDGE_LAMBDAS;
  if (lambdas.length === 0) throw new RangeError(`${fn}: lambdas is empty`);
  for (const l of lambdas) {
    if (!(l >= 0) || !Number.isFinite(l)) throw new RangeError(`${fn}: every λ must be finite and >= 0, got ${l}`);
  }
  // standardise the columns (training mean and sd: lib/nn's standardizer, which gives a column of sd ≤ 1e-12 the
  // sd 1); (near-)constant columns drop out: sd ≤ 1e-12 · max(1, |mean|)
  const { mean: mu, sd } = fitStandardizer(x, d);
  const keep: number[] = [];
  for (let j = 0; j < d; j++) {
    if (sd[j] > 1e-12 * Math.max(1, Math.abs(mu[j])) && !(sd[j] === 1 && rawSd(x, d, j, mu[j], n) <= 1e-12)) {
      keep.push(j);
    }
  }
  const p = keep.length;
  let ybar = 0;
  for (let i = 0; i < n; i++) ybar += y[i];
  ybar /= n;
  const G = new Float64Array(p * p), b = new Float64Array(p), z = new Float64Array(p);
  for (let i = 0; i < n; i++) {
    for (let a = 0; a < p; a++) z[a] = (x[i * d + keep[a]] - mu[keep[a]]) / sd[keep[a]];
    const r = y[i] - ybar;
    for (let a = 0; a < p; a++) {
      b[a] += z[a] * r;
      for (let c = 0; c <= a; c++) G[a * p + c] += z[a] * z[c];
    }
  }
  const toRaw = (beta: Float64Array) => {
    const w = new Float64Array(d);
    let icpt = ybar;
    for (let a = 0; a < p; a++) {
      const j = keep[a];
      w[j] = beta[a] / sd[j];
      icpt -= w[j] * mu[j];
    }
    return { w, icpt };
  };
  const apply = (w: Float64Array, icpt: number, xs: Float64Array) => {
    const m = xs.length / d, out = new Float64Array(m);
    for (let i = 0; i < m; i++) {
      let s = icpt;
      for (let j = 0; j < d; j++) s += w[j] * xs[i * d + j];
      out[i] = s;
    }
    return out;
  };
  const score = input.score ?? ((yh: Float64Array) => {
    let s = 0;
    for (let i = 0; i < nv; i++) s += (yh[i] - yVal[i]) ** 2;
    return s / nv;
  });
  const path: { lambda: number; score: number }[] = [];
  let best: { lambda: number; score: number; w: Float64Array; icpt: number } | undefined;
  for (const lambda of lambdas) {
    const L = G.slice();
    if (p > 0 && !choleskyInPlace(L, p, lambda * n, 1e-12 * n)) {
      throw new RangeError(`${fn}: XᵀX + λnI is not positive definite at λ = ${lambda} (collinear columns; use λ > 0)`);
    }
    const beta = p > 0 ? choleskySolve(L, p, b.slice()) : new Float64Array(0);
    const { w, icpt } = toRaw(beta);
    const s = score(apply(w, icpt, xVal));
    if (!Number.isFinite(s)) throw new RangeError(`${fn}: the validation score at λ = ${lambda} is not finite (${s})`);
    path.push({ lambda, score: s });
    if (best === undefined || s < best.score || (s === best.score && lambda < best.lambda)) {
      best = { lambda, score: s, w, icpt };
    }
  }
  const { w, icpt } = best!;
  return {
    name: "ridge",
    d,
    lambda: best!.lambda,
    path,
    weights: w,
    intercept: icpt,
    predict: (xs: Float64Array) => {
      rowsOf(`${fn}.predict`, "x", xs, d);
      return apply(w, icpt, xs);
    },
  };
}

/** Options of {@link fitForestDelta}. */
export interface ForestDeltaOptions {
  /** Trees. Default 30. */
  nEstimators?: number;
  /** Share of the columns each tree sees, in (0, 1] (at least one column). Default 1/3. */
  maxFeatures?: number;
  /** Maximum depth. Default 10. */
  maxDepth?: number;
  /** A node with at most this many rows becomes a leaf. Default 5. */
  minNumSamples?: number;
  /** Training rows used at most (seeded subsample, input order kept). Default 2,000. */
  maxTrainRows?: number;
  /** Seed of the subsample and of the forest. Default 1. */
  seed?: number;
}

/** A fitted forest baseline. */
export interface ForestModel extends DeltaModel {
  /** Training rows the trees were grown on. */
  trainRows: number;
}

/**
 * A regression forest (`ml-random-forest`, mean of the trees) on the target. Known quirk of its trees (`ml-cart`
 * 2.1.1): a node is not split when the best split's squared error is exactly 0 (both children constant), so a
 * noiseless step is not learnt; real targets (δ, y) are never that clean.
 *
 * @throws {RangeError} on mismatched shapes, non-finite data or bad options (naming the option and value)
 * @example
 * ```ts
 * import { fitForestDelta } from "./delta_baselines.ts";
 * import assert from "node:assert/strict";
 * const x = Float64Array.from({ length: 200 }, (_, i) => i / 200);
 * const y = Array.from(x, (v, i) => (v > 0.5 ? 1 : 0) + 0.01 * Math.sin(i)); // a step, with a little noise
 * const [lo, hi] = fitForestDelta(x, y, 1, { nEstimators: 5, seed: 3 }).predict(Float64Array.of(0.1, 0.9));
 * assert.ok(Math.abs(lo) < 0.05 && Math.abs(hi - 1) < 0.05);
 * ```
 */
export function fitForestDelta(
  x: Float64Array,
  y: ArrayLike<number>,
  d: number,
  opts: ForestDeltaOptions = {},
): ForestModel {
  const fn = "fitForestDelta";
  if (!Number.isInteger(d) || d < 1) throw new RangeError(`${fn}: d must be an integer >= 1, got ${d}`);
  const nAll = rowsOf(fn, "x", x, d);
  checkTarget(fn, "y", y, nAll);
  const o = {
    nEstimators: opts.nEstimators ?? 30,
    maxFeatures: opts.maxFeatures ?? 1 / 3,
    maxDepth: opts.maxDepth ?? 10,
    minNumSamples: opts.minNumSamples ?? 5,
    maxTrainRows: opts.maxTrainRows ?? 2000,
    seed: opts.seed ?? 1,
  };
  for (const k of ["nEstimators", "maxDepth", "minNumSamples", "maxTrainRows", "seed"] as const) {
    if (!Number.isInteger(o[k]) || o[k] < (k === "seed" ? 0 : 1)) {
      throw new RangeError(`${fn}: opts.${k} must be an integer >= ${k === "seed" ? 0 : 1}, got ${o[k]}`);
    }
  }
  if (!(o.maxFeatures > 0 && o.maxFeatures <= 1)) {
    throw new RangeError(`${fn}: opts.maxFeatures must be in (0, 1], got ${o.maxFeatures}`);
  }
  if (nAll < 2) throw new RangeError(`${fn}: needs at least 2 training rows, got ${nAll}`);
  const rng = createPrng(o.seed);
  const rows = nAll > o.maxTrainRows
    ? permutation(nAll, rng).slice(0, o.maxTrainRows).sort()
    : Int32Array.from({ length: nAll }, (_, i) => i);
  const X: number[][] = [], Y: number[] = [];
  for (const i of rows) {
    X.push(Array.from(x.subarray(i * d, (i + 1) * d)));
    Y.push(y[i]);
  }
  // columns per tree: k = max(1, ⌊share·d⌋). ml-random-forest reads a number in (0, 1] as a share (floored, so a
  // small share of few columns would give 0) and a larger integer as a count; (k + 0.5)/d is read as exactly k.
  const k = Math.max(1, Math.floor(o.maxFeatures * d));
  const rf = new RandomForestRegression({
    nEstimators: o.nEstimators,
    maxFeatures: k === d ? 1 : (k + 0.5) / d,
    replacement: false,
    useSampleBagging: true,
    noOOB: true,
    seed: rng.nextUint32() & 0x7fffffff,
    treeOptions: { maxDepth: o.maxDepth, minNumSamples: o.minNumSamples },
  });
  rf.train(X, Y);
  return {
    name: "forest",
    d,
    trainRows: rows.length,
    predict: (xs: Float64Array) => {
      const m = rowsOf(`${fn}.predict`, "x", xs, d);
      if (m === 0) return new Float64Array(0);
      const Xs: number[][] = [];
      for (let i = 0; i < m; i++) Xs.push(Array.from(xs.subarray(i * d, (i + 1) * d)));
      return Float64Array.from(rf.predict(Xs) as number[]);
    },
  };
}
