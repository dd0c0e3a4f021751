/**
 * The pinball (quantile) loss as a {@link LossFn} for {@link ../permutation_importance.ts}.
 * @module
 */

import { checkFinite } from "./_checks.ts";

/** A loss between targets `y` and predictions `yhat` (same length); lower is better. */
export type LossFn = (y: Float64Array, yhat: Float64Array) => number;

/**
 * Mean pinball loss at level `tau`: `mean(max(τ(y − q), (τ − 1)(y − q)))`, whose minimiser is the τ-quantile.
 *
 * @throws {RangeError} when `tau` is not in (0, 1)
 * @example
 * ```ts
 * const loss = pinballLoss(0.99);
 * console.assert(Math.abs(loss(Float64Array.of(2), Float64Array.of(1)) - 0.99) < 1e-15);
 * ```
 */
export function pinballLoss(tau: number): LossFn {
  checkFinite("pinballLoss", "tau", tau);
  if (!(tau > 0 && tau < 1)) throw new RangeError(`pinballLoss: tau must lie in (0, 1), got ${tau}`);
  return (y, yhat) => {
    if (y.length !== yhat.length || y.length === 0) {
      throw new RangeError(`pinballLoss: y has ${y.length} values but yhat has ${yhat.length} (need equal, > 0)`);
    }
    let s = 0;
    for (let i = 0; i < y.length; i++) {
      const u = y[i] - yhat[i];
      s += u >= 0 ? tau * u : (tau - 1) * u;
    }
    return s / y.length;
  };
}
