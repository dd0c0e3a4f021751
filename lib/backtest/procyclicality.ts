/**
 * Procyclicality of a margin series (CPMI-IOSCO style measures): the
 * peak-to-trough ratio and the largest increases over 1, 5 and 30 days.
 *
 * @example
 * ```ts
 * import { procyclicality } from "./procyclicality.ts";
 * const r = procyclicality([10, 12, 9, 18], { horizons: [1, 2] });
 * r.peakToTrough; // 2
 * r.maxIncrease["1"]; // 1   (9 → 18)
 * ```
 * @module
 */
import { checkFiniteArray } from "../core/check.ts";

/** Procyclicality measures. */
export interface Procyclicality {
  /** `max(M) / min(M)` (Infinity when the minimum is 0). */
  peakToTrough: number;
  /** Per horizon k: `max_t (M_{t+k}/M_t − 1)` over `M_t > 0` (NaN if the series is shorter than k+1). */
  maxIncrease: Record<string, number>;
  /** Per horizon k: `max_t (M_{t+k} − M_t)` in margin units. */
  maxIncreaseAbs: Record<string, number>;
}

/**
 * Peak-to-trough and max k-day increases of a margin series.
 *
 * @throws {RangeError} on an empty or non-finite series, a negative margin, a horizon < 1
 * @example
 * ```ts
 * procyclicality([1, 2, 3]).maxIncrease["1"]; // 1
 * ```
 */
export function procyclicality(
  margins: ArrayLike<number>,
  opts: { horizons?: readonly number[] } = {},
): Procyclicality {
  const fn = "procyclicality";
  checkFiniteArray(fn, "margins", margins);
  const n = margins.length;
  if (n === 0) throw new RangeError(`${fn}: margins is empty`);
  let lo = Infinity, hi = -Infinity;
  for (let t = 0; t < n; t++) {
    const m = margins[t];
    if (m < 0) throw new RangeError(`${fn}: margins[${t}] must be >= 0, got ${m}`);
    if (m < lo) lo = m;
    if (m > hi) hi = m;
  }
  const horizons = opts.horizons ?? [1, 5, 30];
  const maxIncrease: Record<string, number> = {}, maxIncreaseAbs: Record<string, number> = {};
  for (const k of horizons) {
    if (!Number.isInteger(k) || k < 1) throw new RangeError(`${fn}: horizons must be integers >= 1, got ${k}`);
    let r = -Infinity, a = -Infinity;
    for (let t = 0; t + k < n; t++) {
      const d = margins[t + k] - margins[t];
      if (d > a) a = d;
      if (margins[t] > 0 && d / margins[t] > r) r = d / margins[t];
    }
    maxIncrease[String(k)] = r === -Infinity ? NaN : r;
    maxIncreaseAbs[String(k)] = a === -Infinity ? NaN : a;
  }
  return { peakToTrough: lo > 0 ? hi / lo : Infinity, maxIncrease, maxIncreaseAbs };
}
