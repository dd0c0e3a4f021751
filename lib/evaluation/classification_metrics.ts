/**
 * Quality of a 3-class classifier (e.g. raise / keep / lower): accuracy, macro-F1 over the classes present in the
 * realised labels, and the confusion matrix.
 * @module
 */

/** {@link classificationMetrics}'s result. */
export interface ClassificationMetrics {
  /** Share of rows whose predicted class is the realised one. */
  accuracy: number;
  /** Mean F1 over the classes that occur in `y` (a class never realised is left out, not scored 0). */
  macroF1: number;
  /** `confusion[realised][predicted]` counts. */
  confusion: number[][];
}

/**
 * Accuracy, macro-F1 and the confusion matrix (rows: realised class, columns: predicted) of labels in {0, 1, 2}.
 *
 * @throws {RangeError} when the arrays differ in length or are empty, or hold a label outside {0, 1, 2}
 * @example
 * ```ts
 * import { classificationMetrics } from "./classification_metrics.ts";
 * const c = classificationMetrics(Int8Array.of(0, 1, 2, 1), Int8Array.of(0, 1, 1, 1));
 * console.assert(c.accuracy === 0.75 && c.confusion[2][1] === 1);
 * ```
 */
export function classificationMetrics(y: Int8Array, pred: Int8Array): ClassificationMetrics {
  if (y.length !== pred.length || y.length === 0) {
    throw new RangeError(
      `classificationMetrics: y and pred need the same non-zero length, got ${y.length} and ${pred.length}`,
    );
  }
  const cm = [[0, 0, 0], [0, 0, 0], [0, 0, 0]];
  for (let i = 0; i < y.length; i++) {
    if (!(y[i] >= 0 && y[i] <= 2 && pred[i] >= 0 && pred[i] <= 2)) {
      throw new RangeError(`classificationMetrics: labels must be 0, 1 or 2; row ${i} has y=${y[i]}, pred=${pred[i]}`);
    }
    cm[y[i]][pred[i]]++;
  }
  let hit = 0, f1 = 0, present = 0;
  for (let k = 0; k < 3; k++) {
    hit += cm[k][k];
    const tp = cm[k][k], fn = cm[k].reduce((a, b) => a + b, 0) - tp;
    const fp = cm.reduce((a, row) => a + row[k], 0) - tp;
    if (tp + fn === 0) continue;
    present++;
    f1 += tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn);
  }
  return { accuracy: hit / y.length, macroF1: f1 / present, confusion: cm };
}
