/**
 * Fit quality of an SSVI surface in implied-vol units over the quotes it was fitted to.
 * @module
 */
import { type SsviParams, ssviTotalVariance } from "./ssvi.ts";

/**
 * Equal-weight RMSE in vol of an SSVI surface (`params`, ATM total variance `thetas[i]` of slice i) over the slices'
 * quotes `(k, w)`; negative model variance counts as 0.
 *
 * @example
 * ```ts
 * import { ssviRmseVol } from "./ssvi_rmse_vol.ts";
 * import { ssviTotalVariance } from "./ssvi.ts";
 * const p = { rho: -0.3, eta: 1, gamma: 0.5 }, theta = 0.04, T = 1, k = Float64Array.of(-0.2, 0, 0.2);
 * const w = k.map((x) => ssviTotalVariance(p, theta, x));
 * console.assert(ssviRmseVol(p, Float64Array.of(theta), [{ T, k, w }]) < 1e-12);
 * ```
 */
export function ssviRmseVol(
  params: SsviParams,
  thetas: Float64Array,
  slices: readonly { T: number; k: Float64Array; w: Float64Array }[],
): number {
  let se = 0, n = 0;
  slices.forEach((s, i) => {
    for (let j = 0; j < s.k.length; j++) {
      const e = Math.sqrt(Math.max(ssviTotalVariance(params, thetas[i], s.k[j]), 0) / s.T) - Math.sqrt(s.w[j] / s.T);
      se += e * e;
      n++;
    }
  });
  return Math.sqrt(se / n);
}
