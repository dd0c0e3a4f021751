/**
 * The rows of a date index inside a window.
 * @module
 */

/**
 * Rows of `dates` (ISO) inside [from, to], inclusive, in order.
 *
 * @example
 * ```ts
 * import { rowsBetween } from "./rows_between.ts";
 * console.assert(rowsBetween(["2020-01-01", "2020-01-02", "2020-01-03"], "2020-01-02", "2021").join() === "1,2");
 * ```
 */
export function rowsBetween(dates: readonly string[], from: string, to: string): number[] {
  const rows: number[] = [];
  dates.forEach((d, t) => {
    if (d >= from && d <= to) rows.push(t);
  });
  return rows;
}
