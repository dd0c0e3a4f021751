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
  importanceOrder,
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
  /** Weighted R² of the local model (1 when flat). */
  fidelity: number;
  /** The model returned one value on every LIME sample (e.g. saturated): attributions 0, no agreement. */
  flat: boolean;
  /** LIME attributions (a) against KernelSHAP values (b), top 3; null when flat. */
  agreement: LimeAgreement | null;
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
      flat: r.flat[k] === 1,
      agreement: r.flat[k] === 1 ? null : limeAgreement(attributions, shap, Math.min(3, d)),
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

/** One model's LIME on one row, for a stage's metrics: its fit and its agreement with KernelSHAP (null when flat). */
export interface LocalLimeMetrics {
  /** The model returned one value on every LIME sample: no local fit, nothing to compare. */
  flat: boolean;
  fidelity: number;
  intercept: number;
  localPrediction: number;
  /** Spearman rank correlation of |LIME attribution| and |KernelSHAP value| over the features. */
  spearmanAbsVsShap: number | null;
  /** Features in both top-3 sets by absolute value (0 … 3). */
  top3OverlapWithShap: number | null;
  /** Among KernelSHAP's top 3, the share where LIME's attribution has the same sign. */
  top3SignAgreementWithShap: number | null;
  /** LIME's three largest |attributions|: names (none when flat). */
  top: string[];
}

/**
 * The metrics of a row's LIME (`row.lime` of {@link localExplanations}) for both models, features named by `names`.
 *
 * @example
 * ```ts
 * import { localLimeMetrics } from "./local_explanations.ts";
 * const agreement = { spearmanAbs: 1, topOverlap: 2, topSignAgreement: 1 };
 * const l = { attributions: [0.1, -0.5], intercept: 1, localPrediction: 0.6, fidelity: 0.9, flat: false, agreement };
 * const m = localLimeMetrics({ mlp: l, forest: { ...l, flat: true, agreement: null } }, ["a", "b"]);
 * console.assert(m.mlp.top.join() === "b,a" && m.mlp.top3OverlapWithShap === 2 && m.forest.top.length === 0);
 * ```
 */
export function localLimeMetrics(
  lime: LocalRow["lime"],
  names: readonly string[],
): Record<"mlp" | "forest", LocalLimeMetrics> {
  const one = ({ flat, agreement: a, ...l }: LocalLime): LocalLimeMetrics => ({
    ...{ flat, fidelity: l.fidelity, intercept: l.intercept, localPrediction: l.localPrediction },
    spearmanAbsVsShap: a && a.spearmanAbs,
    top3OverlapWithShap: a && a.topOverlap,
    top3SignAgreementWithShap: a && a.topSignAgreement,
    top: flat ? [] : importanceOrder(Float64Array.from(l.attributions, Math.abs)).slice(0, 3).map((j) => names[j]),
  });
  return { mlp: one(lime.mlp), forest: one(lime.forest) };
}

/**
 * A model's LIME metrics over the explained rows: how many were flat, and over the others the means (and the
 * smallest fidelity) — null when every row was flat.
 */
export interface LocalLimeSummary {
  rows: number;
  flatRows: number;
  meanFidelity: number | null;
  minFidelity: number | null;
  meanSpearmanAbsVsShap: number | null;
  meanTop3OverlapWithShap: number | null;
  meanTop3SignAgreementWithShap: number | null;
}

/**
 * Summarise LIME against KernelSHAP over the explained rows, per model; flat rows are counted, not averaged.
 *
 * @throws {RangeError} when `rows` is empty
 * @example
 * ```ts
 * import { localLimeSummary } from "./local_explanations.ts";
 * const l = (fidelity: number, flat = false) => ({
 *   attributions: [1, 0], intercept: 0, localPrediction: 1, fidelity, flat,
 *   agreement: flat ? null : { spearmanAbs: 1, topOverlap: 2, topSignAgreement: 0.5 },
 * });
 * const s = localLimeSummary([{ lime: { mlp: l(0.5), forest: l(1, true) } }, { lime: { mlp: l(1), forest: l(1, true) } }]);
 * console.assert(s.mlp.meanFidelity === 0.75 && s.mlp.minFidelity === 0.5 && s.mlp.meanTop3OverlapWithShap === 2);
 * console.assert(s.forest.flatRows === 2 && s.forest.meanFidelity === null);
 * ```
 */
export function localLimeSummary(rows: readonly Pick<LocalRow, "lime">[]): Record<"mlp" | "forest", LocalLimeSummary> {
  if (rows.length === 0) throw new RangeError("localLimeSummary: no rows (rows.length = 0)");
  const one = (key: "mlp" | "forest"): LocalLimeSummary => {
    const ls = rows.map((r) => r.lime[key]).filter((l) => !l.flat), n = ls.length;
    const mean = (f: (l: LocalLime) => number) => n === 0 ? null : ls.reduce((a, l) => a + f(l), 0) / n;
    return {
      ...{ rows: rows.length, flatRows: rows.length - n },
      meanFidelity: mean((l) => l.fidelity),
      minFidelity: n === 0 ? null : Math.min(...ls.map((l) => l.fidelity)),
      meanSpearmanAbsVsShap: mean((l) => l.agreement!.spearmanAbs),
      meanTop3OverlapWithShap: mean((l) => l.agreement!.topOverlap),
      meanTop3SignAgreementWithShap: mean((l) => l.agreement!.topSignAgreement),
    };
  };
  return { mlp: one("mlp"), forest: one("forest") };
}
