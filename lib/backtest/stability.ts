/**
 * Stability of a margin (or multiplier) series: the mean absolute day-on-day
 * change, absolute and relative to the previous level.
 *
 * @example
 * ```ts
 * import { stability } from "./stability.ts";
 * stability([10, 11, 9.9]); // { meanAbsChange: 1.05, meanRelChange: 0.1, zeroBase: 0 }
 * ```
 * @module
 */
import { checkFiniteArray } from "../core/check.ts";

/** Stability measures. */
export interface Stability {
  /** Mean of `|M_t − M_{t−1}|`. */
  meanAbsChange: number;
  /** Mean of `|M_t − M_{t−1}| / M_{t−1}` over days with `M_{t−1} > 0` (NaN if none). */
  meanRelChange: number;
  /** Number of days excluded from `meanRelChange` because `M_{t−1} = 0`. */
  zeroBase: number;
}

/**
 * Mean |Δmargin| and mean |Δmargin|/margin.
 *
 * @throws {RangeError} on fewer than 2 values, non-finite or negative values
 * @example
 * ```ts
 * stability([1, 1, 1]).meanRelChange; // 0
 * ```
 */
export function stability(margins: ArrayLike<number>): Stability {
  const fn = "stability";
  checkFiniteArray(fn, "margins", margins);
  const n = margins.length;
  if (n < 2) throw new RangeError(`${fn}: margins needs at least 2 values, got ${n}`);
  let a = 0, r = 0, rn = 0, z = 0;
  for (let t = 1; t < n; t++) {
    const prev = margins[t - 1];
    if (prev < 0) throw new RangeError(`${fn}: margins[${t - 1}] must be >= 0, got ${prev}`);
    const d = Math.abs(margins[t] - prev);
    a += d;
    if (prev > 0) {
      r += d / prev;
      rn++;
    } else z++;
  }
  return { meanAbsChange: a / (n - 1), meanRelChange: rn ? r / rn : NaN, zeroBase: z };
}
