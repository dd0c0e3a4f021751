/**
 * Align parsed series to one trading calendar with an explicit, recorded
 * gap rule: the value at date d is the last observation dated ≤ d (as-of),
 * inside the series' life only; a run of more than `maxFillGap` filled
 * calendar days is an error naming the series and the dates.
 *
 * @example
 * ```ts
 * import { alignAsOf } from "./align.ts";
 * const r = alignAsOf(["2020-01-02", "2020-01-03", "2020-01-06"],
 *   { column: "x", dates: ["2020-01-02", "2020-01-06"], values: new Float64Array([1, 2]) }, 2);
 * r.values; // Float64Array [1, 1, 2]; r.fill.filled === 1
 * ```
 * @module
 */

import type { FillRecord } from "./panel.ts";

/** Minimal series input for alignment. */
export interface DatedSeries {
  column: string;
  dates: readonly string[];
  values: Float64Array;
  emptyCells?: readonly string[];
}

/**
 * As-of alignment of `s` onto `calendar`.
 * @throws {RangeError} when a filled run exceeds `maxFillGap`, naming the series and dates
 */
export function alignAsOf(
  calendar: readonly string[],
  s: DatedSeries,
  maxFillGap: number,
): { values: Float64Array; fill: FillRecord } {
  const out = new Float64Array(calendar.length).fill(NaN);
  const first = s.dates[0], last = s.dates[s.dates.length - 1];
  const onCal = new Set(calendar);
  let offCalendar = 0;
  const c0 = calendar[0], c1 = calendar[calendar.length - 1];
  for (const d of s.dates) if (d >= c0 && d <= c1 && !onCal.has(d)) offCalendar++;
  let j = -1, filled = 0, run = 0, longestRun = 0;
  for (let i = 0; i < calendar.length; i++) {
    const d = calendar[i];
    while (j + 1 < s.dates.length && s.dates[j + 1] <= d) j++;
    if (j < 0 || d > last) continue;
    out[i] = s.values[j];
    if (s.dates[j] === d) {
      run = 0;
    } else {
      filled++;
      run++;
      if (run > longestRun) longestRun = run;
      if (run > maxFillGap) {
        throw new RangeError(
          `${s.column}: no observation from ${s.dates[j]} to ${d} (${run} trading days), more than the ` +
            `allowed forward-fill of ${maxFillGap} days; document the gap in SOURCE.md and raise maxFillGap, or fix the file`,
        );
      }
    }
  }
  return {
    values: out,
    fill: {
      rule: "ffill",
      maxGap: maxFillGap,
      filled,
      first,
      last,
      longestRun,
      offCalendar,
      emptyCells: [...(s.emptyCells ?? [])],
    },
  };
}

/**
 * Sorted union of several date lists, clipped to [from, to].
 *
 * @example
 * ```ts
 * unionCalendar([["2020-01-03"], ["2020-01-02", "2020-01-03"]]); // ["2020-01-02","2020-01-03"]
 * ```
 */
export function unionCalendar(lists: readonly (readonly string[])[], from = "0000-01-01", to = "9999-12-31"): string[] {
  const set = new Set<string>();
  for (const l of lists) for (const d of l) if (d >= from && d <= to) set.add(d);
  return [...set].sort();
}
