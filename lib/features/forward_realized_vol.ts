/**
 * **Analysis column, looks forward — never a feature.** The realized volatility of the *next* `window` rows,
 * read off the frame's trailing `rv_<window>d` column `window` rows later: `fwd[t] = rv[t + window]`.
 * @module
 */
import type { FeatureFrame } from "./feature_frame.ts";
import { requireFeature } from "./require_feature.ts";

/**
 * `x[t + lag]`, NaN where `t + lag` runs past the end.
 *
 * @throws {RangeError} when `lag` is not a non-negative integer
 * @example
 * ```ts
 * import { leadSeries } from "./forward_realized_vol.ts";
 * const y = leadSeries(Float64Array.of(1, 2, 3), 1);
 * console.assert(y[0] === 2 && y[1] === 3 && Number.isNaN(y[2]));
 * ```
 */
export function leadSeries(x: Float64Array, lag: number): Float64Array {
  if (!Number.isInteger(lag) || lag < 0) throw new RangeError(`leadSeries: lag must be an integer >= 0, got ${lag}`);
  const out = new Float64Array(x.length).fill(NaN);
  for (let t = 0; t + lag < x.length; t++) out[t] = x[t + lag];
  return out;
}

/**
 * Realized vol over rows (t, t + window]: the frame's `rv_<window>d` led by `window` rows.
 *
 * @throws {RangeError} naming `where` when the frame has no `rv_<window>d` column
 * @example
 * ```ts
 * import { forwardRealizedVol } from "./forward_realized_vol.ts";
 * import { assembleFeatureFrame } from "./feature_frame.ts";
 * const rv = Float64Array.of(NaN, NaN, 0.2, 0.3, 0.4);
 * const f = assembleFeatureFrame(["2020-01-01", "2020-01-02", "2020-01-03", "2020-01-06", "2020-01-07"], [
 *   { name: "rv_2d", values: rv, description: "vol", unit: "1/yr", group: "historical", lookback: 3 },
 * ]);
 * console.assert(forwardRealizedVol(f, 2, "demo")[1] === 0.3); // the vol of rows 2..3, seen from row 1
 * ```
 */
export function forwardRealizedVol(frame: FeatureFrame, window: number, where: string): Float64Array {
  return leadSeries(requireFeature(frame, `rv_${window}d`, where), window);
}
