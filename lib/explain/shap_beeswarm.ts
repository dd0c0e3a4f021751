/**
 * Per-row SHAP values with each row's feature values, the data of a beeswarm plot (one dot per row and feature,
 * placed at its SHAP value and coloured by its feature value). Rows are an evenly spaced, deterministic subsample
 * ({@link evenRowIndices}: no PRNG, so adding a beeswarm changes no other random draw); {@link treeShapBeeswarm}
 * explains them exactly with TreeSHAP, {@link beeswarmRows} turns any `n × d` attribution matrix into the rows.
 *
 * @example
 * ```ts
 * import { treeShapBeeswarm } from "./shap_beeswarm.ts";
 * import { decisionTree } from "./tree_ensemble.ts";
 * const t = decisionTree({ feature: [0, -1, -1], threshold: [0.5, 0, 0], left: [1, -1, -1], right: [2, -1, -1],
 *   value: [0, 1, 3], cover: [4, 2, 2] });
 * const x = Float64Array.of(0.1, 9, 0.9, 9, 0.2, 9); // 3 rows, 2 features
 * const b = treeShapBeeswarm({ trees: [t], nFeatures: 2 }, x, 3, 2, 2);
 * console.assert(b.rows.join() === "0,2" && b.phi[0][0] === -1 && b.phi[0][1] === 0 && b.x[1][0] === 0.2);
 * ```
 * @module
 */
import { gatherRows } from "./sample_rows.ts";
import type { TreeEnsemble } from "./tree_ensemble.ts";
import { treeShap } from "./tree_shap.ts";

/** A beeswarm's rows: the explained row indices, their SHAP values and feature values (one array per row). */
export interface ShapBeeswarm {
  /** Indices of the explained rows in the input matrix, increasing. */
  rows: number[];
  /** SHAP values, rows × features. */
  phi: number[][];
  /** Feature values, rows × features. */
  x: number[][];
}

/**
 * `min(n, k)` row indices evenly spaced over `0..n−1`, increasing, first and last row included (`k = 1`: row 0);
 * all rows when `k ≥ n`. Deterministic: no PRNG.
 *
 * @throws {RangeError} when `n` or `k` is not a non-negative integer
 * @example
 * ```ts
 * import { evenRowIndices } from "./shap_beeswarm.ts";
 * console.assert(evenRowIndices(10, 4).join() === "0,3,6,9");
 * console.assert(evenRowIndices(3, 5).join() === "0,1,2");
 * ```
 */
export function evenRowIndices(n: number, k: number): number[] {
  if (!Number.isInteger(n) || n < 0 || !Number.isInteger(k) || k < 0) {
    throw new RangeError(
      `evenRowIndices (lib/explain/shap_beeswarm.ts): n and k must be integers ≥ 0, got n = ${n}, k = ${k}`,
    );
  }
  if (k >= n) return Array.from({ length: n }, (_, i) => i);
  if (k === 1) return [0];
  return Array.from({ length: k }, (_, i) => Math.floor((i * (n - 1)) / (k - 1)));
}

/**
 * An `n × d` attribution matrix `values` and the `n × d` feature matrix `x` (both row-major, the same rows) as
 * arrays of rows, each value mapped by `round` (default: unchanged).
 *
 * @throws {RangeError} when `values` or `x` is not `n × d`
 * @example
 * ```ts
 * import { beeswarmRows } from "./shap_beeswarm.ts";
 * const b = beeswarmRows(Float64Array.of(0.123, -0.5), Float64Array.of(1, 2), 1, 2, (v) => Math.round(v * 10) / 10);
 * console.assert(b.phi[0].join() === "0.1,-0.5" && b.x[0].join() === "1,2");
 * ```
 */
export function beeswarmRows(
  values: Float64Array,
  x: Float64Array,
  n: number,
  d: number,
  round: (v: number) => number = (v) => v,
): { phi: number[][]; x: number[][] } {
  if (!Number.isInteger(n) || n < 0 || !Number.isInteger(d) || d < 1) {
    throw new RangeError(
      `beeswarmRows (lib/explain/shap_beeswarm.ts): need integers n ≥ 0, d ≥ 1, got n = ${n}, d = ${d}`,
    );
  }
  for (const [name, m] of [["values", values], ["x", x]] as const) {
    if (m.length !== n * d) {
      throw new RangeError(
        `beeswarmRows (lib/explain/shap_beeswarm.ts): ${name} has length ${m.length}, expected ${n} × ${d}`,
      );
    }
  }
  const rows = (m: Float64Array) =>
    Array.from({ length: n }, (_, i) => Array.from(m.subarray(i * d, i * d + d), round));
  return { phi: rows(values), x: rows(x) };
}

/**
 * TreeSHAP of `ensemble` on at most `maxRows` evenly spaced rows of `x` (`n × d`, row-major), with their feature
 * values; every number mapped by `round` (default: unchanged).
 *
 * @throws {RangeError} on a bad size, from {@link evenRowIndices} or TreeSHAP's checks
 * @example
 * ```ts
 * import { treeShapBeeswarm } from "./shap_beeswarm.ts";
 * import { decisionTree } from "./tree_ensemble.ts";
 * const t = decisionTree({ feature: [-1], threshold: [0], left: [-1], right: [-1], value: [2], cover: [1] });
 * const b = treeShapBeeswarm({ trees: [t], nFeatures: 1 }, Float64Array.of(1, 2, 3), 3, 1, 300);
 * console.assert(b.rows.length === 3 && b.phi.every((r) => r[0] === 0));
 * ```
 */
export function treeShapBeeswarm(
  ensemble: TreeEnsemble,
  x: Float64Array,
  n: number,
  d: number,
  maxRows: number,
  round: (v: number) => number = (v) => v,
): ShapBeeswarm {
  const rows = evenRowIndices(n, maxRows);
  const xs = gatherRows(x, d, rows);
  const shap = treeShap(ensemble, xs, rows.length, d);
  return { rows, ...beeswarmRows(shap.values, xs, rows.length, d, round) };
}
