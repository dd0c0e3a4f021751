/**
 * Chronological train / validation / test split with purge and embargo
 * (docs/architecture.md §1.5). Sample row i carries the loss over (t_i, t_{i+h}], so a
 * row's label is only known h rows later. The split therefore
 *
 * - keeps in the pre-test pool only rows with `dates[i] <= trainEnd` whose
 *   label is realised, plus `embargo` more rows, before the first test row
 *   (`i + horizon + embargo < testStart`);
 * - takes the last `validShare` of that pool (or its rows dated ≥ `validFrom`) as validation and ends training
 *   `horizon` rows before validation starts (no training label overlaps it);
 * - tests on the rows dated in `[testFrom, testTo]`.
 *
 * Ranges are half-open `[start, end)` row indices.
 *
 * @example
 * ```ts
 * import { chronologicalSplit } from "./split.ts";
 * const dates = Array.from({ length: 400 }, (_, i) => new Date(Date.UTC(2015, 0, 1 + i)).toISOString().slice(0, 10));
 * const s = chronologicalSplit(dates, {
 *   trainEnd: "2015-12-31", validShare: 0.2, horizon: 2, embargo: 2, testFrom: "2016-01-01", testTo: "2016-02-04",
 * });
 * s.valid.end + 2 + 2 <= s.test.start; // true
 * ```
 * @module
 */

/** A half-open row range `[start, end)`. */
export interface RowRange {
  start: number;
  end: number;
}

/** Options of {@link chronologicalSplit}. */
export interface SplitOptions {
  /** Last date (ISO) allowed in train ∪ valid. */
  trainEnd: string;
  /** Share of the pre-test pool used for validation, in (0, 1) (ignored when `validFrom` is given). */
  validShare: number;
  /** First validation date (ISO): validation = pool rows dated ≥ validFrom, instead of the last `validShare`. */
  validFrom?: string;
  /** Label horizon h in rows (the MPOR), integer ≥ 1. */
  horizon: number;
  /** Extra rows dropped between the last realised pool label and the first test row, integer ≥ 0. */
  embargo: number;
  /** First test date (ISO, inclusive). */
  testFrom: string;
  /** Last test date (ISO, inclusive). */
  testTo: string;
  /** Fewest training rows (default 50). */
  minTrain?: number;
  /** Fewest validation rows (default 10). */
  minValid?: number;
  /** Fewest test rows (default 1). */
  minTest?: number;
}

/** Result of {@link chronologicalSplit}. */
export interface Split {
  train: RowRange;
  valid: RowRange;
  test: RowRange;
}

/** First and last dates (ISO) of the training, validation and test rows of a split, as reported in metrics. */
export interface SplitDates {
  trainFrom: string;
  trainTo: string;
  validFrom: string;
  validTo: string;
  testFrom: string;
  testTo: string;
}

const ISO = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Split `dates` (strictly increasing ISO dates of the sample rows) chronologically.
 *
 * @throws {RangeError} on non-increasing dates, malformed dates, `testFrom > testTo`, a share outside (0, 1),
 *   bad horizon/embargo, or too few rows in any split (naming the split and the counts)
 * @example
 * ```ts
 * const dates = ["2020-01-01", "2020-01-02", "2020-01-03", "2020-01-06", "2020-01-07", "2020-01-08", "2020-01-09"];
 * const s = chronologicalSplit(dates, {
 *   trainEnd: "2020-01-08", validShare: 0.25, horizon: 1, embargo: 0, testFrom: "2020-01-09", testTo: "2020-01-09",
 *   minTrain: 1, minValid: 1,
 * }); // pool rows [0, 5): train [0, 3), valid [4, 5), test [6, 7)
 * ```
 */
export function chronologicalSplit(dates: readonly string[], o: SplitOptions): Split {
  const fn = "chronologicalSplit";
  if (o === null || typeof o !== "object") throw new TypeError(`${fn}: options must be an object`);
  for (const k of ["trainEnd", "testFrom", "testTo"] as const) {
    if (typeof o[k] !== "string" || !ISO.test(o[k])) {
      throw new RangeError(`${fn}: ${k} must be YYYY-MM-DD, got ${o[k]}`);
    }
  }
  if (!(o.testFrom <= o.testTo)) throw new RangeError(`${fn}: testFrom ${o.testFrom} is after testTo ${o.testTo}`);
  if (!(o.validShare > 0 && o.validShare < 1)) {
    throw new RangeError(`${fn}: validShare must be in (0, 1), got ${o.validShare}`);
  }
  if (!Number.isInteger(o.horizon) || o.horizon < 1) {
    throw new RangeError(`${fn}: horizon must be an integer >= 1, got ${o.horizon}`);
  }
  if (!Number.isInteger(o.embargo) || o.embargo < 0) {
    throw new RangeError(`${fn}: embargo must be an integer >= 0, got ${o.embargo}`);
  }
  const minTrain = o.minTrain ?? 50, minValid = o.minValid ?? 10, minTest = o.minTest ?? 1;
  for (const [k, v] of [["minTrain", minTrain], ["minValid", minValid], ["minTest", minTest]] as const) {
    if (!Number.isInteger(v) || v < 1) throw new RangeError(`${fn}: ${k} must be an integer >= 1, got ${v}`);
  }
  for (let i = 1; i < dates.length; i++) {
    if (!(dates[i] > dates[i - 1])) {
      throw new RangeError(`${fn}: dates must be strictly increasing: ${dates[i - 1]} then ${dates[i]} (row ${i})`);
    }
  }
  let a = 0;
  while (a < dates.length && dates[a] < o.testFrom) a++;
  let b = a;
  while (b < dates.length && dates[b] <= o.testTo) b++;
  if (b - a < minTest) {
    throw new RangeError(
      `${fn}: too few test rows: ${b - a} dated ${o.testFrom}…${o.testTo} (need ${minTest}; sample ${dates[0]}…${
        dates[dates.length - 1]
      })`,
    );
  }
  // Pool: rows dated <= trainEnd with i + horizon + embargo < a.
  let pool = Math.max(0, a - o.horizon - o.embargo);
  while (pool > 0 && dates[pool - 1] > o.trainEnd) pool--;
  let validStart: number;
  if (o.validFrom !== undefined) {
    if (typeof o.validFrom !== "string" || !ISO.test(o.validFrom)) {
      throw new RangeError(`${fn}: validFrom must be YYYY-MM-DD, got ${o.validFrom}`);
    }
    if (!(o.validFrom <= o.trainEnd)) {
      throw new RangeError(`${fn}: validFrom ${o.validFrom} is after trainEnd ${o.trainEnd}`);
    }
    validStart = 0;
    while (validStart < pool && dates[validStart] < o.validFrom) validStart++;
  } else validStart = pool - Math.round(pool * o.validShare);
  const nValid = pool - validStart;
  const trainEnd = validStart - o.horizon;
  if (nValid < minValid) {
    throw new RangeError(`${fn}: too few validation rows: ${nValid} of a ${pool}-row pre-test pool (need ${minValid})`);
  }
  if (trainEnd < minTrain) {
    throw new RangeError(
      `${fn}: too few training rows: ${Math.max(0, trainEnd)} before ${
        dates[validStart] ?? o.testFrom
      } (need ${minTrain})`,
    );
  }
  return { train: { start: 0, end: trainEnd }, valid: { start: validStart, end: pool }, test: { start: a, end: b } };
}

/** Which part of a split a row belongs to (`gap`: a purged or embargoed row, or one after the test). */
export type SplitPeriod = "train" | "valid" | "test" | "gap";

/**
 * The part of split `sp` holding row `t`: rows before `train.end` are `train`, the rows from there up to
 * `valid.end` (the purge between train and validation included) `valid`, test rows `test`, the rest `gap`.
 *
 * @example
 * ```ts
 * import { splitPeriod } from "./split.ts";
 * const sp = { train: { start: 0, end: 10 }, valid: { start: 10, end: 14 }, test: { start: 17, end: 20 } };
 * console.assert(splitPeriod(sp, 3) === "train" && splitPeriod(sp, 15) === "gap" && splitPeriod(sp, 17) === "test");
 * ```
 */
export function splitPeriod(sp: Split, t: number): SplitPeriod {
  return t < sp.train.end
    ? "train"
    : t < sp.valid.end
    ? "valid"
    : t >= sp.test.start && t < sp.test.end
    ? "test"
    : "gap";
}

/**
 * The fixed-date split of the study stages (e08, e09, e10, …): train before `validFrom`, validation from `validFrom` to
 * `trainEnd`, test `[testFrom, testTo]`, purge `horizon` rows and `embargo`; by default at least 500 training, 100
 * validation and 250 test rows.
 *
 * @throws {RangeError} from {@link chronologicalSplit}
 * @example
 * ```ts
 * import { studySplit } from "./split.ts";
 * import { businessDays } from "../market/synthetic_market.ts";
 * const dates = businessDays("2010-01-04", 400);
 * const sp = studySplit(dates, { trainEnd: "2010-12-31", validFrom: "2010-10-01", testFrom: "2011-01-03",
 *   testTo: "2011-06-30", embargo: 2 }, 2, { minTrain: 100, minValid: 20, minTest: 50 });
 * console.assert(dates[sp.valid.start] >= "2010-10-01" && dates[sp.test.start] >= "2011-01-03");
 * ```
 */
export function studySplit(
  dates: readonly string[],
  p: { trainEnd: string; validFrom: string; testFrom: string; testTo: string; embargo: number },
  horizon: number,
  mins: { minTrain: number; minValid: number; minTest: number } = { minTrain: 500, minValid: 100, minTest: 250 },
): Split {
  return chronologicalSplit(dates, {
    trainEnd: p.trainEnd,
    validFrom: p.validFrom,
    validShare: 0.5,
    horizon,
    embargo: p.embargo,
    testFrom: p.testFrom,
    testTo: p.testTo,
    ...mins,
  });
}
