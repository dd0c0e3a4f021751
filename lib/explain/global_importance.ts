/**
 * Global feature importance from local attributions: the mean absolute SHAP value of each feature.
 * @module
 */

import { checkMatrix } from "./_checks.ts";

/**
 * Mean |φ| per feature over the `n` explained rows (`values` is `n × d` row-major, e.g. from `kernelShap` or
 * `treeShap`).
 *
 * @throws {TypeError | RangeError} when `values` is not an `n × d` Float64Array of finite numbers
 * @example
 * ```ts
 * const imp = globalImportance(Float64Array.of(1, -2, -3, 0), 2, 2);
 * console.assert(imp[0] === 2 && imp[1] === 1);
 * ```
 */
export function globalImportance(values: Float64Array, n: number, d: number): Float64Array {
  checkMatrix("globalImportance", "values", values, n, d);
  const out = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) out[j] += Math.abs(values[i * d + j]);
  for (let j = 0; j < d; j++) out[j] /= n;
  return out;
}
