/**
 * Pinball (quantile) loss `ρ_τ(y − q) = max(τ·(y − q), (τ − 1)·(y − q))`,
 * the strictly consistent scoring function for the τ-quantile.
 *
 * @example
 * ```ts
 * import { pinballLoss } from "./pinball_loss.ts";
 * pinballLoss([2, 0], [1, 1], 0.99); // [0.99, 0.01]
 * ```
 * @module
 */
import { checkPair } from "./check.ts";

/**
 * Elementwise pinball loss of quantile forecasts `q` for outcomes `y` at level `tau`.
 *
 * @throws {RangeError} on non-finite values, mismatched or empty series, `tau` outside (0, 1)
 * @example
 * ```ts
 * pinballLoss([1], [1], 0.5); // [0]
 * ```
 */
export function pinballLoss(y: ArrayLike<number>, q: ArrayLike<number>, tau: number): Float64Array {
  const fn = "pinballLoss";
  if (!(tau > 0 && tau < 1)) throw new RangeError(`${fn}: tau must lie in (0, 1), got ${tau}`);
  checkPair(fn, "y", y, "q", q);
  const out = new Float64Array(y.length);
  for (let t = 0; t < y.length; t++) {
    const u = y[t] - q[t];
    out[t] = u >= 0 ? tau * u : (tau - 1) * u;
  }
  return out;
}
