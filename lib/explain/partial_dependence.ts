/**
 * Partial dependence (Friedman 2001) and individual conditional expectation curves (Goldstein et al. 2015):
 * set one feature to each grid value in every row, predict, and average (PDP) or keep each row's curve (ICE).
 * @module
 */

import { checkInt } from "../core/check.ts";
import { quantileSorted } from "../core/quantile.ts";
import { checkFeature } from "./_checks.ts";
import { callPredict, checkPredictInput, type PredictFn } from "./predict_fn.ts";

/** Options for {@link partialDependence}. */
export interface PartialDependenceOptions {
  /** Quantile levels in [0, 1] for the grid (default `gridSize` evenly spaced levels in [0.05, 0.95]). */
  probabilities?: ArrayLike<number>;
  /** Number of evenly spaced quantile levels when `probabilities` is not given (default 20). */
  gridSize?: number;
  /** Largest number of rows passed to one `predict` call (default 262144). */
  maxBatchRows?: number;
}

/** Result of {@link partialDependence}. */
export interface PartialDependenceResult {
  feature: number;
  /** Distinct, increasing grid values (quantiles of the feature; ties from discrete features are merged). */
  grid: Float64Array;
  /** The quantile level of each grid value. */
  probabilities: Float64Array;
  /** Partial dependence: mean prediction at each grid value. */
  pdp: Float64Array;
  /** ICE curves, `n × grid.length` row-major: row i's prediction at each grid value. */
  ice: Float64Array;
}

/**
 * PDP and ICE of `feature` for the rows of `x` (`n × d` row-major), over a grid of that feature's quantiles.
 * All `n × grid` synthetic rows go to `predict` in one call unless `maxBatchRows` splits them.
 *
 * @throws {TypeError} when `predict` is not a function or `x` is not a Float64Array
 * @throws {RangeError} on mismatched dimensions, non-finite rows, a bad feature index or bad quantile levels
 * @example
 * ```ts
 * import type { PredictFn } from "./predict_fn.ts";
 * const f: PredictFn = (x, n) => { const y = new Float64Array(n); for (let i = 0; i < n; i++) y[i] = 3 * x[i]; return y; };
 * const r = await partialDependence(f, Float64Array.of(0, 1, 2, 3), 4, 1, 0, { probabilities: [0, 1] });
 * console.assert(r.grid[1] === 3 && r.pdp[1] === 9);
 * ```
 */
export async function partialDependence(
  predict: PredictFn,
  x: Float64Array,
  n: number,
  d: number,
  feature: number,
  options: PartialDependenceOptions = {},
): Promise<PartialDependenceResult> {
  const fn = "partialDependence";
  checkPredictInput(fn, predict, x, n, d);
  checkFeature(fn, "feature", feature, d);
  const maxBatchRows = checkInt(fn, "options.maxBatchRows", options.maxBatchRows ?? 262144, 1);
  let levels: number[];
  if (options.probabilities !== undefined) {
    levels = Array.from(options.probabilities);
    if (levels.length === 0) throw new RangeError(`${fn}: options.probabilities is empty`);
    levels.forEach((p, i) => {
      if (typeof p !== "number" || !(p >= 0 && p <= 1)) {
        throw new RangeError(`${fn}: options.probabilities[${i}] must lie in [0, 1], got ${p}`);
      }
    });
    levels.sort((a, b) => a - b);
  } else {
    const g = checkInt(fn, "options.gridSize", options.gridSize ?? 20, 1);
    levels = g === 1 ? [0.5] : Array.from({ length: g }, (_, i) => 0.05 + (0.9 * i) / (g - 1));
  }
  const column = new Float64Array(n);
  for (let i = 0; i < n; i++) column[i] = x[i * d + feature];
  column.sort();
  const gridValues: number[] = [], gridLevels: number[] = [];
  for (const p of levels) {
    const q = quantileSorted(column, p);
    if (gridValues.length > 0 && q === gridValues[gridValues.length - 1]) continue;
    gridValues.push(q);
    gridLevels.push(p);
  }
  const g = gridValues.length;
  const grid = Float64Array.from(gridValues);
  const ice = new Float64Array(n * g);
  const perCall = Math.max(1, Math.floor(maxBatchRows / n));
  const buf = new Float64Array(Math.min(g, perCall) * n * d);
  for (let g0 = 0; g0 < g; g0 += perCall) {
    const g1 = Math.min(g, g0 + perCall), rows = (g1 - g0) * n;
    const batch = buf.subarray(0, rows * d);
    for (let k = g0; k < g1; k++) {
      const o = (k - g0) * n * d;
      batch.set(x, o);
      for (let i = 0; i < n; i++) batch[o + i * d + feature] = grid[k];
    }
    const y = await callPredict(fn, predict, batch, rows, d);
    for (let k = g0; k < g1; k++) for (let i = 0; i < n; i++) ice[i * g + k] = y[(k - g0) * n + i];
  }
  const pdp = new Float64Array(g);
  for (let i = 0; i < n; i++) for (let k = 0; k < g; k++) pdp[k] += ice[i * g + k];
  for (let k = 0; k < g; k++) pdp[k] /= n;
  return { feature, grid, probabilities: Float64Array.from(gridLevels), pdp, ice };
}
