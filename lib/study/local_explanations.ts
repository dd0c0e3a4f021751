/**
 * Local explanations of the study's explained models on chosen rows (e.g.
 * stress dates): KernelSHAP of the MLP (seed + 31) and of the forest's
 * quantile output (seed + 37) against a background, TreeSHAP of the forest's
 * mean; per row the three attributions, the predictions and the features
 * ordered by the MLP's |SHAP|.
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
import { kernelShap, type KernelShapResult, treeShap, type TreeShapResult } from "../explain/mod.ts";
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
  rows: LocalRow[];
}

/**
 * Explain rows `idx` of the matrix `s` (row-major `x`, `d` columns named `featureNames`); `background` as for
 * KernelSHAP; `top` leading features per row (default 3). `idx` must not be empty.
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
  p: { seed: number; shapSamples: number; top?: number },
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
    };
  });
  return { mlp, forest, forestMean, rows };
}
