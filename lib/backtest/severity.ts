/**
 * Breach severity: how far realized losses exceed the margin when they do.
 *
 * @example
 * ```ts
 * import { breachSeverity } from "./severity.ts";
 * breachSeverity([5, 1, 12], [4, 4, 4]); // { count: 2, meanShortfall: 4.5, maxShortfall: 8, meanRatio: 2.125 }
 * ```
 * @module
 */
import { checkFinitePair } from "../core/check.ts";

/** Severity of breaches (`loss > margin`). */
export interface BreachSeverity {
  /** Number of breaches. */
  count: number;
  /** Mean of `loss − margin` over breaches (0 when none). */
  meanShortfall: number;
  /** Max of `loss − margin` over breaches (0 when none). */
  maxShortfall: number;
  /** Mean of `loss / margin` over breaches with a positive margin (NaN when none). */
  meanRatio: number;
}

/**
 * Mean and max shortfall on breaches.
 *
 * @throws {RangeError} on non-finite values, mismatched or empty series
 * @example
 * ```ts
 * breachSeverity([1], [2]).count; // 0
 * ```
 */
export function breachSeverity(losses: ArrayLike<number>, margins: ArrayLike<number>): BreachSeverity {
  checkFinitePair("breachSeverity", "losses", losses, "margins", margins);
  let count = 0, sum = 0, max = 0, rs = 0, rn = 0;
  for (let t = 0; t < losses.length; t++) {
    const d = losses[t] - margins[t];
    if (d > 0) {
      count++;
      sum += d;
      if (d > max) max = d;
      if (margins[t] > 0) {
        rs += losses[t] / margins[t];
        rn++;
      }
    }
  }
  return { count, meanShortfall: count ? sum / count : 0, maxShortfall: max, meanRatio: rn ? rs / rn : NaN };
}
