/**
 * Stability and procyclicality of a margin rule in one record: the peak-to-trough ratio and the largest relative 1-,
 * 5- and 30-day increases of the margin ({@link procyclicality}), the mean absolute day-on-day change of the
 * multiplier and of the margin ({@link stability}), and the share of days the multiplier sits at a bound.
 *
 * @example
 * ```ts
 * import { marginStability } from "./margin_stability.ts";
 * const s = marginStability([100, 120, 96, 150], [1, 1.2, 0.8, 1.5], { min: 0.8, max: 1.5 });
 * console.assert(s.peakToTrough === 150 / 96 && s.shareAtBound === 0.5);
 * ```
 * @module
 */
import { checkFiniteArray } from "../core/check.ts";
import { procyclicality } from "./procyclicality.ts";
import { stability } from "./stability.ts";

/** Output of {@link marginStability}. */
export interface MarginStability {
  /** `max(margin) / min(margin)`. */
  peakToTrough: number;
  /** Largest `margin_{t+1}/margin_t − 1` (NaN when the series is too short). */
  maxIncrease1d: number;
  /** Largest `margin_{t+5}/margin_t − 1`. */
  maxIncrease5d: number;
  /** Largest `margin_{t+30}/margin_t − 1`. */
  maxIncrease30d: number;
  /** Mean `|m_t − m_{t−1}|` of the multiplier. */
  meanAbsChangeMultiplier: number;
  /** Mean `|margin_t − margin_{t−1}|` in margin units. */
  meanAbsChangeMargin: number;
  /** Share of days with the multiplier within `eps` of either bound. */
  shareAtBound: number;
  /** Share of days at the lower bound. */
  shareAtMin: number;
  /** Share of days at the upper bound. */
  shareAtMax: number;
}

/**
 * Stability measures of a margin series and the multiplier behind it.
 *
 * @param eps tolerance for "at a bound" (default 1e-9)
 * @throws {RangeError} on fewer than 2 days, different lengths, non-finite or negative margins, non-finite
 *   multipliers (naming the index and value), or bounds with `min ≥ max`
 * @example
 * ```ts
 * import { marginStability } from "./margin_stability.ts";
 * const s = marginStability([10, 10, 10], [1, 1, 1], { min: 1, max: 1.5 });
 * console.assert(s.shareAtMin === 1 && s.meanAbsChangeMargin === 0 && Number.isNaN(s.maxIncrease5d));
 * ```
 */
export function marginStability(
  margin: ArrayLike<number>,
  multiplier: ArrayLike<number>,
  bounds: { min: number; max: number },
  eps = 1e-9,
): MarginStability {
  const fn = "marginStability";
  checkFiniteArray(fn, "margin", margin);
  checkFiniteArray(fn, "multiplier", multiplier);
  if (multiplier.length !== margin.length) {
    throw new RangeError(
      `${fn}: margin.length (${margin.length}) must equal multiplier.length, got ${multiplier.length}`,
    );
  }
  if (margin.length < 2) throw new RangeError(`${fn}: margin needs at least 2 days, got ${margin.length}`);
  const { min, max } = bounds ?? {};
  if (!(Number.isFinite(min) && Number.isFinite(max) && min < max)) {
    throw new RangeError(`${fn}: bounds must be finite with min < max, got ${JSON.stringify(bounds)}`);
  }
  if (!(eps >= 0 && Number.isFinite(eps))) throw new RangeError(`${fn}: eps must be a finite number >= 0, got ${eps}`);
  const p = procyclicality(margin, { horizons: [1, 5, 30] });
  const sm = stability(margin);
  const n = multiplier.length;
  let dm = 0, atMin = 0, atMax = 0;
  for (let t = 0; t < n; t++) {
    const m = multiplier[t];
    if (t > 0) dm += Math.abs(m - multiplier[t - 1]);
    if (m <= min + eps) atMin++;
    else if (m >= max - eps) atMax++;
  }
  return {
    peakToTrough: p.peakToTrough,
    maxIncrease1d: p.maxIncrease["1"],
    maxIncrease5d: p.maxIncrease["5"],
    maxIncrease30d: p.maxIncrease["30"],
    meanAbsChangeMultiplier: dm / (n - 1),
    meanAbsChangeMargin: sm.meanAbsChange,
    shareAtBound: (atMin + atMax) / n,
    shareAtMin: atMin / n,
    shareAtMax: atMax / n,
  };
}
