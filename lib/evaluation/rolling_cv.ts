/**
 * Rolling-origin cross-validation folds inside one training window (issue 14 §2): the window's rows
 * `[0, end)` (dates ascending, ISO) are cut into `folds` inner folds, one per calendar year among the window's last
 * `folds` years (or, with `validRows`, one per period of that many rows counted back from `end`); each validates on
 * that year's rows (those before `end`) and trains on the rows before it, ending
 * `horizon + embargo` rows before the validation year starts (a training label over (t, t + horizon] is realised
 * `embargo` rows before the first validation row) and capped at the last `maxTrainRows` of them. No fold reads a
 * row at or after `end`, so hyper-parameters chosen on them never see the outer test period.
 *
 * @example
 * ```ts
 * import { rollingOriginFolds } from "./rolling_cv.ts";
 * import { businessDays } from "../market/synthetic_market.ts";
 * const dates = businessDays("2010-01-04", 1500); // to 2015-09
 * const f = rollingOriginFolds(dates, { end: 1500, folds: 2, horizon: 2, embargo: 2, maxTrainRows: 500 });
 * console.assert(f.map((x) => x.year).join() === "2014,2015" && f[1].train.end - f[1].train.start === 500);
 * ```
 * @module
 */
import { checkInt } from "../core/check.ts";

/** A half-open row range `[start, end)`. */
export interface CvRange {
  start: number;
  end: number;
}

/** One inner fold: its validation year, training and validation rows. */
export interface CvFold {
  year: number;
  train: CvRange;
  valid: CvRange;
}

/** Options of {@link rollingOriginFolds}. */
export interface RollingCvOptions {
  /** End of the training window (exclusive row index): no fold reads a row at or after it. */
  end: number;
  /** Number of inner folds (the window's last `folds` calendar years), ≥ 1. */
  folds: number;
  /** Label horizon in rows (the MPOR). */
  horizon: number;
  /** Rows dropped between the last training label and the first validation row. */
  embargo: number;
  /** Most training rows per fold (the latest ones); default: all. */
  maxTrainRows?: number;
  /** Fewest training rows per fold (default 50). */
  minTrain?: number;
  /** Fewest validation rows per fold (default 20). */
  minValid?: number;
  /**
   * Validate on periods of this many rows counted back from `end` instead of calendar years (for windows that do not
   * end at a year's end, e.g. a synthetic path's block); absent: calendar years.
   */
  validRows?: number;
}

/**
 * The inner folds of a training window, oldest validation year first (see the module doc).
 *
 * @throws {RangeError} naming the argument on a bad option or unsorted dates, and naming the year when a fold has
 *   too few training or validation rows or the window has fewer than `folds` years
 * @example
 * ```ts
 * import { rollingOriginFolds } from "./rolling_cv.ts";
 * const dates = ["2019-06-01", "2019-07-01", "2020-01-02", "2020-02-03", "2020-03-02", "2021-01-04"];
 * const [f] = rollingOriginFolds(dates, { end: 5, folds: 1, horizon: 1, embargo: 0, minTrain: 1, minValid: 1 });
 * console.assert(f.year === 2020 && f.valid.start === 2 && f.valid.end === 5 && f.train.end === 1);
 * ```
 */
export function rollingOriginFolds(dates: readonly string[], o: RollingCvOptions): CvFold[] {
  const fn = "rollingOriginFolds (lib/evaluation/rolling_cv.ts)";
  const int = (k: string, v: unknown, min: number) => checkInt(fn, k, v, min);
  const end = int("end", o.end, 1), folds = int("folds", o.folds, 1);
  const horizon = int("horizon", o.horizon, 0), embargo = int("embargo", o.embargo, 0);
  const minTrain = int("minTrain", o.minTrain ?? 50, 1), minValid = int("minValid", o.minValid ?? 20, 1);
  const cap = o.maxTrainRows === undefined ? Infinity : int("maxTrainRows", o.maxTrainRows, 1);
  if (end > dates.length) throw new RangeError(`${fn}: end ${end} is after the ${dates.length} dates`);
  for (let i = 1; i < end; i++) {
    if (!(dates[i] > dates[i - 1])) throw new RangeError(`${fn}: dates not ascending at row ${i}: ${dates[i]}`);
  }
  if (o.validRows !== undefined) {
    const len = int("validRows", o.validRows, minValid);
    return Array.from({ length: folds }, (_, j) => {
      const k = folds - 1 - j, start = end - (k + 1) * len, stop = end - k * len;
      const trainEnd = start - horizon - embargo,
        trainStart = Math.max(0, trainEnd - (Number.isFinite(cap) ? cap : trainEnd));
      if (trainEnd - trainStart < minTrain) {
        throw new RangeError(
          `${fn}: validation rows [${Math.max(start, 0)}, ${stop}) leave ${
            Math.max(0, trainEnd - trainStart)
          } training rows, < ${minTrain}`,
        );
      }
      return {
        year: Number(dates[start].slice(0, 4)),
        train: { start: trainStart, end: trainEnd },
        valid: { start, end: stop },
      };
    });
  }
  const lastYear = Number(dates[end - 1].slice(0, 4));
  const out: CvFold[] = [];
  for (let k = folds - 1; k >= 0; k--) {
    const year = lastYear - k, from = `${year}-01-01`, to = `${year + 1}-01-01`;
    let start = 0;
    while (start < end && dates[start] < from) start++;
    let stop = start;
    while (stop < end && dates[stop] < to) stop++;
    if (stop - start < minValid) {
      throw new RangeError(`${fn}: validation year ${year} has ${stop - start} rows before row ${end}, < ${minValid}`);
    }
    const trainEnd = start - horizon - embargo;
    const trainStart = Math.max(0, trainEnd - (Number.isFinite(cap) ? cap : trainEnd));
    if (trainEnd - trainStart < minTrain) {
      throw new RangeError(
        `${fn}: validation year ${year} has ${Math.max(0, trainEnd - trainStart)} training rows, < ${minTrain}`,
      );
    }
    out.push({ year, train: { start: trainStart, end: trainEnd }, valid: { start, end: stop } });
  }
  return out;
}
