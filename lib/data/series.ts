/**
 * Parse and validate one daily series from a CSV table according to a
 * declarative `SeriesSpec`. Every problem is reported with file, line and
 * value; nothing is silently dropped. Known and documented data points (from
 * each dataset's SOURCE.md) are declared in the spec, so that an unexpected
 * bad value is an error while a genuine documented one (negative WTI on
 * 2020-04-20) passes with a note.
 *
 * @example
 * ```ts
 * import { parseCsv } from "./csv.ts";
 * import { parseSeries } from "./series.ts";
 * const t = parseCsv("Date,Price\n2020-01-02,61.2\n2020-01-03,63.0\n", "wti.csv");
 * const s = parseSeries(t, {
 *   column: "wti_spot", dateCol: "Date", dateFormat: "iso", valueCol: "Price",
 *   min: 0, max: 1000, unit: "USD/bbl", description: "WTI spot",
 * });
 * s.values; // Float64Array [61.2, 63]
 * ```
 * @module
 */

import { columnIndex, type CsvTable } from "./csv.ts";
import { type DateFormat, parseDate } from "./dates.ts";

/** A documented exception from the SOURCE.md (value allowed outside [min,max], or an empty cell). */
export interface KnownPoint {
  date: string;
  /** The value in the file; `null` for a documented empty cell. */
  value: number | null;
  note: string;
}

/** Declarative description of one series in one file. */
export interface SeriesSpec {
  /** Panel column name. */
  column: string;
  dateCol: string;
  dateFormat: DateFormat;
  valueCol: string;
  /** Smallest plausible value (inclusive); below is an error unless listed in `known`. */
  min: number;
  /** Largest plausible value (inclusive). */
  max: number;
  unit: string;
  description: string;
  /** Documented exceptions (SOURCE.md data-quality notes). */
  known?: KnownPoint[];
  /**
   * Empty cells allowed anywhere (e.g. FRED's holiday placeholders); they are
   * counted and listed in the report, not filled here.
   */
  emptyMeansNoObservation?: boolean;
  /** Placeholder strings that mean "empty", e.g. FRED's ".". */
  placeholders?: string[];
  /** Empty cells before the first value are the series not yet started (allowed). */
}

/** A validated series plus what was found on the way. */
export interface ParsedSeries {
  column: string;
  dates: string[];
  values: Float64Array;
  /** Empty cells that were accepted (documented or placeholder), as `date`. */
  emptyCells: string[];
  /** Documented known points that were met. */
  knownMet: KnownPoint[];
}

/**
 * Validate and extract a series.
 * @throws {RangeError} on the first problem, naming file, line, column and value
 */
export function parseSeries(t: CsvTable, spec: SeriesSpec): ParsedSeries {
  const di = columnIndex(t, spec.dateCol);
  const vi = columnIndex(t, spec.valueCol);
  const known = new Map((spec.known ?? []).map((k) => [k.date, k]));
  const placeholders = new Set(spec.placeholders ?? []);
  const dates: string[] = [];
  const vals: number[] = [];
  const emptyCells: string[] = [];
  const knownMet: KnownPoint[] = [];
  let prev = "";
  let started = false;
  for (const row of t.rows) {
    const where = `${t.file}:${row.line}`;
    const date = parseDate(row.fields[di], spec.dateFormat, `${where} column ${spec.dateCol}`);
    if (prev !== "" && date <= prev) {
      throw new RangeError(
        `${where}: dates must be strictly increasing, but ${date} ${
          date === prev ? "duplicates" : "comes after"
        } ${prev}`,
      );
    }
    prev = date;
    const raw = row.fields[vi].trim();
    const k = known.get(date);
    if (raw === "" || placeholders.has(raw)) {
      if (!started) continue; // series not started yet
      if (k && k.value === null) {
        knownMet.push(k);
        emptyCells.push(date);
        continue;
      }
      if (spec.emptyMeansNoObservation) {
        emptyCells.push(date);
        continue;
      }
      throw new RangeError(
        `${where}: missing value in column ${spec.valueCol} on ${date} ("${raw}"); ` +
          `if this gap is genuine, document it in SOURCE.md and list it as a known point`,
      );
    }
    if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(raw)) {
      throw new RangeError(`${where}: column ${spec.valueCol} on ${date}: "${raw}" is not a number`);
    }
    const v = Number(raw);
    if (k && k.value !== null) {
      if (Math.abs(k.value - v) > 1e-9) {
        throw new RangeError(
          `${where}: column ${spec.valueCol} on ${date}: SOURCE.md documents ${k.value} here but the file has ${raw}`,
        );
      }
      knownMet.push(k);
    }
    if (v < spec.min || v > spec.max) {
      if (!(k && k.value !== null)) {
        throw new RangeError(
          `${where}: column ${spec.valueCol} on ${date}: value ${raw} is outside the plausible range ` +
            `[${spec.min}, ${spec.max}] ${spec.unit} for ${spec.column}`,
        );
      }
    }

    started = true;
    dates.push(date);
    vals.push(v);
  }
  if (dates.length === 0) throw new RangeError(`${t.file}: column ${spec.valueCol} has no values`);
  for (const k of spec.known ?? []) {
    if (!knownMet.includes(k) && k.date >= dates[0] && k.date <= dates[dates.length - 1]) {
      throw new RangeError(
        `${t.file}: documented point ${k.date} (${k.note}) was not found in column ${spec.valueCol}; ` +
          `the file differs from its SOURCE.md`,
      );
    }
  }
  return { column: spec.column, dates, values: Float64Array.from(vals), emptyCells, knownMet };
}
