/**
 * The two models e09-style explanations look at, fitted on one split: the MLP
 * and the quantile forest (same seed), as prediction functions for
 * `lib/explain`, with the forest's own trees (leaves valued at the mean
 * training ratio of their rows) whose TreeSHAP is exact for the forest's mean
 * prediction `predictMean`.
 *
 * @example
 * ```ts
 * import { fitExplainedModels } from "./explained_models.ts";
 * import { testMatrix } from "../testing/study_matrix_fixture.ts"; // features "a" and "b"
 * import { studyDataset } from "./dataset.ts";
 * const s = testMatrix(300);
 * const fit = await fitExplainedModels(studyDataset(s, { start: 0, end: 200 }), studyDataset(s, { start: 200, end: 250 }),
 *   { tau: 0.9, mMin: 0.5, mMax: 2, netEpochs: 1, netBatch: 64, netLr: 0.01, netPatience: 1, mlpHidden: [4],
 *     forestTrees: 2, forestMaxDepth: 3, forestMinLeaf: 10, forestMaxRows: 200 }, 1);
 * console.assert(fit.models.trees.trees.length === 2);
 * fit.mlp.dispose();
 * ```
 * @module
 */
import type { Dataset } from "../models/dataset.ts";
import type { FitReport, Forecaster } from "../models/forecaster.ts";
import type { QuantileForestModel } from "../models/quantile_forest.ts";
import type { PredictFn } from "../explain/predict_fn.ts";
import type { TreeEnsemble } from "../explain/tree_ensemble.ts";
import { makeModel, type ModelParams } from "./model_factory.ts";

/** The explained models as prediction functions, and the forest's trees (leaves at their mean ratio). */
export interface ExplainedModels {
  mlp: PredictFn;
  /** The forest's quantile prediction. */
  forest: PredictFn;
  /** The forest's mean prediction (what TreeSHAP of `trees` explains). */
  forestMean: PredictFn;
  trees: TreeEnsemble;
}

/** Result of {@link fitExplainedModels}. */
export interface ExplainedFit {
  /** The fitted MLP (dispose it when done). */
  mlp: Forecaster;
  mlpReport: FitReport;
  forest: QuantileForestModel;
  forestReport: FitReport;
  models: ExplainedModels;
  /** Split nodes over all trees. */
  splitNodes: number;
}

/**
 * Fit the MLP, then the forest, with `seed` (early stopping / validation loss on `valid`).
 *
 * @throws {RangeError} from the model factory (a missing parameter) or the fits
 * @example
 * ```ts
 * import { fitExplainedModels } from "./explained_models.ts";
 * import { testMatrix } from "../testing/study_matrix_fixture.ts";
 * import { studyDataset } from "./dataset.ts";
 * const s = testMatrix(200);
 * const fit = await fitExplainedModels(studyDataset(s, { start: 0, end: 150 }), studyDataset(s, { start: 150, end: 200 }),
 *   { tau: 0.9, mMin: 0.5, mMax: 2, netEpochs: 1, netBatch: 64, netLr: 0.01, netPatience: 1, mlpHidden: [2],
 *     forestTrees: 1, forestMaxDepth: 2, forestMinLeaf: 10, forestMaxRows: 100 }, 2);
 * console.assert(fit.splitNodes >= 1);
 * fit.mlp.dispose();
 * ```
 */
export async function fitExplainedModels(
  train: Dataset,
  valid: Dataset,
  p: ModelParams,
  seed: number,
): Promise<ExplainedFit> {
  const mlp = makeModel("mlp", p, seed);
  const mlpReport = await mlp.fit(train, valid);
  const forest = makeModel("forest", p, seed);
  const forestReport = await forest.fit(train, valid);
  const trees = forest.trees();
  const splitNodes = trees.trees.reduce((k, t) => k + t.feature.filter((f) => f >= 0).length, 0);
  const models: ExplainedModels = {
    mlp: (x) => mlp.predict(x),
    forest: (x) => forest.predict(x),
    forestMean: (x) => forest.predictMean(x),
    trees,
  };
  return { mlp, mlpReport, forest, forestReport, models, splitNodes };
}
