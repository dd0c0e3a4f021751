/**
 * Model-agnostic explanations of margin-multiplier models (docs/architecture.md §1.5 "Interpretability"): KernelSHAP
 * over any batch predict function, tabular LIME (seeded local ridge fits) and its agreement with another attribution,
 * exact path-dependent TreeSHAP for `ml-random-forest`, permutation importance, PDP/ICE, and summaries for plots.
 *
 * @example
 * ```ts
 * import { createPrng } from "../core/prng.ts";
 * import { globalImportance, kernelShap, type PredictFn } from "./mod.ts";
 * const f: PredictFn = (x, n) => { const y = new Float64Array(n); for (let i = 0; i < n; i++) y[i] = x[i * 2] - x[i * 2 + 1]; return y; };
 * const r = await kernelShap(f, Float64Array.of(1, 1), 1, 2, Float64Array.of(0, 0), { prng: createPrng(1) });
 * console.assert(globalImportance(r.values, 1, 2)[0] === 1);
 * ```
 * @module
 */
export { callPredict, type PredictFn } from "./predict_fn.ts";
export { sampleBackground } from "./sample_background.ts";
export { kernelShap, type KernelShapOptions, type KernelShapResult } from "./kernel_shap.ts";
export { lime, type LimeOptions, type LimeResult } from "./lime.ts";
export { type LimeAgreement, limeAgreement } from "./lime_agreement.ts";
export {
  type DecisionTree,
  decisionTree,
  type DecisionTreeSpec,
  predictEnsemble,
  predictTree,
  type TreeEnsemble,
} from "./tree_ensemble.ts";
export { treeExpectedValue, treeShap, type TreeShapResult } from "./tree_shap.ts";
export { forestToEnsemble, type MlRandomForestLike } from "./forest_ensemble.ts";
export {
  type LossFn,
  permutationImportance,
  type PermutationImportanceOptions,
  type PermutationImportanceResult,
} from "./permutation_importance.ts";
export {
  partialDependence,
  type PartialDependenceOptions,
  type PartialDependenceResult,
} from "./partial_dependence.ts";
export { globalImportance } from "./global_importance.ts";
export { type ShapSummaryRow, shapSummaryRows } from "./shap_summary_rows.ts";
export { gatherRows, sampleRowIndices } from "./sample_rows.ts";
export * from "./importance_ranking.ts";
export * from "./shap_checks.ts";
export { pairedPartialDependence } from "./paired_partial_dependence.ts";
export { beeswarmRows, evenRowIndices, type ShapBeeswarm, treeShapBeeswarm } from "./shap_beeswarm.ts";
