/**
 * One cross-validation fit (issue 14 §2), shared by the panel's and the single-series tuning: the inner split of an
 * outer fold ({@link innerSplit}: one of the training window's last `cvFolds` years — or periods of `cvValidRows`
 * rows — validates, the capped rows before it train, ending `horizon + embargo` rows earlier; nothing at or after the outer window's end is read) and the
 * score of a network fitted with early stopping on it ({@link scoreCvFit}: the validation pinball loss at the kept
 * epoch, with the training record).
 *
 * @example
 * ```ts
 * import { innerSplit, scoreCvFit } from "./cv_fit.ts";
 * import { makeModel } from "./model_factory.ts";
 * import { studyDataset } from "./dataset.ts";
 * import { testMatrix } from "../testing/study_matrix_fixture.ts";
 * const study = testMatrix(900);
 * const outer = { train: { start: 0, end: 600 }, valid: { start: 602, end: 750 }, test: { start: 752, end: 900 } };
 * const s = innerSplit(study.dates, outer, 0, { cvFolds: 1, cvTrainRows: 400, horizon: 2, embargo: 2 });
 * const model = makeModel("mlp", { tau: 0.9, mMin: 0.5, mMax: 2, netEpochs: 3, netBatch: 64, netLr: 0.01,
 *   netPatience: 2, mlpHidden: [4] }, 1);
 * const o = await scoreCvFit(model, studyDataset(study, s.train), studyDataset(study, s.valid));
 * console.assert(Number.isFinite(o.loss) && o.nTrain === 400);
 * ```
 * @module
 */
import { rollingOriginFolds } from "../evaluation/rolling_cv.ts";
import type { Dataset, Forecaster } from "../models/mod.ts";
import type { Split } from "./split.ts";

/** A CV fit's score (the kept epoch's validation pinball loss) and training record. */
export interface CvOutcome {
  loss: number;
  epochs: number;
  bestEpoch: number;
  trainLoss: number[];
  validLoss: number[];
  nTrain: number;
  nValid: number;
}

/**
 * The training and validation rows of inner fold `inner` inside the outer fold's fitting rows
 * `[train.start, valid.end)`, with an empty test range at the window's end (nothing after it is read).
 *
 * @throws {RangeError} from `rollingOriginFolds` (naming the validation year), or on an inner fold out of range
 * @example
 * ```ts
 * import { innerSplit } from "./cv_fit.ts";
 * import { businessDays } from "../market/synthetic_market.ts";
 * const dates = businessDays("2010-01-04", 1600);
 * const outer = { train: { start: 0, end: 1000 }, valid: { start: 1004, end: 1250 }, test: { start: 1254, end: 1500 } };
 * const s = innerSplit(dates, outer, 1, { cvFolds: 2, cvTrainRows: 400, horizon: 2, embargo: 2 });
 * console.assert(s.valid.end <= 1250 && s.train.end - s.train.start === 400 && s.test.start === s.test.end);
 * ```
 */
export function innerSplit(
  dates: readonly string[],
  outer: Split,
  inner: number,
  p: { cvFolds: number; cvTrainRows: number; horizon: number; embargo: number; cvValidRows?: number },
): Split {
  const folds = rollingOriginFolds(dates, {
    end: outer.valid.end,
    folds: p.cvFolds,
    horizon: p.horizon,
    embargo: p.embargo,
    maxTrainRows: p.cvTrainRows,
    ...(p.cvValidRows !== undefined && { validRows: p.cvValidRows }),
  });
  const f = folds[inner];
  if (f === undefined) throw new RangeError(`innerSplit: inner fold ${inner} of ${folds.length}`);
  const train = { start: Math.max(f.train.start, outer.train.start), end: f.train.end };
  return { train, valid: f.valid, test: { start: f.valid.end, end: f.valid.end } };
}

/**
 * Fit `model` on `train` with early stopping on `valid`, dispose it, and return its score and training record
 * (`nTrain`, `nValid`: the datasets' rows unless given).
 *
 * @throws {RangeError} from the fit (the model is disposed either way)
 * @example
 * ```ts
 * import { scoreCvFit } from "./cv_fit.ts";
 * import { makeModel } from "./model_factory.ts";
 * import { studyDataset } from "./dataset.ts";
 * import { testMatrix } from "../testing/study_matrix_fixture.ts";
 * const study = testMatrix(300);
 * const m = makeModel("mlp", { tau: 0.9, mMin: 0.5, mMax: 2, netEpochs: 2, netBatch: 64, netLr: 0.01,
 *   netPatience: 2, mlpHidden: [4] }, 1);
 * const o = await scoreCvFit(m, studyDataset(study, { start: 0, end: 200 }), studyDataset(study, { start: 200, end: 300 }));
 * console.assert(o.nValid === 100 && o.trainLoss.length === o.epochs);
 * ```
 */
export async function scoreCvFit(
  model: Forecaster,
  train: Dataset,
  valid: Dataset,
  rows?: { nTrain: number; nValid: number },
): Promise<CvOutcome> {
  try {
    const rep = await model.fit(train, valid);
    const r = rep as typeof rep & { validPinball: number; trainLoss: number[]; validLoss: number[] };
    return {
      loss: r.validPinball,
      epochs: r.epochs ?? r.trainLoss.length,
      bestEpoch: r.bestEpoch ?? 0,
      trainLoss: [...r.trainLoss],
      validLoss: [...r.validLoss],
      nTrain: rows?.nTrain ?? train.r.length,
      nValid: rows?.nValid ?? valid.r.length,
    };
  } finally {
    model.dispose();
  }
}
