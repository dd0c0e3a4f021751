/**
 * How a multiplier path moves through a window: its range, its first value,
 * the shares of days at the bounds (within 1e-3) and the largest dynamic
 * margin m·IM ({@link multiplierPathStats}); and the window's largest loss,
 * ratio and IM ({@link windowExtremes}).
 *
 * @example
 * ```ts
 * import { multiplierPathStats } from "./multiplier_path_stats.ts";
 * const s = multiplierPathStats(Float64Array.of(0.8, 1, 1.5, 1.5), Float64Array.of(10, 10, 10, 20), {
 *   mMin: 0.8, mMax: 1.5,
 * });
 * console.assert(s.shareAtMax === 0.5 && s.maxMargin === 30);
 * ```
 * @module
 */

/** Result of {@link multiplierPathStats}. */
export interface MultiplierPathStats {
  minM: number;
  maxM: number;
  firstM: number;
  /** Share of days with m ≤ mMin + 1e-3. */
  shareAtMin: number;
  /** Share of days with m ≥ mMax − 1e-3. */
  shareAtMax: number;
  /** Largest m·IM. */
  maxMargin: number;
}

/**
 * Statistics of the multiplier path `m` with baseline IM `im` and bounds `[mMin, mMax]`.
 *
 * @throws {RangeError} on an empty path or `im` of another length
 * @example
 * ```ts
 * import { multiplierPathStats } from "./multiplier_path_stats.ts";
 * console.assert(multiplierPathStats(Float64Array.of(1.2), Float64Array.of(5), { mMin: 0.8, mMax: 1.5 }).minM === 1.2);
 * ```
 */
export function multiplierPathStats(
  m: Float64Array,
  im: Float64Array,
  bounds: { mMin: number; mMax: number },
): MultiplierPathStats {
  const n = m.length;
  if (n === 0 || im.length !== n) {
    throw new RangeError(`multiplierPathStats: m has ${n} values and im ${im.length}; need the same number ≥ 1`);
  }
  let mn = Infinity, mx = -Infinity, atMin = 0, atMax = 0;
  for (const v of m) {
    mn = Math.min(mn, v);
    mx = Math.max(mx, v);
    if (v <= bounds.mMin + 1e-3) atMin++;
    if (v >= bounds.mMax - 1e-3) atMax++;
  }
  let maxMargin = 0;
  for (let i = 0; i < n; i++) maxMargin = Math.max(maxMargin, m[i] * im[i]);
  return { minM: mn, maxM: mx, firstM: m[0], shareAtMin: atMin / n, shareAtMax: atMax / n, maxMargin };
}

/**
 * The largest loss, ratio and IM of a window (arrays of one length).
 *
 * @throws {RangeError} on arrays of different lengths
 * @example
 * ```ts
 * import { windowExtremes } from "./multiplier_path_stats.ts";
 * const e = windowExtremes(Float64Array.of(-1, 3), Float64Array.of(-0.1, 0.3), Float64Array.of(10, 9));
 * console.assert(e.maxLoss === 3 && e.maxRatio === 0.3 && e.maxIm === 10);
 * ```
 */
export function windowExtremes(
  loss: Float64Array,
  r: Float64Array,
  im: Float64Array,
): { maxLoss: number; maxRatio: number; maxIm: number } {
  const n = r.length;
  if (loss.length !== n || im.length !== n) {
    throw new RangeError(`windowExtremes: loss ${loss.length}, r ${n} and im ${im.length} values differ`);
  }
  let maxLoss = -Infinity, maxRatio = -Infinity, maxIm = 0;
  for (let i = 0; i < n; i++) {
    maxLoss = Math.max(maxLoss, loss[i]);
    maxRatio = Math.max(maxRatio, r[i]);
    maxIm = Math.max(maxIm, im[i]);
  }
  return { maxLoss, maxRatio, maxIm };
}
