/**
 * Global explanations of the study's two explained models, the MLP and the
 * quantile forest: KernelSHAP of the MLP's multiplier (seeded background of
 * training rows, seeded sample of test rows), TreeSHAP of the forest's own
 * trees (exact for its mean prediction, with the local-accuracy and
 * tree-vs-model checks), mean |SHAP| per feature, and permutation importance
 * (pinball loss at τ) of both models on all test rows. Every random draw has
 * its own seed derived from `seed` (+11 background, +13 explained rows, +17
 * KernelSHAP, +19/+23 permutations), so the results do not depend on call order.
 *
 * @example
 * ```ts
 * import { globalExplanations } from "./global_explanations.ts";
 * import { testMatrix } from "../testing/study_matrix_fixture.ts"; // features "a" and "b"
 * import { studyDataset } from "./dataset.ts";
 * import { makeModel } from "./model_factory.ts";
 * const s = testMatrix(400);
 * const train = studyDataset(s, { start: 0, end: 250 }), valid = studyDataset(s, { start: 250, end: 300 });
 * const test = studyDataset(s, { start: 310, end: 400 });
 * const forest = makeModel("forest", { tau: 0.9, mMin: 0.5, mMax: 2, forestTrees: 3, forestMaxDepth: 3,
 *   forestMinLeaf: 10, forestMaxRows: 200 }, 1);
 * await forest.fit(train, valid);
 * const g = await globalExplanations({ mlp: (x) => forest.predict(x), forest: (x) => forest.predict(x),
 *   forestMean: (x) => forest.predictMean(x), trees: forest.trees() }, train, test,
 *   { seed: 1, tau: 0.9, backgroundRows: 10, explainRows: 5, shapSamples: 64, permRepeats: 1 });
 * console.assert(g.rows.length === 5 && g.treeShapAdditivityError < 1e-9);
 * ```
 * @module
 */
import { createPrng } from "../core/prng.ts";
import type { Dataset } from "../models/dataset.ts";
import { pinballLossAt } from "../targets/pinball_loss.ts";
import {
  globalImportance,
  kernelShap,
  type KernelShapResult,
  permutationImportance,
  type PermutationImportanceResult,
  sampleBackground,
  treeShap,
  type TreeShapResult,
} from "../explain/mod.ts";
import type { ExplainedModels } from "./explained_models.ts";
import { gatherRows, sampleRowIndices } from "../explain/sample_rows.ts";
import { maxAbsDifference, shapAdditivityError } from "../explain/shap_checks.ts";

/** Sizes and seed of {@link globalExplanations}. */
export interface GlobalExplanationParams {
  seed: number;
  tau: number;
  /** KernelSHAP background: training rows. */
  backgroundRows: number;
  /** Test rows explained by SHAP. */
  explainRows: number;
  /** KernelSHAP coalitions per row. */
  shapSamples: number;
  permRepeats: number;
}

/** Result of {@link globalExplanations}. */
export interface GlobalExplanations {
  /** KernelSHAP background, row-major. */
  background: Float64Array;
  /** Explained test rows (indices into the test set, increasing). */
  rows: number[];
  kernelShapMlp: KernelShapResult;
  treeShapForest: TreeShapResult;
  /** max |base + Σφ − prediction| of TreeSHAP (local accuracy, ~0). */
  treeShapAdditivityError: number;
  /** max |TreeSHAP prediction − the forest's mean prediction| (~0). */
  treeShapVsMeanError: number;
  /** Mean |SHAP| per feature. */
  shapMlp: Float64Array;
  shapForest: Float64Array;
  permMlp: PermutationImportanceResult;
  permForest: PermutationImportanceResult;
}

/**
 * Explain `m` globally on `test` with background from `train`.
 *
 * @throws {RangeError | TypeError} from the explainers (bad shapes, non-finite rows)
 * @example
 * ```ts
 * import { globalExplanations } from "./global_explanations.ts";
 * import { decisionTree } from "../explain/tree_ensemble.ts";
 * const f = (x: Float64Array, n: number) => Float64Array.from({ length: n }, (_, i) => x[2 * i]);
 * const tree = decisionTree({ feature: [-1], threshold: [0], left: [-1], right: [-1], value: [1], cover: [1] });
 * const ds = { x: Float64Array.from({ length: 40 }, (_, i) => i % 7), d: 2, r: new Float64Array(20).fill(1),
 *   dates: Array.from({ length: 20 }, (_, i) => `2020-01-${String(i + 1).padStart(2, "0")}`) };
 * const g = await globalExplanations({ mlp: f, forest: f, forestMean: () => new Float64Array(3).fill(1),
 *   trees: { trees: [tree], nFeatures: 2 } }, ds, ds, { seed: 1, tau: 0.9, backgroundRows: 5, explainRows: 3, shapSamples: 16,
 *   permRepeats: 1 });
 * console.assert(g.shapMlp[1] === 0 && g.treeShapVsMeanError === 0); // f ignores feature 1
 * ```
 */
export async function globalExplanations(
  m: ExplainedModels,
  train: Dataset,
  test: Dataset,
  p: GlobalExplanationParams,
): Promise<GlobalExplanations> {
  const d = train.d, nTr = train.r.length, nTe = test.r.length;
  const background = sampleBackground(train.x, nTr, d, p.backgroundRows, createPrng(p.seed + 11));
  const rows = sampleRowIndices(nTe, p.explainRows, createPrng(p.seed + 13));
  const xEx = gatherRows(test.x, d, rows), n = rows.length;
  const kernelShapMlp = await kernelShap(m.mlp, xEx, n, d, background, {
    prng: createPrng(p.seed + 17),
    nSamples: p.shapSamples,
  });
  const treeShapForest = treeShap(m.trees, xEx, n, d);
  const treeShapAdditivityError = shapAdditivityError(treeShapForest, n, d);
  const meanCheck = await m.forestMean(xEx, n, d);
  const treeShapVsMeanError = maxAbsDifference(meanCheck, treeShapForest.predictions, n);
  const shapMlp = globalImportance(kernelShapMlp.values, n, d);
  const shapForest = globalImportance(treeShapForest.values, n, d);
  const loss = pinballLossAt(p.tau);
  const permMlp = await permutationImportance(m.mlp, test.x, test.r, nTe, d, {
    loss,
    prng: createPrng(p.seed + 19),
    repeats: p.permRepeats,
  });
  const permForest = await permutationImportance(m.forest, test.x, test.r, nTe, d, {
    loss,
    prng: createPrng(p.seed + 23),
    repeats: p.permRepeats,
  });
  return {
    background,
    rows,
    kernelShapMlp,
    treeShapForest,
    treeShapAdditivityError,
    treeShapVsMeanError,
    shapMlp,
    shapForest,
    permMlp,
    permForest,
  };
}
