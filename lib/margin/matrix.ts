/**
 * A dense row-major matrix of doubles — the one shape used for scenario P&L
 * (rows = portfolios, instruments, units or risk factors; columns = scenarios).
 *
 * @example
 * ```ts
 * import { createMatrix } from "./matrix.ts";
 * const m = createMatrix(2, 3, [1, 2, 3, 4, 5, 6]);
 * m.data[1 * m.cols + 2]; // 6
 * ```
 * @module
 */
import { checkFiniteArray, checkInt } from "../core/check.ts";

/** Row-major matrix: element (r, c) is `data[r * cols + c]`. */
export interface Matrix {
  rows: number;
  cols: number;
  data: Float64Array;
}

/**
 * Build a matrix, zero-filled or from `values` (row-major), checking shape and finiteness.
 *
 * @throws {RangeError} when `rows`/`cols` are not integers ≥ 0, `values` has the wrong length or a non-finite value
 * @example
 * ```ts
 * const z = createMatrix(3, 4); // 3×4 zeros
 * ```
 */
export function createMatrix(rows: number, cols: number, values?: ArrayLike<number>): Matrix {
  checkInt("createMatrix", "rows", rows, 0);
  checkInt("createMatrix", "cols", cols, 0);
  if (values === undefined) return { rows, cols, data: new Float64Array(rows * cols) };
  if (values.length !== rows * cols) {
    throw new RangeError(`createMatrix: values.length must be rows*cols = ${rows * cols}, got ${values.length}`);
  }
  checkFiniteArray("createMatrix", "values", values);
  return { rows, cols, data: Float64Array.from(values) };
}

/**
 * Validate a matrix argument: integer shape, `data.length === rows*cols`, all finite.
 *
 * @throws {TypeError} when `m` is not a matrix object
 * @throws {RangeError} naming `name` and the bad index/value otherwise
 * @example
 * ```ts
 * checkMatrix("myFn", "pnl", createMatrix(1, 2, [0, 1]));
 * ```
 */
export function checkMatrix(fn: string, name: string, m: Matrix): void {
  if (m === null || typeof m !== "object" || !(m.data instanceof Float64Array)) {
    throw new TypeError(`${fn}: ${name} must be a Matrix {rows, cols, data: Float64Array}, got ${String(m)}`);
  }
  checkInt(fn, `${name}.rows`, m.rows, 0);
  checkInt(fn, `${name}.cols`, m.cols, 0);
  if (m.data.length !== m.rows * m.cols) {
    throw new RangeError(
      `${fn}: ${name}.data.length must be rows*cols = ${m.rows}*${m.cols} = ${m.rows * m.cols}, got ${m.data.length}`,
    );
  }
  checkFiniteArray(fn, `${name}.data`, m.data);
}
