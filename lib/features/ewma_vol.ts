/**
 * EWMA (RiskMetrics) volatility: `σ²_t = λ σ²_{t−1} + (1 − λ) r_t²`, started at
 * the first finite return with `σ² = r²` (no look-ahead: no sample mean of later
 * returns), annualized with `A`. Values are reported from the `minPeriods`-th
 * return on; a NaN return (series ended) ends the recursion and a later finite
 * return restarts it.
 *
 * @example
 * ```ts
 * import { ewmaVol } from "./ewma_vol.ts";
 * ewmaVol(Float64Array.of(NaN, 0.01, 0.02), 0.94, 252, 1);
 * ```
 * @module
 */

/**
 * EWMA volatility, annualized.
 *
 * @throws {RangeError} when λ ∉ (0, 1) or minPeriods < 1
 * @example
 * ```ts
 * const r = Float64Array.from({ length: 60 }, (_, i) => 0.02 * Math.sin(i * 1.7));
 * ewmaVol(r, 0.94);
 * ```
 */
export function ewmaVol(r: Float64Array, lambda = 0.94, annualization = 252, minPeriods = 20): Float64Array {
  if (!(lambda > 0 && lambda < 1)) throw new RangeError(`ewmaVol: lambda must be in (0, 1), got ${lambda}`);
  if (!Number.isInteger(minPeriods) || minPeriods < 1) {
    throw new RangeError(`ewmaVol: minPeriods must be an integer >= 1, got ${minPeriods}`);
  }
  const n = r.length;
  const out = new Float64Array(n).fill(NaN);
  let v = NaN, count = 0;
  for (let t = 0; t < n; t++) {
    const x = r[t];
    if (Number.isNaN(x)) {
      v = NaN;
      count = 0;
      continue;
    }
    v = count === 0 ? x * x : lambda * v + (1 - lambda) * x * x;
    count++;
    if (count >= minPeriods) out[t] = Math.sqrt(annualization * v);
  }
  return out;
}
