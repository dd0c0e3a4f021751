/**
 * Argument checks of the explainers' own shapes (row-major matrices, predict functions, feature indices); the
 * generic ones (`checkInt`, …) are in lib/core/check.ts. Not part of the public surface.
 * Every failure is a `RangeError`/`TypeError` naming the function, the argument and the offending value.
 * @module
 */
import { checkInt } from "../core/check.ts";

/**
 * Check a row-major matrix: `x` is a Float64Array of length `n*d`, `n ≥ minRows`, `d ≥ 1`, every entry finite.
 * A non-finite entry is reported with its row and column.
 */
export function checkMatrix(
  fn: string,
  name: string,
  x: unknown,
  n: number,
  d: number,
  minRows = 1,
): Float64Array {
  if (!(x instanceof Float64Array)) {
    const got = x === null ? "null" : typeof x === "object" ? (x as object).constructor?.name ?? "object" : typeof x;
    throw new TypeError(`${fn}: ${name} must be a Float64Array (row-major), got ${got}`);
  }
  checkInt(fn, `${name} rows`, n, minRows);
  checkInt(fn, `${name} columns`, d, 1);
  if (x.length !== n * d) {
    throw new RangeError(`${fn}: ${name} has length ${x.length} but ${n} rows x ${d} columns need ${n * d}`);
  }
  for (let i = 0; i < x.length; i++) {
    if (!Number.isFinite(x[i])) {
      const r = Math.floor(i / d), c = i % d;
      throw new RangeError(`${fn}: ${name} row ${r} column ${c} is ${x[i]}; rows must be finite (NaN rows rejected)`);
    }
  }
  return x;
}

/** Throw unless `f` is a function. */
export function checkFunction(fn: string, name: string, f: unknown): void {
  if (typeof f !== "function") {
    throw new TypeError(`${fn}: ${name} must be a function, got ${f === null ? "null" : typeof f}`);
  }
}

/** Throw unless `i` is a valid feature index in [0, d). */
export function checkFeature(fn: string, name: string, i: unknown, d: number): number {
  if (typeof i !== "number" || !Number.isInteger(i) || i < 0 || i >= d) {
    throw new RangeError(`${fn}: ${name} must be an integer feature index in [0, ${d}), got ${String(i)}`);
  }
  return i;
}
