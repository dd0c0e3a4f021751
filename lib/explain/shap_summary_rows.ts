/**
 * Tidy rows for a SHAP summary (beeswarm) plot: one row per (instance, feature), features ordered by global
 * importance, each with its attribution and its feature value (raw and as a within-feature rank for colouring).
 * @module
 */

import { checkMatrix } from "./_checks.ts";
import { globalImportance } from "./global_importance.ts";

/** One point of a SHAP summary plot. */
export interface ShapSummaryRow {
  /** Feature name. */
  feature: string;
  /** Feature column index. */
  featureIndex: number;
  /** Position of the feature when sorted by decreasing mean |φ| (0 = most important). */
  importanceRank: number;
  /** Explained row index. */
  row: number;
  /** SHAP value φ of the feature for the row. */
  shap: number;
  /** Raw feature value. */
  value: number;
  /** Mid-rank of the value within its feature, scaled to [0, 1] (0.5 when n = 1); robust colour scale. */
  valueRank: number;
}

/**
 * Tidy summary rows from SHAP `values` and the explained feature matrix `x` (both `n × d` row-major).
 * Sorted by importance rank, then row.
 *
 * @param featureNames one name per column (default `x0`, `x1`, …)
 * @throws {TypeError | RangeError} on mismatched dimensions, non-finite values, or a wrong number of names
 * @example
 * ```ts
 * const rows = shapSummaryRows(Float64Array.of(0.1, -2, 0.3, 1), Float64Array.of(5, 1, 6, 2), 2, 2, ["a", "b"]);
 * console.assert(rows.length === 4 && rows[0].feature === "b" && rows[0].valueRank === 0);
 * ```
 */
export function shapSummaryRows(
  values: Float64Array,
  x: Float64Array,
  n: number,
  d: number,
  featureNames?: readonly string[],
): ShapSummaryRow[] {
  const fn = "shapSummaryRows";
  checkMatrix(fn, "values", values, n, d);
  checkMatrix(fn, "x", x, n, d);
  if (featureNames !== undefined && (!Array.isArray(featureNames) || featureNames.length !== d)) {
    throw new RangeError(`${fn}: featureNames has ${featureNames?.length} names for d = ${d} columns`);
  }
  const names = featureNames ?? Array.from({ length: d }, (_, j) => `x${j}`);
  const imp = globalImportance(values, n, d);
  const order = Array.from({ length: d }, (_, j) => j).sort((a, b) => imp[b] - imp[a] || a - b);
  const out: ShapSummaryRow[] = [];
  const idx = new Int32Array(n);
  const rank = new Float64Array(n);
  order.forEach((j, r) => {
    for (let i = 0; i < n; i++) idx[i] = i;
    idx.sort((a, b) => x[a * d + j] - x[b * d + j] || a - b);
    for (let s = 0; s < n;) {
      let e = s;
      while (e + 1 < n && x[idx[e + 1] * d + j] === x[idx[s] * d + j]) e++;
      const mid = n === 1 ? 0.5 : (s + e) / 2 / (n - 1);
      for (let t = s; t <= e; t++) rank[idx[t]] = mid;
      s = e + 1;
    }
    for (let i = 0; i < n; i++) {
      out.push({
        feature: names[j],
        featureIndex: j,
        importanceRank: r,
        row: i,
        shap: values[i * d + j],
        value: x[i * d + j],
        valueRank: rank[i],
      });
    }
  });
  return out;
}
