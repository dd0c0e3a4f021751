/**
 * The scaled sigmoid that maps an unbounded network output `z` to a multiplier
 * `m = mMin + (mMax − mMin)·σ(z)` (gradients never vanish at a hard clip), and
 * its inverse.
 * @module
 */
import { validateBounds } from "./target_config.ts";

import { logistic } from "../core/logistic.ts";

/**
 * Scaled sigmoid: `m = mMin + (mMax − mMin)·σ(z)`, always inside `(mMin, mMax)`.
 *
 * @example
 * ```ts
 * console.assert(boundedMultiplier(0, 0.8, 1.5) === 1.15);
 * ```
 */
export function boundedMultiplier(z: number, mMin: number, mMax: number): number {
  return mMin + (mMax - mMin) * logistic(z);
}

/**
 * Inverse of {@link boundedMultiplier}: the logit `z` whose multiplier is `m`.
 * Values at or beyond the bounds are pulled inside by `eps` (relative).
 *
 * @throws {RangeError} on invalid bounds or non-finite `m`
 * @example
 * ```ts
 * const z = multiplierLogit(1.2, 0.8, 1.5);
 * console.assert(Math.abs(boundedMultiplier(z, 0.8, 1.5) - 1.2) < 1e-12);
 * ```
 */
export function multiplierLogit(m: number, mMin: number, mMax: number, eps = 1e-6): number {
  validateBounds(mMin, mMax);
  if (!Number.isFinite(m)) throw new RangeError(`multiplierLogit: m must be finite, got ${m}`);
  let p = (m - mMin) / (mMax - mMin);
  p = Math.min(1 - eps, Math.max(eps, p));
  return Math.log(p / (1 - p));
}

/**
 * Clip a multiplier into `[mMin, mMax]` (for the non-gradient models).
 *
 * @example
 * ```ts
 * console.assert(clipMultiplier(2, 0.8, 1.5) === 1.5);
 * ```
 */
export function clipMultiplier(m: number, mMin: number, mMax: number): number {
  return m < mMin ? mMin : m > mMax ? mMax : m;
}
