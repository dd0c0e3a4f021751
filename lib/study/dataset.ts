/**
 * Rows of a {@link CrudeStudy} as a model `Dataset`, optionally with a subset
 * of the feature columns (ablations).
 *
 * @example
 * ```ts
 * import { studyDataset } from "./dataset.ts";
 * import { testMatrix } from "../testing/study_matrix_fixture.ts"; // 300 seeded rows, features "a" and "b"
 * const train = studyDataset(testMatrix(300), { start: 0, end: 200 }, ["a"]);
 * console.assert(train.d === 1 && train.r.length === 200);
 * ```
 * @module
 */
import type { Dataset } from "../models/dataset.ts";
import type { CrudeStudy } from "./crude_study.ts";
import type { RowRange } from "./split.ts";

/**
 * The part of a study that models read: sample dates, the n × d feature matrix with
 * its column names, and the ratio target. A {@link CrudeStudy} is one; the synthetic
 * track builds its own.
 */
export type StudyMatrix = Pick<CrudeStudy, "dates" | "x" | "d" | "featureNames" | "r">;

/**
 * Column indices of `names` in the study (in the given order).
 *
 * @throws {RangeError} naming an unknown feature
 * @example
 * ```ts
 * console.assert(studyColumns({ featureNames: ["rv_20d", "ovx"] }, ["ovx"])[0] === 1);
 * ```
 */
export function studyColumns(study: Pick<StudyMatrix, "featureNames">, names: readonly string[]): number[] {
  return names.map((n) => {
    const j = study.featureNames.indexOf(n);
    if (j < 0) throw new RangeError(`studyColumns: unknown feature "${n}" (have ${study.featureNames.join(", ")})`);
    return j;
  });
}

/**
 * Rows `[range.start, range.end)` of the study as a `Dataset` with the named
 * columns (default: all, in study order).
 *
 * @throws {RangeError} on an empty or out-of-bounds range, or an unknown feature
 * @example
 * ```ts
 * import { testMatrix } from "../testing/study_matrix_fixture.ts";
 * const study = testMatrix(300);
 * const ds = studyDataset(study, { start: 0, end: 100 });
 * console.assert(ds.x.length === 100 * study.d);
 * ```
 */
export function studyDataset(
  study: StudyMatrix,
  range: { start: number; end: number },
  names: readonly string[] = study.featureNames,
): Dataset {
  const n = study.dates.length;
  if (!Number.isInteger(range.start) || !Number.isInteger(range.end) || range.start < 0 || range.end > n) {
    throw new RangeError(`studyDataset: range [${range.start}, ${range.end}) is outside the ${n} sample rows`);
  }
  if (range.end <= range.start) throw new RangeError(`studyDataset: empty range [${range.start}, ${range.end})`);
  const cols = studyColumns(study, names), d = cols.length, D = study.d, m = range.end - range.start;
  const x = new Float64Array(m * d);
  for (let i = 0; i < m; i++) for (let j = 0; j < d; j++) x[i * d + j] = study.x[(range.start + i) * D + cols[j]];
  return { x, d, r: study.r.slice(range.start, range.end), dates: study.dates.slice(range.start, range.end) };
}

/** Re-export for callers that only import this file. */
export type { RowRange };
