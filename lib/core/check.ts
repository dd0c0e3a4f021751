/**
 * Argument checks shared by every layer, one copy each. Every failure is a `RangeError`/`TypeError` whose message
 * names the function, the argument and the offending value, so a caller can fix the input from the message alone.
 *
 * Arrays and scalars have distinct names: `checkFiniteArray` / `checkFinitePair` check every element of a series;
 * `checkFiniteNumber`, `checkInt`, `checkPositive`, `checkRange` and `checkConfidence` check one number.
 *
 * @example
 * ```ts
 * import { checkConfidence, checkFiniteArray, checkInt } from "./check.ts";
 * checkFiniteArray("hsVarEs", "pnl", new Float64Array([1, -2]));
 * checkConfidence("hsVarEs", 0.99);
 * const lookback = checkInt("hsVarEs", "lookback", 250, 1);
 * ```
 * @module
 */

/**
 * Throw unless `x` is a Float64Array (or number array) of finite numbers; the message names the first bad index
 * and value.
 *
 * @throws {TypeError} when `x` is not array-like
 * @throws {RangeError} naming the first non-finite element
 * @example
 * ```ts
 * import { checkFiniteArray } from "./check.ts";
 * checkFiniteArray("myFn", "pnl", new Float64Array([1, 2]));
 * ```
 */
export function checkFiniteArray(fn: string, name: string, x: ArrayLike<number>): void {
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
 * Throw unless `a` and `b` are finite series ({@link checkFiniteArray}) of equal, non-zero length.
 *
 * @throws {RangeError} on a non-finite element, different lengths or an empty pair
 * @example
 * ```ts
 * import { checkFinitePair } from "./check.ts";
 * checkFinitePair("myFn", "losses", [1], "margins", [2]);
 * ```
 */
export function checkFinitePair(fn: string, na: string, a: ArrayLike<number>, nb: string, b: ArrayLike<number>): void {
  checkFiniteArray(fn, na, a);
  checkFiniteArray(fn, nb, b);
  if (a.length !== b.length) {
    throw new RangeError(`${fn}: ${na}.length (${a.length}) must equal ${nb}.length, got ${b.length}`);
  }
  if (a.length === 0) throw new RangeError(`${fn}: ${na} is empty`);
}

/**
 * Throw unless `v` is one finite number; returns it.
 *
 * @throws {RangeError} naming the argument and value
 * @example
 * ```ts
 * import { checkFiniteNumber } from "./check.ts";
 * console.assert(checkFiniteNumber("myFn", "tau", 0.99) === 0.99);
 * ```
 */
export function checkFiniteNumber(fn: string, name: string, v: unknown): number {
  if (typeof v !== "number" || !Number.isFinite(v)) {
    throw new RangeError(`${fn}: ${name} must be a finite number, got ${String(v)}`);
  }
  return v;
}

/**
 * Throw unless `v` is an integer ≥ `min`; returns it.
 *
 * @throws {RangeError} naming the argument, the bound and the value
 * @example
 * ```ts
 * import { checkInt } from "./check.ts";
 * console.assert(checkInt("myFn", "lookback", 250, 1) === 250);
 * ```
 */
export function checkInt(fn: string, name: string, v: unknown, min: number): number {
  if (typeof v !== "number" || !Number.isInteger(v) || v < min) {
    throw new RangeError(`${fn}: ${name} must be an integer >= ${min}, got ${String(v)}`);
  }
  return v;
}

/**
 * Throw unless `v` is a finite number `> 0` (or `≥ 0` when `allowZero`); returns it.
 *
 * @throws {RangeError} naming the argument and value
 * @example
 * ```ts
 * import { checkPositive } from "./check.ts";
 * console.assert(checkPositive("mlp", "learningRate", 1e-3) === 1e-3);
 * checkPositive("mlp", "dropout", 0, true);
 * ```
 */
export function checkPositive(fn: string, name: string, v: unknown, allowZero = false): number {
  if (typeof v !== "number" || !Number.isFinite(v) || v < 0 || (!allowZero && v === 0)) {
    throw new RangeError(`${fn}: ${name} must be a finite number ${allowZero ? "≥" : ">"} 0, got ${v}`);
  }
  return v;
}

/**
 * Throw unless `x` is a finite number within [lo, hi] (`hi` may be `Infinity`); returns it.
 *
 * @throws {RangeError} naming the argument, the interval and the value
 * @example
 * ```ts
 * import { checkRange } from "./check.ts";
 * checkRange("myFn", "lambda", 0.94, 0, 1);
 * ```
 */
export function checkRange(fn: string, name: string, x: number, lo: number, hi: number): number {
  if (typeof x !== "number" || !Number.isFinite(x) || x < lo || x > hi) {
    throw new RangeError(`${fn}: ${name} must be a finite number in [${lo}, ${hi}], got ${String(x)}`);
  }
  return x;
}

/**
 * Throw unless a probability level (`confidence`, `coverage`, `tau`, …) lies strictly inside (0, 1).
 *
 * @throws {TypeError} when it is not a number
 * @throws {RangeError} when it is outside (0, 1) or NaN
 * @example
 * ```ts
 * import { checkConfidence } from "./check.ts";
 * checkConfidence("myFn", 0.975);
 * checkConfidence("kupiecPof", 0.99, "coverage");
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
