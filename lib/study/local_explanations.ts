/**
 * Local explanations of the study's explained models on chosen rows (e.g.
 * stress dates): KernelSHAP of the MLP (seed + 31) and of the forest's
 * quantile output (seed + 37) against a background, TreeSHAP of the forest's
 * mean; per row the three attributions, the predictions and the features
 * ordered by the MLP's |SHAP|. Beside them, LIME of the MLP (seed + 41) and of
 * the forest's quantile (seed + 43), each on its own seed stream so the SHAP
 * values do not depend on whether LIME runs, with its attributions against the
 * background mean, its fidelity and its agreement with the same model's
 * KernelSHAP.
 *
 * @example
 * ```ts
 * import { localExplanations } from "./local_explanations.ts";
 * import { decisionTree } from "../explain/tree_ensemble.ts";
 * const f = (x: Float64Array, n: number) => Float64Array.from({ length: n }, (_, i) => 2 * x[2 * i] + x[2 * i + 1]);
 * const tree = decisionTree({ feature: [-1], threshold: [0], left: [-1], right: [-1], value: [1], cover: [1] });
 * const x = Float64Array.of(0, 0, 1, 0, 0, 1, 1, 1);
 * const models = { mlp: f, forest: f, forestMean: f, trees: { trees: [tree], nFeatures: 2 } };
 * const loc = await localExplanations(models, { x, d: 2, featureNames: ["a", "b"] }, [3], x, { seed: 1, shapSamples: 16 });
 * console.assert(loc.rows[0].top[0].feature === "a"); // feature a moves the prediction most
 * ```
 * @module
 */
import { createPrng } from "../core/prng.ts";
import {
  kernelShap,
  type KernelShapResult,
  lime,
  type LimeAgreement,
  limeAgreement,
  type LimeResult,
  treeShap,
  type TreeShapResult,
} from "../explain/mod.ts";
import { gatherRows } from "../explain/sample_rows.ts";
import type { ExplainedModels } from "./explained_models.ts";

/** One explained row. */
export interface LocalRow {
  /** Row index in the explained matrix. */
  t: number;
  phiMlp: number[];
  phiForest: number[];
  phiForestMean: number[];
  mMlp: number;
  mForest: number;
  mForestMean: number;
  /** Feature indices by decreasing |phiMlp| (ties by index). */
  order: number[];
  /** The first `top` features of `order`: name, value and the three attributions. */
  top: LocalTop[];
  /** LIME of the MLP and of the forest's quantile output on this row. */
  lime: { mlp: LocalLime; forest: LocalLime };
}

/** LIME of one model on one row, compared with the same model's KernelSHAP on that row. */
export interface LocalLime {
  /** slope_j · (x_j − background mean_j), per feature (see lib/explain/lime.ts). */
  attributions: number[];
  /** The local model at the background mean. */
  intercept: number;
  /** The local model at the row. */
  localPrediction: number;
  /** Weighted R² of the local model. */
  fidelity: number;
  /** LIME attributions (a) against KernelSHAP values (b), top 3. */
  agreement: LimeAgreement;
}

/** A leading feature of a local explanation. */
export interface LocalTop {
  feature: string;
  value: number;
  phiMlp: number;
  phiForest: number;
  phiForestMean: number;
}

/** Result of {@link localExplanations}: the three explanations and their rows. */
export interface LocalExplanations {
  mlp: KernelShapResult;
  forest: KernelShapResult;
  forestMean: TreeShapResult;
  limeMlp: LimeResult;
  limeForest: LimeResult;
  rows: LocalRow[];
}

/**
 * Explain rows `idx` of the matrix `s` (row-major `x`, `d` columns named `featureNames`); `background` as for
 * KernelSHAP and as LIME's source of per-feature means and deviations (at least 2 rows); `top` leading features per
 * row (default 3); `limeSamples` LIME samples per row (default 5000). `idx` must not be empty.
 *
 * @throws {RangeError} on no rows, a row outside `x`, or from the explainers
 * @example
 * ```ts
 * import { localExplanations } from "./local_explanations.ts";
 * import { decisionTree } from "../explain/tree_ensemble.ts";
 * const one = (_x: Float64Array, n: number) => new Float64Array(n).fill(1);
 * const tree = decisionTree({ feature: [-1], threshold: [0], left: [-1], right: [-1], value: [1], cover: [1] });
 * const x = Float64Array.of(0, 1, 2, 3);
 * const models = { mlp: one, forest: one, forestMean: one, trees: { trees: [tree], nFeatures: 2 } };
 * const loc = await localExplanations(models, { x, d: 2, featureNames: ["a", "b"] }, [0, 1], x, {
 *   seed: 1, shapSamples: 16 });
 * console.assert(loc.rows.length === 2 && loc.rows[1].phiMlp.every((v) => v === 0));
 * ```
 */
export async function localExplanations(
  m: ExplainedModels,
  s: { x: Float64Array; d: number; featureNames: readonly string[] },
  idx: readonly number[],
  background: Float64Array,
  p: { seed: number; shapSamples: number; top?: number; limeSamples?: number },
): Promise<LocalExplanations> {
  const { x, d } = s;
  if (idx.length === 0) throw new RangeError("localExplanations: no rows to explain");
  const xL = gatherRows(x, d, idx), n = idx.length;
  const mlp = await kernelShap(m.mlp, xL, n, d, background, { prng: createPrng(p.seed + 31), nSamples: p.shapSamples });
  const forest = await kernelShap(m.forest, xL, n, d, background, {
    prng: createPrng(p.seed + 37),
    nSamples: p.shapSamples,
  });
  const forestMean = treeShap(m.trees, xL, n, d);
  const nSamples = p.limeSamples ?? 5000;
  const limeMlp = await lime(m.mlp, xL, n, d, background, { prng: createPrng(p.seed + 41), nSamples });
  const limeForest = await lime(m.forest, xL, n, d, background, { prng: createPrng(p.seed + 43), nSamples });
  const local = (r: LimeResult, shap: number[], k: number): LocalLime => {
    const attributions = Array.from(r.attributions.subarray(k * d, k * d + d));
    return {
      attributions,
      intercept: r.intercepts[k],
      localPrediction: r.localPredictions[k],
      fidelity: r.fidelity[k],
      agreement: limeAgreement(attributions, shap, Math.min(3, d)),
    };
  };
  const rows = idx.map((t, k): LocalRow => {
    const phi = (v: Float64Array) => Array.from(v.subarray(k * d, k * d + d));
    const pm = phi(mlp.values), pq = phi(forest.values), pf = phi(forestMean.values);
    const order = Array.from({ length: d }, (_, j) => j).sort((a, b) => Math.abs(pm[b]) - Math.abs(pm[a]) || a - b);
    const top = order.slice(0, p.top ?? 3).map((j) => ({
      feature: s.featureNames[j],
      value: x[t * d + j],
      phiMlp: pm[j],
      phiForest: pq[j],
      phiForestMean: pf[j],
    }));
    return {
      t,
      phiMlp: pm,
      phiForest: pq,
      phiForestMean: pf,
      mMlp: mlp.predictions[k],
      mForest: forest.predictions[k],
      mForestMean: forestMean.predictions[k],
      order,
      top,
      lime: { mlp: local(limeMlp, pm, k), forest: local(limeForest, pq, k) },
    };
  });
  return { mlp, forest, forestMean, limeMlp, limeForest, rows };
}
