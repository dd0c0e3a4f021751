/**
 * Rounding for JSON outputs: a value rounded to a number of decimals, with JSON's missing value for non-finite input.
 * @module
 */

/**
 * `x` rounded half-up to `digits` decimals; null when `x` is not finite (JSON has no NaN); −0 is written as 0.
 *
 * @throws {RangeError} when `digits` is not an integer in [0, 15]
 * @example
 * ```ts
 * import { roundTo } from "./round_to.ts";
 * console.assert(roundTo(1.23456, 2) === 1.23 && roundTo(NaN, 2) === null && Object.is(roundTo(-0.001, 2), 0));
 * ```
 */
export function roundTo(x: number, digits: number): number | null {
  if (!Number.isInteger(digits) || digits < 0 || digits > 15) {
    throw new RangeError(`roundTo: digits must be an integer in [0, 15], got ${digits}`);
  }
  if (!Number.isFinite(x)) return null;
  const s = 10 ** digits;
  return Math.round(x * s) / s || 0;
}
