/**
 * Incremental margin: how much the total falls when a unit is removed,
 * `fn(1) − fn(1 − e_j)`. Does not add up to the total in general.
 *
 * @example
 * ```ts
 * import { incremental } from "./incremental.ts";
 * incremental((w) => Math.abs(w[0] - w[1]), 2); // [−1, −1]: each unit hedges the other
 * ```
 * @module
 */
import { checkUnitFn, evalMargin, type UnitMarginFn } from "./unit_margin_fn.ts";

/**
 * Incremental margin of each unit.
 *
 * @throws {TypeError} when `marginFn` is not a function; {RangeError} on `nUnits` < 1 or a non-finite margin
 * @example
 * ```ts
 * incremental((w) => w[0] + 2 * w[1], 2); // [1, 2]
 * ```
 */
export function incremental(marginFn: UnitMarginFn, nUnits: number): Float64Array {
  checkUnitFn("incremental", marginFn, nUnits);
  const w = new Float64Array(nUnits).fill(1);
  const total = evalMargin("incremental", marginFn, w);
  const out = new Float64Array(nUnits);
  for (let j = 0; j < nUnits; j++) {
    w[j] = 0;
    out[j] = total - evalMargin("incremental", marginFn, w);
    w[j] = 1;
  }
  return out;
}
