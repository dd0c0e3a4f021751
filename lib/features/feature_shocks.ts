/**
 * Hypothetical shocks to one feature row of the crude frame (the inputs a
 * margin model sees), each a copy of the row:
 *
 * - `volX`: the `volFeatures` multiplied by `volFactor`;
 * - `priceJump`: a one-day scaled return `jumpSize` added to the `jumpReturnFeatures` (returns, drawdown), and to
 *   the realised vols through their definitions, rv_w ← √(rv_w² + 252·j²/w) for w in `jumpVolWindows`, and the
 *   EWMA vol ewma ← √(ewma² + (1−λ)·252·j²) (with `ewma_to_im` scaled by the same ratio);
 * - `curveInversion`: the `curveFeatures` sign-flipped;
 * - `combined`: the price jump, then the vol factor, then the curve inversion.
 *
 * Names not present in the row are ignored.
 *
 * @example
 * ```ts
 * import { featureShocks } from "./feature_shocks.ts";
 * const s = featureShocks(Float64Array.of(0.3, 0.01), ["ovx", "curve_slope"], {
 *   volFeatures: ["ovx"], volFactor: 3, jumpSize: -0.3, jumpReturnFeatures: [], jumpVolWindows: [],
 *   ewmaLambda: 0.94, curveFeatures: ["curve_slope"],
 * });
 * console.assert(Math.abs(s.volX[0] - 0.9) < 1e-12 && s.curveInversion[1] === -0.01);
 * ```
 * @module
 */

/** What each shock does (feature names of the crude frame). */
export interface FeatureShockOptions {
  /** Features multiplied by `volFactor` (vol levels, EWMA/IM). */
  volFeatures: readonly string[];
  volFactor: number;
  /** One-day scaled return added by the price jump. */
  jumpSize: number;
  /** Features the jump is added to (scaled returns, drawdown). */
  jumpReturnFeatures: readonly string[];
  /** Windows w of the `rv_<w>d` features the jump enters. */
  jumpVolWindows: readonly number[];
  /** EWMA decay λ of `ewma_vol`. */
  ewmaLambda: number;
  /** Features sign-flipped by the curve inversion. */
  curveFeatures: readonly string[];
}

/** The shocked copies of a row, in this key order. */
export interface FeatureShocks {
  volX: Float64Array;
  priceJump: Float64Array;
  curveInversion: Float64Array;
  combined: Float64Array;
}

/**
 * Shocked copies of the feature row `x` with column names `names`.
 *
 * @throws {RangeError} when `x` and `names` differ in length
 * @example
 * ```ts
 * import { featureShocks } from "./feature_shocks.ts";
 * const s = featureShocks(Float64Array.of(0.2), ["rv_20d"], {
 *   volFeatures: [], volFactor: 1, jumpSize: 0.1, jumpReturnFeatures: [], jumpVolWindows: [20],
 *   ewmaLambda: 0.94, curveFeatures: [],
 * });
 * console.assert(Math.abs(s.priceJump[0] - Math.sqrt(0.04 + 252 * 0.01 / 20)) < 1e-12);
 * ```
 */
export function featureShocks(x: Float64Array, names: readonly string[], o: FeatureShockOptions): FeatureShocks {
  if (x.length !== names.length) {
    throw new RangeError(`featureShocks: row has ${x.length} values but ${names.length} names`);
  }
  const col = (f: string) => names.indexOf(f);
  const vol = x.slice();
  for (const f of o.volFeatures) if (col(f) >= 0) vol[col(f)] *= o.volFactor;
  const jump = x.slice(), j = o.jumpSize;
  for (const f of o.jumpReturnFeatures) if (col(f) >= 0) jump[col(f)] += j;
  for (const w of o.jumpVolWindows) {
    const c = col(`rv_${w}d`);
    if (c >= 0) jump[c] = Math.sqrt(jump[c] ** 2 + 252 * j * j / w);
  }
  const ce = col("ewma_vol");
  if (ce >= 0) {
    const e1 = Math.sqrt(x[ce] ** 2 + (1 - o.ewmaLambda) * 252 * j * j);
    const ci = col("ewma_to_im");
    if (ci >= 0) jump[ci] = x[ci] * e1 / x[ce];
    jump[ce] = e1;
  }
  const curve = x.slice();
  for (const f of o.curveFeatures) if (col(f) >= 0) curve[col(f)] = -curve[col(f)];
  const all = jump.slice();
  for (const f of o.volFeatures) if (col(f) >= 0) all[col(f)] *= o.volFactor;
  for (const f of o.curveFeatures) if (col(f) >= 0) all[col(f)] = -all[col(f)];
  return { volX: vol, priceJump: jump, curveInversion: curve, combined: all };
}
