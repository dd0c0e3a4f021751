/**
 * The data a forecaster learns from: a time-ordered feature frame, the ratio
 * target and the dates, with validation that runs before any training.
 * @module
 */

/**
 * A time-ordered split. Row `i` holds the features `x_t` known at date
 * `dates[i]` and the realised ratio `r_t = L_{t,t+h}/IM_t`.
 *
 * `x` is always the flat frame (n × d, row-major). Sequence models (LSTM,
 * Transformer) build their own windows of the last `lookback` rows from it, so
 * every model takes the same Dataset.
 */
export interface Dataset {
  /** Features, n × d row-major, time-ordered. */
  readonly x: Float64Array;
  /** Number of feature columns `d`. */
  readonly d: number;
  /** Ratio target `r`, length n. */
  readonly r: Float64Array;
  /** ISO dates, length n, ascending. */
  readonly dates: readonly string[];
}

/**
 * Validate a split: shapes agree, dates strictly increasing, every feature and
 * ratio is finite, at least `minRows` rows. Errors name the split, the row/column and the value.
 *
 * @returns the number of rows
 * @throws {TypeError} on wrong types; {@link RangeError} on bad shapes or values
 * @example
 * ```ts
 * const n = validateDataset({ x: Float64Array.of(1, 2), d: 1, r: Float64Array.of(1, 1.1), dates: ["2020-01-01", "2020-01-02"] }, "train", 2);
 * ```
 */
export function validateDataset(ds: Dataset, name: string, minRows = 1): number {
  if (ds === null || typeof ds !== "object") throw new TypeError(`${name}: dataset must be an object, got ${ds}`);
  if (!(ds.x instanceof Float64Array)) throw new TypeError(`${name}.x must be a Float64Array`);
  if (!(ds.r instanceof Float64Array)) throw new TypeError(`${name}.r must be a Float64Array`);
  if (!Number.isInteger(ds.d) || ds.d < 1) throw new RangeError(`${name}.d must be an integer ≥ 1, got ${ds.d}`);
  const n = ds.r.length;
  if (ds.x.length !== n * ds.d) {
    throw new RangeError(`${name}.x has length ${ds.x.length}, expected n·d = ${n}·${ds.d} = ${n * ds.d}`);
  }
  if (!Array.isArray(ds.dates) || ds.dates.length !== n) {
    throw new RangeError(`${name}.dates must have length n = ${n}, got ${ds.dates?.length}`);
  }
  if (n < minRows) throw new RangeError(`${name}: too few samples: ${n} rows, need at least ${minRows}`);
  for (let i = 0; i < n; i++) {
    if (typeof ds.dates[i] !== "string") {
      throw new TypeError(`${name}.dates[${i}] must be a string, got ${ds.dates[i]}`);
    }
    if (i > 0 && !(ds.dates[i] > ds.dates[i - 1])) {
      throw new RangeError(
        `${name}.dates must be strictly increasing (time-ordered): dates[${i - 1}] = ${
          ds.dates[i - 1]
        }, dates[${i}] = ${ds.dates[i]}`,
      );
    }
  }
  validateFeatures(ds.x, ds.d, `${name}.x`);
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(ds.r[i])) throw new RangeError(`${name}.r[${i}] (${ds.dates[i]}) is not finite: ${ds.r[i]}`);
  }
  return n;
}

/**
 * Check a feature frame: length a multiple of `d`, every value finite.
 *
 * @returns the number of rows
 * @throws {RangeError} naming the row, column and value
 * @example
 * ```ts
 * validateFeatures(Float64Array.of(1, 2, 3, 4), 2, "x"); // 2
 * ```
 */
export function validateFeatures(x: Float64Array, d: number, name = "x"): number {
  if (!(x instanceof Float64Array)) throw new TypeError(`${name} must be a Float64Array`);
  if (x.length % d !== 0) throw new RangeError(`${name} has length ${x.length}, not a multiple of d = ${d}`);
  for (let i = 0; i < x.length; i++) {
    if (!Number.isFinite(x[i])) {
      throw new RangeError(`${name}: row ${Math.floor(i / d)}, column ${i % d} is not finite: ${x[i]}`);
    }
  }
  return x.length / d;
}

/**
 * Validate the two splits of a `fit` call: each with {@link validateDataset}
 * (train needs `minTrain` rows, valid at least 1), the same `d`, and
 * chronological order — validation starts after training ends.
 *
 * @returns the row counts
 * @throws {RangeError} naming the model, the split and the offending value
 * @example
 * ```ts
 * const mk = (x: number[], dates: string[]) => ({ x: Float64Array.from(x), d: 1, r: Float64Array.from(x), dates });
 * validateSplits("static", mk([1, 2], ["2020-01-01", "2020-01-02"]), mk([3], ["2020-01-05"]), 2); // { nTrain: 2, nValid: 1 }
 * ```
 */
export function validateSplits(
  model: string,
  train: Dataset,
  valid: Dataset,
  minTrain: number,
): { nTrain: number; nValid: number } {
  const nTrain = validateDataset(train, `${model}.fit train`, minTrain);
  const nValid = validateDataset(valid, `${model}.fit valid`, 1);
  if (valid.d !== train.d) throw new RangeError(`${model}.fit: valid.d = ${valid.d} ≠ train.d = ${train.d}`);
  if (!(valid.dates[0] > train.dates[nTrain - 1])) {
    throw new RangeError(
      `${model}.fit: splits must be chronological: valid starts ${valid.dates[0]}, train ends ${
        train.dates[nTrain - 1]
      }`,
    );
  }
  return { nTrain, nValid };
}
