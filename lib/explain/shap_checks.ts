/**
 * Checks of an explanation against its model: SHAP's local accuracy (each row's
 * base value plus its Shapley values equals the prediction —
 * {@link shapAdditivityError}) and the largest gap between two prediction series
 * ({@link maxAbsDifference}, e.g. TreeSHAP's predictions vs the model's own).
 *
 * @example
 * ```ts
 * import { shapAdditivityError } from "./shap_checks.ts";
 * const e = shapAdditivityError({ values: Float64Array.of(0.5, -0.25), baseValue: 1, predictions: Float64Array.of(1.25) }, 1, 2);
 * console.assert(e === 0);
 * ```
 * @module
 */

/** The parts of a SHAP result the check reads (`values` row-major `n × d`). */
export interface ShapLike {
  values: Float64Array;
  baseValue: number;
  predictions: Float64Array;
}

/**
 * max over rows i of |baseValue + Σ_j values[i, j] − predictions[i]|.
 *
 * @throws {RangeError} when the arrays do not hold `n` rows of `d` values
 * @example
 * ```ts
 * import { shapAdditivityError } from "./shap_checks.ts";
 * const r = { values: Float64Array.of(1, 1), baseValue: 0, predictions: Float64Array.of(1, 3) };
 * console.assert(shapAdditivityError(r, 2, 1) === 2);
 * ```
 */
export function shapAdditivityError(r: ShapLike, n: number, d: number): number {
  if (r.values.length < n * d || r.predictions.length < n) {
    throw new RangeError(
      `shapAdditivityError: need ${n}×${d} values and ${n} predictions, got ${r.values.length} and ${r.predictions.length}`,
    );
  }
  let err = 0;
  for (let i = 0; i < n; i++) {
    let sum = r.baseValue;
    for (let j = 0; j < d; j++) sum += r.values[i * d + j];
    err = Math.max(err, Math.abs(sum - r.predictions[i]));
  }
  return err;
}

/**
 * max_i |a[i] − b[i]| over the first `n` values (default: all of `a`).
 *
 * @throws {RangeError} when either array is shorter than `n`
 * @example
 * ```ts
 * import { maxAbsDifference } from "./shap_checks.ts";
 * console.assert(maxAbsDifference(Float64Array.of(1, 2), Float64Array.of(1.5, 2)) === 0.5);
 * ```
 */
export function maxAbsDifference(a: ArrayLike<number>, b: ArrayLike<number>, n = a.length): number {
  if (a.length < n || b.length < n) {
    throw new RangeError(`maxAbsDifference: need ${n} values, got ${a.length} and ${b.length}`);
  }
  let err = 0;
  for (let i = 0; i < n; i++) err = Math.max(err, Math.abs(a[i] - b[i]));
  return err;
}
