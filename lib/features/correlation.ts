/**
 * Correlations of feature columns over a set of rows: Pearson ({@link pearson}) on the rows where both columns are
 * finite, Spearman as Pearson of ranks (ties averaged), and the Pearson/Spearman matrices of several columns over
 * their common rows.
 * @module
 */
import { pearson } from "../core/correlation.ts";

/** Correlation and the number of rows it used. */
export interface RowCorrelation {
  /** Null with fewer than 3 usable rows or a constant column. */
  r: number | null;
  n: number;
}

/**
 * Pearson correlation of `x` and `y` over the rows `rows` where both are finite.
 *
 * @example
 * ```ts
 * import { pearsonOver } from "./correlation.ts";
 * const x = Float64Array.of(1, 2, 3, NaN, 5), y = Float64Array.of(2, 4, 6, 8, 10);
 * console.assert(pearsonOver(x, y, [0, 1, 2, 3, 4]).r === 1 && pearsonOver(x, y, [0, 1, 2, 3, 4]).n === 4);
 * ```
 */
export function pearsonOver(x: Float64Array, y: Float64Array, rows: readonly number[]): RowCorrelation {
  const a: number[] = [], b: number[] = [];
  for (const t of rows) {
    if (Number.isFinite(x[t]) && Number.isFinite(y[t])) {
      a.push(x[t]);
      b.push(y[t]);
    }
  }
  const n = a.length;
  if (n < 3) return { r: null, n };
  const r = pearson(a, b);
  return { r: Number.isFinite(r) ? r : null, n };
}

/**
 * Ranks (1-based, ties averaged) of `x` among the rows `rows`, scattered back to a full-length array (NaN elsewhere).
 *
 * @example
 * ```ts
 * import { ranksOver } from "./correlation.ts";
 * const r = ranksOver(Float64Array.of(30, 10, 20, 10), [0, 1, 3]);
 * console.assert(r[0] === 3 && r[1] === 1.5 && r[3] === 1.5 && Number.isNaN(r[2]));
 * ```
 */
export function ranksOver(x: Float64Array, rows: readonly number[]): Float64Array {
  const out = new Float64Array(x.length).fill(NaN);
  const o = [...rows].sort((a, b) => x[a] - x[b] || a - b);
  for (let i = 0; i < o.length;) {
    let j = i;
    while (j + 1 < o.length && x[o[j + 1]] === x[o[i]]) j++;
    for (let q = i; q <= j; q++) out[o[q]] = (i + j) / 2 + 1;
    i = j + 1;
  }
  return out;
}

/**
 * Spearman rank correlation of `x` and `y` over `rows` (the caller passes rows where both are finite).
 *
 * @example
 * ```ts
 * import { spearmanOver } from "./correlation.ts";
 * const x = Float64Array.of(1, 2, 3, 4), y = Float64Array.of(1, 8, 27, 64);
 * console.assert(spearmanOver(x, y, [0, 1, 2, 3]).r === 1);
 * ```
 */
export function spearmanOver(x: Float64Array, y: Float64Array, rows: readonly number[]): RowCorrelation {
  return pearsonOver(ranksOver(x, rows), ranksOver(y, rows), rows);
}

/** {@link correlationMatrix}'s result: nested objects keyed by column name. */
export interface CorrelationMatrix {
  names: string[];
  /** Rows where every column is finite. */
  rows: number;
  matrix: Record<string, Record<string, number | null>>;
  spearman: Record<string, Record<string, number | null>>;
}

/**
 * Pearson and Spearman correlation matrices of `cols` over the rows of `rows` where all columns are finite.
 *
 * @example
 * ```ts
 * import { correlationMatrix } from "./correlation.ts";
 * const c = correlationMatrix({ a: Float64Array.of(1, 2, 3, 4), b: Float64Array.of(4, 3, 2, NaN) }, [0, 1, 2, 3]);
 * console.assert(c.rows === 3 && c.matrix.a.b === -1 && c.spearman.b.a === -1 && c.matrix.a.a === 1);
 * ```
 */
export function correlationMatrix(cols: Record<string, Float64Array>, rows: readonly number[]): CorrelationMatrix {
  const names = Object.keys(cols);
  const common = rows.filter((t) => names.every((c) => Number.isFinite(cols[c][t])));
  const rk: Record<string, Float64Array> = {};
  for (const a of names) rk[a] = ranksOver(cols[a], common);
  const matrix: Record<string, Record<string, number | null>> = {};
  const spearman: Record<string, Record<string, number | null>> = {};
  for (const a of names) {
    matrix[a] = {};
    spearman[a] = {};
    for (const b of names) {
      matrix[a][b] = a === b ? 1 : pearsonOver(cols[a], cols[b], common).r;
      spearman[a][b] = a === b ? 1 : pearsonOver(rk[a], rk[b], common).r;
    }
  }
  return { names, rows: common.length, matrix, spearman };
}
