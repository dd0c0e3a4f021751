/**
 * Validated access to a `Panel` column for feature computation. A series may
 * be `NaN` before it starts and after it ends; a `NaN` (or ±Infinity) inside
 * its life would silently corrupt every rolling feature, so it is an error.
 *
 * @example
 * ```ts
 * import { panelColumn } from "./panel_column.ts";
 * const panel = { dates: ["2020-01-02", "2020-01-03"], columns: { cl1: Float64Array.of(61.2, 63.1) }, meta: {}, fill: {} };
 * panelColumn(panel, "cl1"); // Float64Array [61.2, 63.1]
 * ```
 * @module
 */

import type { Panel } from "../data/panel.ts";
import { checkIncreasingDates } from "./feature_frame.ts";

/** First and last row with a finite value (`first = -1` when the series is empty). */
export interface SeriesLife {
  first: number;
  last: number;
}

/**
 * Life of a series, checking that it has no NaN or ±Infinity inside it.
 *
 * @throws {RangeError} naming the column, date, row and value of the first bad point
 * @example
 * ```ts
 * seriesLife(Float64Array.of(NaN, 1, 2, NaN), ["a", "b", "c", "d"], "x"); // { first: 1, last: 2 }
 * ```
 */
export function seriesLife(x: Float64Array, dates: readonly string[], column: string): SeriesLife {
  let first = -1, last = -1;
  for (let i = 0; i < x.length; i++) {
    const v = x[i];
    if (v === Infinity || v === -Infinity) {
      throw new RangeError(`column "${column}": non-finite value ${v} on ${dates[i]} (row ${i})`);
    }
    if (!Number.isNaN(v)) {
      if (first < 0) first = i;
      last = i;
    }
  }
  for (let i = first + 1; i < last; i++) {
    if (Number.isNaN(x[i])) {
      throw new RangeError(
        `column "${column}": value NaN on ${dates[i]} (row ${i}) inside the series' life ${dates[first]} … ${
          dates[last]
        }; fill or drop it in the loader`,
      );
    }
  }
  return { first, last };
}

/**
 * A panel column, checked: present, as long as `dates`, no NaN/±Infinity inside
 * its life; the panel's dates must strictly increase.
 *
 * @throws {TypeError} when the column is missing
 * @throws {RangeError} on a bad length, bad point or non-increasing dates
 * @example
 * ```ts
 * const panel = { dates: ["2020-01-02", "2020-01-03"], columns: { cl1: Float64Array.of(61.2, 63.1) }, meta: {}, fill: {} };
 * const cl1 = panelColumn(panel, "cl1");
 * ```
 */
export function panelColumn(panel: Panel, column: string): Float64Array {
  const x = panel.columns[column];
  if (x === undefined) {
    throw new TypeError(`panel: missing column "${column}" (have ${Object.keys(panel.columns).join(", ")})`);
  }
  if (!(x instanceof Float64Array)) throw new TypeError(`panel: column "${column}" must be a Float64Array`);
  if (x.length !== panel.dates.length) {
    throw new RangeError(`panel: column "${column}" has ${x.length} values for ${panel.dates.length} dates`);
  }
  checkIncreasingDates(panel.dates, "panel");
  seriesLife(x, panel.dates, column);
  return x;
}
