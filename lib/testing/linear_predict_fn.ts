/**
 * Test fixture: an exactly linear model as an explainer's {@link PredictFn}, so that an explanation can be checked
 * against known slopes.
 * @module
 */
import type { PredictFn } from "../explain/predict_fn.ts";

/**
 * `f(x) = b + Σ_j w_j x_j` on each of the `n` rows of a row-major `n × d` matrix.
 *
 * @example
 * ```ts
 * import { linearPredictFn } from "./linear_predict_fn.ts";
 * const f = linearPredictFn([2, -1], 0.5);
 * const y = await f(Float64Array.of(1, 1, 0, 2), 2, 2);
 * console.assert(y[0] === 1.5 && y[1] === -1.5);
 * ```
 */
export function linearPredictFn(w: ArrayLike<number>, b: number): PredictFn {
  return (x, n, d) => {
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      let s = b;
      for (let j = 0; j < d; j++) s += w[j] * x[i * d + j];
      y[i] = s;
    }
    return y;
  };
}
