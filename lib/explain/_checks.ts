/**
 * Internal argument checks shared by the explainers (not part of the public surface).
 * Every failure is a `RangeError`/`TypeError` naming the function, the argument and the offending value.
 * @module
 */

/** Throw unless `v` is an integer ≥ `min`. */
export function checkInt(fn: string, name: string, v: unknown, min: number): number {
  if (typeof v !== "number" || !Number.isInteger(v) || v < min) {
    throw new RangeError(`${fn}: ${name} must be an integer >= ${min}, got ${String(v)}`);
  }
  return v;
}

/** Throw unless `v` is a finite number. */
export function checkFinite(fn: string, name: string, v: unknown): number {
  if (typeof v !== "number" || !Number.isFinite(v)) {
    throw new RangeError(`${fn}: ${name} must be a finite number, got ${String(v)}`);
  }
  return v;
}

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

/** Sample mean and (n−1)-denominator standard deviation of `v` (sd = 0 when `v.length` is 1). */
export function meanSd(v: Float64Array): { mean: number; sd: number } {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i];
  const mean = s / v.length;
  if (v.length < 2) return { mean, sd: 0 };
  let ss = 0;
  for (let i = 0; i < v.length; i++) ss += (v[i] - mean) * (v[i] - mean);
  return { mean, sd: Math.sqrt(ss / (v.length - 1)) };
}
