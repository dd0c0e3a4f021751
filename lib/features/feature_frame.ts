/**
 * The feature frame: one row per date, one column per named feature, values in
 * a row-major `Float64Array` (`values[t·F + j]`). Each feature carries metadata
 * (description, unit, group, lookback). A value is `NaN` where the feature's
 * inputs are not available yet (warm-up, a series not started or already ended).
 *
 * @example
 * ```ts
 * import { assembleFeatureFrame, featureColumn } from "./feature_frame.ts";
 * const f = assembleFeatureFrame(["2020-01-02", "2020-01-03"], [
 *   { name: "x", values: Float64Array.of(1, 2), description: "demo", unit: "1", group: "historical", lookback: 1 },
 * ]);
 * featureColumn(f, "x"); // Float64Array [1, 2]
 * ```
 * @module
 */

/** Whether a feature summarizes the past of prices or carries the market's forward-looking view. */
export type FeatureGroup = "historical" | "forward";

/** Metadata of one feature. */
export interface FeatureMeta {
  description: string;
  /** Unit of the value (e.g. "USD/bbl", "1/yr", "index points", "1"). */
  unit: string;
  group: FeatureGroup;
  /** Rows of history (including t) the feature reads; for exponential weights the warm-up length. */
  lookback: number;
}

/** A computed feature column with its metadata, before assembly. */
export interface FeatureColumn extends FeatureMeta {
  name: string;
  values: Float64Array;
}

/** Feature matrix: `values` is T×F row-major, `names[j]` the j-th column. */
export interface FeatureFrame {
  dates: string[];
  names: string[];
  values: Float64Array;
  meta: Record<string, FeatureMeta>;
}

/**
 * Check that ISO dates strictly increase.
 *
 * @throws {RangeError} naming the first offending row and both dates
 * @example
 * ```ts
 * checkIncreasingDates(["2020-01-02", "2020-01-03"]);
 * ```
 */
export function checkIncreasingDates(dates: readonly string[], where = "dates"): void {
  for (let i = 1; i < dates.length; i++) {
    if (!(dates[i] > dates[i - 1])) {
      throw new RangeError(
        `${where}: dates must be strictly increasing, got "${dates[i]}" at row ${i} after "${dates[i - 1]}"`,
      );
    }
  }
}

/**
 * Assemble columns into a frame (columns keep their order; names must be unique).
 *
 * @throws {RangeError} on a length mismatch, duplicate name or non-increasing dates
 * @example
 * ```ts
 * const frame = assembleFeatureFrame(["2020-01-02", "2020-01-03"], [
 *   { name: "rv_20d", values: Float64Array.of(NaN, 0.3), description: "vol", unit: "1", group: "historical", lookback: 21 },
 * ]);
 * ```
 */
export function assembleFeatureFrame(dates: readonly string[], columns: readonly FeatureColumn[]): FeatureFrame {
  checkIncreasingDates(dates);
  const T = dates.length, F = columns.length;
  const values = new Float64Array(T * F);
  const meta: Record<string, FeatureMeta> = {};
  const names: string[] = [];
  columns.forEach((c, j) => {
    if (c.values.length !== T) {
      throw new RangeError(`assembleFeatureFrame: feature "${c.name}" has ${c.values.length} values for ${T} dates`);
    }
    if (meta[c.name] !== undefined) throw new RangeError(`assembleFeatureFrame: duplicate feature name "${c.name}"`);
    meta[c.name] = { description: c.description, unit: c.unit, group: c.group, lookback: c.lookback };
    names.push(c.name);
    for (let t = 0; t < T; t++) values[t * F + j] = c.values[t];
  });
  return { dates: [...dates], names, values, meta };
}

/**
 * Copy out one feature's column.
 *
 * @throws {RangeError} when `name` is not in the frame
 * @example
 * ```ts
 * const frame = assembleFeatureFrame(["2020-01-02", "2020-01-03"], [
 *   { name: "rv_20d", values: Float64Array.of(NaN, 0.3), description: "vol", unit: "1", group: "historical", lookback: 21 },
 * ]);
 * featureColumn(frame, "rv_20d"); // Float64Array [NaN, 0.3]
 * ```
 */
export function featureColumn(frame: FeatureFrame, name: string): Float64Array {
  const j = frame.names.indexOf(name);
  if (j < 0) throw new RangeError(`featureColumn: unknown feature "${name}" (have ${frame.names.join(", ")})`);
  const F = frame.names.length, T = frame.dates.length;
  const out = new Float64Array(T);
  for (let t = 0; t < T; t++) out[t] = frame.values[t * F + j];
  return out;
}

/**
 * A frame with only the named columns, in the given order (feature ablations).
 *
 * @example
 * ```ts
 * const frame = assembleFeatureFrame(["2020-01-02", "2020-01-03"], [
 *   { name: "rv_20d", values: Float64Array.of(NaN, 0.3), description: "vol", unit: "1", group: "historical", lookback: 21 },
 * ]);
 * selectFeatures(frame, frame.names.filter((n) => frame.meta[n].group === "historical"));
 * ```
 */
export function selectFeatures(frame: FeatureFrame, names: readonly string[]): FeatureFrame {
  return assembleFeatureFrame(
    frame.dates,
    names.map((n) => ({ name: n, ...frame.meta[n] ?? missing(n), values: featureColumn(frame, n) })),
  );
}

function missing(n: string): never {
  throw new RangeError(`selectFeatures: unknown feature "${n}"`);
}

/**
 * Index of the first row where every feature is finite (`dates.length` if none).
 *
 * @example
 * ```ts
 * const frame = assembleFeatureFrame(["2020-01-02", "2020-01-03"], [
 *   { name: "rv_20d", values: Float64Array.of(NaN, 0.3), description: "vol", unit: "1", group: "historical", lookback: 21 },
 * ]);
 * firstCompleteRow(frame); // 1: rows before are warm-up
 * ```
 */
export function firstCompleteRow(frame: FeatureFrame): number {
  const F = frame.names.length, T = frame.dates.length;
  outer: for (let t = 0; t < T; t++) {
    for (let j = 0; j < F; j++) if (!Number.isFinite(frame.values[t * F + j])) continue outer;
    return t;
  }
  return T;
}

/**
 * Boolean mask (1/0) of rows where every feature is finite.
 *
 * @example
 * ```ts
 * const frame = assembleFeatureFrame(["2020-01-02", "2020-01-03"], [
 *   { name: "rv_20d", values: Float64Array.of(NaN, 0.3), description: "vol", unit: "1", group: "historical", lookback: 21 },
 * ]);
 * completeRows(frame); // Uint8Array [0, 1]
 * ```
 */
export function completeRows(frame: FeatureFrame): Uint8Array {
  const F = frame.names.length, T = frame.dates.length;
  const out = new Uint8Array(T);
  for (let t = 0; t < T; t++) {
    let ok = 1;
    for (let j = 0; j < F && ok; j++) if (!Number.isFinite(frame.values[t * F + j])) ok = 0;
    out[t] = ok;
  }
  return out;
}
