/**
 * CME/NYMEX published initial and maintenance margins (event history of
 * effective dates, USD per contract) and their value in force on each date.
 *
 * @example
 * ```ts
 * import { parseCmeMargins, marginInForce } from "./cme_margins.ts";
 * const ev = parseCmeMargins("date,initial,maintenance\n20200310,4510,4100\n20200320,6160,5600\n", "CL.csv");
 * marginInForce(ev, ["2020-03-09", "2020-03-12", "2020-03-20"]).initial;
 * // Float64Array [NaN, 4510, 6160]
 * ```
 * @module
 */

import { columnIndex, parseCsv } from "./csv.ts";
import { parseDate } from "./dates.ts";

/** One margin change effective from `date`. */
export interface MarginEvent {
  date: string;
  initial: number;
  maintenance: number;
}

/**
 * Parse a LEAN-format margin history (`date,initial,maintenance`, dates `YYYYMMDD`).
 * @throws {RangeError} naming file, line and value for bad dates, non-positive or inconsistent margins
 */
export function parseCmeMargins(text: string, file: string): MarginEvent[] {
  const t = parseCsv(text, file);
  const di = columnIndex(t, "date"), ii = columnIndex(t, "initial"), mi = columnIndex(t, "maintenance");
  const out: MarginEvent[] = [];
  for (const r of t.rows) {
    const where = `${file}:${r.line}`;
    const date = parseDate(r.fields[di], "yyyymmdd", `${where} column date`);
    const initial = Number(r.fields[ii]), maintenance = Number(r.fields[mi]);
    if (!(initial > 0) || !Number.isFinite(initial)) {
      throw new RangeError(`${where}: initial margin must be a positive number, got "${r.fields[ii]}"`);
    }
    if (!(maintenance > 0) || !Number.isFinite(maintenance)) {
      throw new RangeError(`${where}: maintenance margin must be a positive number, got "${r.fields[mi]}"`);
    }
    if (maintenance > initial) {
      throw new RangeError(`${where}: maintenance ${maintenance} exceeds initial ${initial}`);
    }
    if (out.length > 0 && date <= out[out.length - 1].date) {
      throw new RangeError(`${where}: effective dates must increase, ${date} follows ${out[out.length - 1].date}`);
    }
    out.push({ date, initial, maintenance });
  }
  if (out.length === 0) throw new RangeError(`${file}: no margin rows`);
  return out;
}

/** Initial and maintenance margin in force on each date (NaN before the first event). */
export function marginInForce(
  events: readonly MarginEvent[],
  dates: readonly string[],
): { initial: Float64Array; maintenance: Float64Array } {
  const initial = new Float64Array(dates.length).fill(NaN);
  const maintenance = new Float64Array(dates.length).fill(NaN);
  let j = -1;
  for (let i = 0; i < dates.length; i++) {
    if (i > 0 && dates[i] <= dates[i - 1]) {
      throw new RangeError(`marginInForce: dates must increase, ${dates[i]} follows ${dates[i - 1]}`);
    }
    while (j + 1 < events.length && events[j + 1].date <= dates[i]) j++;
    if (j >= 0) {
      initial[i] = events[j].initial;
      maintenance[i] = events[j].maintenance;
    }
  }
  return { initial, maintenance };
}
