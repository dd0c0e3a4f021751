/**
 * Argument checks shared by the margin engines. Every failure is a
 * `RangeError`/`TypeError` whose message names the function, the argument and
 * the offending value, so a caller can fix the input from the message alone.
 *
 * @example
 * ```ts
 * import { checkConfidence } from "./validate.ts";
 * checkConfidence("hsVarEs", 0.99); // ok
 * ```
 * @module
 */

/**
 * Throw unless `confidence` lies strictly inside (0, 1).
 *
 * @example
 * ```ts
 * checkConfidence("myFn", 0.975);
 * ```
 */
export function checkConfidence(fn: string, confidence: number, name = "confidence"): void {
  if (typeof confidence !== "number") {
    throw new TypeError(`${fn}: ${name} must be a number, got ${typeof confidence}`);
  }
  if (!(confidence > 0 && confidence < 1)) {
    throw new RangeError(`${fn}: ${name} must lie in (0, 1), got ${confidence}`);
  }
}

/**
 * Throw unless `x` is a Float64Array (or number array) of finite numbers;
 * the message names the first bad index and value.
 *
 * @example
 * ```ts
 * checkFinite("myFn", "pnl", new Float64Array([1, 2]));
 * ```
 */
export function checkFinite(fn: string, name: string, x: ArrayLike<number>): void {
  if (x === null || typeof x !== "object" || typeof x.length !== "number") {
    throw new TypeError(`${fn}: ${name} must be a Float64Array or number array, got ${String(x)}`);
  }
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    if (typeof v !== "number" || !Number.isFinite(v)) {
      throw new RangeError(`${fn}: ${name}[${i}] must be a finite number, got ${String(v)}`);
    }
  }
}

/**
 * Throw unless `n` is an integer ≥ `min`.
 *
 * @example
 * ```ts
 * checkInt("myFn", "lookback", 250, 1);
 * ```
 */
export function checkInt(fn: string, name: string, n: number, min: number): void {
  if (typeof n !== "number" || !Number.isInteger(n) || n < min) {
    throw new RangeError(`${fn}: ${name} must be an integer >= ${min}, got ${String(n)}`);
  }
}

/**
 * Throw unless `x` is a finite number within [lo, hi].
 *
 * @example
 * ```ts
 * checkRange("myFn", "lambda", 0.94, 0, 1);
 * ```
 */
export function checkRange(fn: string, name: string, x: number, lo: number, hi: number): void {
  if (typeof x !== "number" || !Number.isFinite(x) || x < lo || x > hi) {
    throw new RangeError(`${fn}: ${name} must be a finite number in [${lo}, ${hi}], got ${String(x)}`);
  }
}
