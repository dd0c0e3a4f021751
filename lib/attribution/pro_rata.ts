/**
 * Pro-rata allocation: the total margin shared in proportion to standalone margins.
 *
 * @example
 * ```ts
 * import { proRata } from "./pro_rata.ts";
 * proRata((w) => Math.hypot(3 * w[0], 4 * w[1]), 2); // [5·3/7, 5·4/7]
 * ```
 * @module
 */
import { standalone } from "./standalone.ts";
import { checkUnitFn, evalMargin, type UnitMarginFn } from "./unit_margin_fn.ts";

/**
 * `total · standalone_j / Σ standalone` (equal shares when every standalone margin is 0).
 *
 * @throws {TypeError} when `marginFn` is not a function; {RangeError} on `nUnits` < 1 or a non-finite margin
 * @example
 * ```ts
 * proRata((w) => w[0] + w[1], 2); // [1, 1]
 * ```
 */
export function proRata(marginFn: UnitMarginFn, nUnits: number): Float64Array {
  checkUnitFn("proRata", marginFn, nUnits);
  const sa = standalone(marginFn, nUnits);
  const total = evalMargin("proRata", marginFn, new Float64Array(nUnits).fill(1));
  let s = 0;
  for (const v of sa) s += v;
  const out = new Float64Array(nUnits);
  for (let j = 0; j < nUnits; j++) out[j] = s !== 0 ? (total * sa[j]) / s : total / nUnits;
  return out;
}
