/**
 * The ratio `r_t = L_{t,t+h} / IM_t` of the realised loss over the margin
 * period of risk to a baseline initial margin.
 * @module
 */

/**
 * Loss over the MPOR (`mpor` = h days) of a long position in a price series:
 * `L_{t,t+h} = −(P_{t+h} − P_t)` in price units (positive = loss). The last
 * `mpor` entries have no realised loss and are `NaN`.
 *
 * @throws {RangeError} when `mpor` is not an integer ≥ 1
 * @example
 * ```ts
 * const L = horizonLoss(Float64Array.of(10, 9, 11), 1); // [1, -2, NaN]
 * ```
 */
export function horizonLoss(price: Float64Array, mpor: number): Float64Array {
  if (!Number.isInteger(mpor) || mpor < 1) {
    throw new RangeError(`horizonLoss: mpor must be an integer ≥ 1, got ${mpor}`);
  }
  const n = price.length;
  const out = new Float64Array(n).fill(NaN);
  for (let t = 0; t + mpor < n; t++) out[t] = price[t] - price[t + mpor];
  return out;
}

/**
 * Ratio `r_t = L_t / IM_t`. A `NaN` loss (no realised horizon yet) gives `NaN`;
 * a non-positive or non-finite baseline IM is bad data and throws.
 *
 * @throws {RangeError} on length mismatch or `IM_t ≤ 0` / non-finite (names the index)
 * @example
 * ```ts
 * const r = ratioSeries(Float64Array.of(1, -2), Float64Array.of(2, 4)); // [0.5, -0.5]
 * ```
 */
export function ratioSeries(loss: Float64Array, im: Float64Array): Float64Array {
  if (loss.length !== im.length) {
    throw new RangeError(`ratioSeries: loss length ${loss.length} ≠ im length ${im.length}`);
  }
  const out = new Float64Array(loss.length);
  for (let t = 0; t < loss.length; t++) {
    const m = im[t];
    if (!(m > 0) || !Number.isFinite(m)) throw new RangeError(`ratioSeries: im[${t}] must be finite and > 0, got ${m}`);
    out[t] = loss[t] / m;
  }
  return out;
}
