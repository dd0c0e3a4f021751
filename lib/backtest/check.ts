/**
 * Argument checks for the backtest functions (messages name the function,
 * argument and value).
 *
 * @example
 * ```ts
 * import { checkSeries } from "./check.ts";
 * checkSeries("kupiec", "losses", [1, 2]);
 * ```
 * @module
 */

/**
 * Throw unless `x` is an array-like of finite numbers (naming the first bad index).
 *
 * @example
 * ```ts
 * checkSeries("fn", "margins", new Float64Array([1]));
 * ```
 */
export function checkSeries(fn: string, name: string, x: ArrayLike<number>): void {
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
 * Throw unless `a` and `b` are finite series of equal, non-zero length.
 *
 * @example
 * ```ts
 * checkPair("fn", "losses", [1], "margins", [2]);
 * ```
 */
export function checkPair(fn: string, na: string, a: ArrayLike<number>, nb: string, b: ArrayLike<number>): void {
  checkSeries(fn, na, a);
  checkSeries(fn, nb, b);
  if (a.length !== b.length) {
    throw new RangeError(`${fn}: ${na}.length (${a.length}) must equal ${nb}.length, got ${b.length}`);
  }
  if (a.length === 0) throw new RangeError(`${fn}: ${na} is empty`);
}

/**
 * Throw unless `coverage` lies in (0, 1).
 *
 * @example
 * ```ts
 * checkCoverage("fn", 0.99);
 * ```
 */
export function checkCoverage(fn: string, coverage: number): void {
  if (typeof coverage !== "number" || !(coverage > 0 && coverage < 1)) {
    throw new RangeError(`${fn}: coverage must lie in (0, 1), got ${String(coverage)}`);
  }
}
