/**
 * Holm–Bonferroni step-down adjustment of a family of p-values (Holm 1979), which controls the family-wise error
 * rate: with the p-values sorted ascending, `p̃₍ᵢ₎ = max_{j ≤ i} min(1, (m − j + 1)·p₍ⱼ₎)`, returned in the input
 * order (the same values as R's `p.adjust(p, "holm")`). Reject hypothesis i at level α when `p̃ᵢ ≤ α`.
 *
 * @example
 * ```ts
 * import { holmAdjust } from "./holm.ts";
 * holmAdjust([0.01, 0.04, 0.03, 0.005]); // [0.03, 0.06, 0.06, 0.02]
 * ```
 * @module
 */

/**
 * Holm-adjusted p-values, in the input order; monotone in the raw p-values and ≤ 1.
 *
 * @throws {TypeError} when `pValues` is not an array
 * @throws {RangeError} naming the index and value of a p-value that is not a number in [0, 1]
 * @example
 * ```ts
 * import { holmAdjust } from "./holm.ts";
 * console.assert(holmAdjust([0.5, 0.2])[0] === 0.5 && holmAdjust([]).length === 0);
 * ```
 */
export function holmAdjust(pValues: readonly number[]): number[] {
  const fn = "holmAdjust";
  if (!Array.isArray(pValues)) throw new TypeError(`${fn}: pValues must be an array, got ${String(pValues)}`);
  const m = pValues.length;
  pValues.forEach((p, i) => {
    if (typeof p !== "number" || !(p >= 0 && p <= 1)) {
      throw new RangeError(`${fn}: pValues[${i}] must be a number in [0, 1], got ${String(p)}`);
    }
  });
  const order = pValues.map((_, i) => i).sort((a, b) => pValues[a] - pValues[b] || a - b);
  const out = new Array<number>(m);
  let run = 0;
  order.forEach((i, rank) => {
    run = Math.max(run, Math.min(1, (m - rank) * pValues[i]));
    out[i] = run;
  });
  return out;
}
