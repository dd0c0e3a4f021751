/**
 * The static multiplier that would have been right on a period in hindsight
 * (a reference line, never a model: it uses the test period's own ratios):
 * the empirical τ-quantile of the ratio target r = loss / IM (the ⌈τ·n⌉-th
 * smallest value), clipped to the multiplier bounds.
 *
 * @example
 * ```ts
 * import { hindsightMultiplier } from "./hindsight_multiplier.ts";
 * const r = Float64Array.from({ length: 100 }, (_, i) => i / 50); // 0, 0.02, …, 1.98
 * console.assert(hindsightMultiplier(r, 0.99, { mMin: 0.8, mMax: 1.5 }) === 1.5);
 * ```
 * @module
 */
import { clipMultiplier } from "../targets/bounded_multiplier.ts";

/**
 * clip(r_(⌈τ·n⌉), mMin, mMax) with r_(k) the k-th smallest ratio.
 *
 * @throws {RangeError} on no ratios or τ outside (0, 1)
 * @example
 * ```ts
 * import { hindsightMultiplier } from "./hindsight_multiplier.ts";
 * console.assert(hindsightMultiplier(Float64Array.of(1.2, 0.9, 1.1), 0.5, { mMin: 0.8, mMax: 1.5 }) === 1.1);
 * ```
 */
export function hindsightMultiplier(r: Float64Array, tau: number, bounds: { mMin: number; mMax: number }): number {
  if (r.length === 0) throw new RangeError("hindsightMultiplier: no ratios");
  if (!(tau > 0 && tau < 1)) throw new RangeError(`hindsightMultiplier: tau must be in (0, 1), got ${tau}`);
  const sorted = Float64Array.from(r).sort();
  return clipMultiplier(
    sorted[Math.min(sorted.length - 1, Math.ceil(tau * sorted.length) - 1)],
    bounds.mMin,
    bounds.mMax,
  );
}
