/**
 * Quantile regression forest (Meinshausen 2006) on top of `ml-random-forest`:
 * the trees are grown by `RandomForestRegression` on the ratio (seeded
 * bagging, `noOOB: true`), then flattened into typed arrays. A prediction is
 * the weighted empirical τ-quantile of the training ratios, each training row
 * weighted by `mean over trees of 1{row in the leaf of x}/|leaf|` — the
 * conditional quantile from the leaves, not a quantile of per-tree means (with
 * few trees the latter collapses to their maximum). Leaf membership counts all
 * (subsampled) training rows, not only each tree's bootstrap draw. Clipped to
 * the bounds.
 *
 * Growing is quadratic in rows, so at most `maxTrainRows` rows are used (a
 * seeded, time-order-preserving subsample).
 *
 * The fitted trees are readable ({@link QuantileForestModel.trees}) in the flat
 * layout that `lib/explain`'s TreeSHAP reads, with each leaf valued at the mean
 * training ratio of its rows: the forest's *mean* prediction
 * ({@link QuantileForestModel.predictMean}) is then Σ_i w_i(x)·r_i with the very
 * weights of the quantile prediction, the conditional mean the quantile forest
 * implies, and TreeSHAP explains it exactly.
 * @module
 */
import { RandomForestRegression } from "ml-random-forest";
import { createPrng, permutation } from "../core/prng.ts";
import { clipMultiplier } from "../targets/bounded_multiplier.ts";
import { pinballLoss } from "../targets/pinball_loss.ts";
import { decodeArray, encodeArray, type EncodedArray } from "../nn/array_codec.ts";
import { type Dataset, validateFeatures, validateSplits } from "./dataset.ts";
import type { FitOptions, FitReport, Forecaster, SavedForecaster } from "./forecaster.ts";
import { onePassReport, settleFit } from "./forecaster.ts";
import { checkInt, checkPositive } from "../core/check.ts";
import { BASE_DEFAULTS, type BaseModelConfig, mergeConfig } from "./model_config.ts";
// The tree layout TreeSHAP reads (a type only: the explanation library does not run here).

/** Configuration of {@link quantileForest}. */
export interface QuantileForestConfig extends BaseModelConfig {
  /** Number of trees, default 20. */
  readonly nEstimators: number;
  /** Share of features per tree in (0, 1], default 1. */
  readonly maxFeatures: number;
  /** Maximum depth, default 8. */
  readonly maxDepth: number;
  /** A node with ≤ this many rows becomes a leaf, default 20. */
  readonly minNumSamples: number;
  /** Row cap (seeded subsample) — growing is quadratic in rows; default 1500. */
  readonly maxTrainRows: number;
}

const FOREST_FIELDS = { nEstimators: 20, maxFeatures: 1, maxDepth: 8, minNumSamples: 20, maxTrainRows: 1500 };

/** Defaults of {@link QuantileForestConfig}. */
export const QUANTILE_FOREST_DEFAULTS: QuantileForestConfig = Object.freeze({ ...BASE_DEFAULTS, ...FOREST_FIELDS });

/**
 * Validated forest config.
 *
 * @example
 * ```ts
 * const c = quantileForestConfig({ nEstimators: 10 });
 * ```
 */
export function quantileForestConfig(input: Partial<QuantileForestConfig> = {}): QuantileForestConfig {
  const c = mergeConfig("quantileForest", QUANTILE_FOREST_DEFAULTS, input);
  checkInt("quantileForest", "nEstimators", c.nEstimators, 1);
  checkPositive("quantileForest", "maxFeatures", c.maxFeatures);
  if (c.maxFeatures > 1) throw new RangeError(`quantileForest: maxFeatures must be in (0, 1], got ${c.maxFeatures}`);
  checkInt("quantileForest", "maxDepth", c.maxDepth, 1);
  checkInt("quantileForest", "minNumSamples", c.minNumSamples, 1);
  checkInt("quantileForest", "maxTrainRows", c.maxTrainRows, 2);
  return c;
}

/** Flattened forest: node arrays over all trees plus leaf membership of the training rows. */
interface ForestState {
  d: number;
  /** Root node index of each tree. */
  roots: Int32Array;
  /** Per node: feature column (−1 for a leaf). */
  col: Int32Array;
  /** Per node: split threshold (go left when x < thr). */
  thr: Float64Array;
  left: Int32Array;
  right: Int32Array;
  /** Per node: offset into `members` of its leaf rows, and their count (leaves only). */
  start: Int32Array;
  count: Int32Array;
  /** Concatenated training-row indices of every leaf. */
  members: Int32Array;
  /** Training ratios (a private copy). */
  r: Float64Array;
}

/**
 * One fitted tree in flat typed arrays (node 0 the root, −1 for "none"): split `feature`, `threshold` (left when
 * `x[feature] < threshold`), `left`/`right` children, leaf `value` and training `cover` per node. It has the shape
 * of `lib/explain`'s `DecisionTree` without importing it (explain is on the same layer): TreeSHAP takes it as is.
 */
export type ForestTree =
  & Record<"feature" | "left" | "right", Int32Array>
  & Record<"threshold" | "value" | "cover", Float64Array>;

/** The fitted trees of a forest over `nFeatures` features (the shape of `lib/explain`'s `TreeEnsemble`). */
export interface ForestTrees {
  trees: ForestTree[];
  nFeatures: number;
}

/** A quantile regression forest whose fitted trees can be read (e.g. for TreeSHAP). */
export interface QuantileForestModel extends Forecaster<QuantileForestConfig> {
  /**
   * The fitted trees in `lib/explain`'s layout (node 0 the root, children after their parent, left when
   * `x[feature] < threshold`), each leaf valued at the mean training ratio of its rows and each node's cover the
   * number of (subsampled) training rows reaching it; fresh copies. A leaf that no training row reaches (possible
   * only through ties at a split) takes the mean of its nearest ancestor that has rows.
   *
   * @throws {TypeError} when the model is not fitted
   */
  trees(): ForestTrees;
  /**
   * The forest's mean prediction for each row of `x`: the mean over trees of the leaf means, i.e.
   * Σ_i w_i(x)·r_i with the weights of {@link Forecaster.predict}'s weighted quantile. Not clipped to the bounds.
   *
   * @throws {TypeError} when the model is not fitted; {@link RangeError} on a malformed `x`
   */
  predictMean(x: Float64Array): Float64Array;
}

interface MlNode {
  left?: MlNode;
  right?: MlNode;
  splitColumn?: number;
  splitValue?: number;
}

function flatten(
  rf: { estimators: { root: MlNode }[]; indexes: number[][] },
  x: Float64Array,
  d: number,
  n: number,
): Omit<ForestState, "r"> {
  const col: number[] = [], thr: number[] = [], left: number[] = [], right: number[] = [];
  const roots: number[] = [];
  rf.estimators.forEach((est, t) => {
    const idx = rf.indexes[t];
    const walk = (node: MlNode): number => {
      const id = col.length;
      col.push(-1), thr.push(0), left.push(-1), right.push(-1);
      if (node.left && node.right && node.splitColumn !== undefined) {
        col[id] = idx[node.splitColumn];
        thr[id] = node.splitValue as number;
        left[id] = walk(node.left);
        right[id] = walk(node.right);
      }
      return id;
    };
    roots.push(walk(est.root));
  });
  const nNodes = col.length;
  const st = { d, roots: Int32Array.from(roots), col: Int32Array.from(col), thr: Float64Array.from(thr) };
  const L = Int32Array.from(left), R = Int32Array.from(right);
  const count = new Int32Array(nNodes), start = new Int32Array(nNodes);
  const leafOf = new Int32Array(n * roots.length);
  for (let t = 0; t < roots.length; t++) {
    for (let i = 0; i < n; i++) {
      const leaf = findLeaf(st.col, st.thr, L, R, roots[t], x, i * d);
      leafOf[t * n + i] = leaf;
      count[leaf]++;
    }
  }
  let off = 0;
  for (let k = 0; k < nNodes; k++) {
    start[k] = off;
    off += count[k];
  }
  const fill = new Int32Array(nNodes), members = new Int32Array(off);
  for (let t = 0; t < roots.length; t++) {
    for (let i = 0; i < n; i++) {
      const leaf = leafOf[t * n + i];
      members[start[leaf] + fill[leaf]++] = i;
    }
  }
  return { ...st, left: L, right: R, start, count, members };
}

function findLeaf(
  col: Int32Array,
  thr: Float64Array,
  left: Int32Array,
  right: Int32Array,
  root: number,
  x: Float64Array,
  off: number,
): number {
  let k = root;
  while (col[k] >= 0) k = x[off + col[k]] < thr[k] ? left[k] : right[k];
  return k;
}

/** Split the flat forest state into per-tree arrays with leaf means and covers. */
function forestTrees(s: ForestState): ForestTrees {
  const T = s.roots.length, trees: ForestTree[] = [];
  for (let t = 0; t < T; t++) {
    const a = s.roots[t], b = t + 1 < T ? s.roots[t + 1] : s.col.length, m = b - a;
    const local = (k: number) => (k < 0 ? -1 : k - a);
    const feature = s.col.slice(a, b), threshold = new Float64Array(m);
    const left = Int32Array.from(s.left.subarray(a, b), local), right = Int32Array.from(s.right.subarray(a, b), local);
    const cover = new Float64Array(m), sum = new Float64Array(m), value = new Float64Array(m);
    for (let k = m - 1; k >= 0; k--) {
      if (feature[k] < 0) {
        const g = a + k, c = s.count[g];
        for (let j = 0; j < c; j++) sum[k] += s.r[s.members[s.start[g] + j]];
        cover[k] = c;
      } else {
        threshold[k] = s.thr[a + k];
        cover[k] = cover[left[k]] + cover[right[k]];
        sum[k] = sum[left[k]] + sum[right[k]];
      }
    }
    // Leaf value: its rows' mean; an empty leaf takes that of its nearest ancestor with rows (pre-order: parents first).
    const mean = new Float64Array(m);
    mean[0] = cover[0] > 0 ? sum[0] / cover[0] : 0;
    for (let k = 0; k < m; k++) {
      if (feature[k] >= 0) {
        for (const c of [left[k], right[k]]) mean[c] = cover[c] > 0 ? sum[c] / cover[c] : mean[k];
      } else value[k] = mean[k];
    }
    trees.push({ feature, threshold, left, right, value, cover });
  }
  return { trees, nFeatures: s.d };
}

class QuantileForest implements QuantileForestModel {
  readonly kind = "quantile_forest";
  private flat: ForestTrees | undefined;
  constructor(readonly config: QuantileForestConfig, private st?: ForestState) {}
  fit(train: Dataset, valid: Dataset, opts: FitOptions = {}): Promise<FitReport> {
    return settleFit(() => {
      const c = this.config;
      const { nTrain: nAll, nValid } = validateSplits("quantileForest", train, valid, c.minTrain);
      const d = train.d, rng = createPrng(c.seed);
      // Seeded subsample, kept in time order.
      let rows: Int32Array;
      if (nAll > c.maxTrainRows) {
        rows = permutation(nAll, rng).slice(0, c.maxTrainRows).sort();
      } else {
        rows = new Int32Array(nAll);
        for (let i = 0; i < nAll; i++) rows[i] = i;
      }
      const n = rows.length;
      const x = new Float64Array(n * d), r = new Float64Array(n);
      const X: number[][] = [];
      for (let i = 0; i < n; i++) {
        x.set(train.x.subarray(rows[i] * d, rows[i] * d + d), i * d);
        r[i] = train.r[rows[i]];
        X.push(Array.from(x.subarray(i * d, i * d + d)));
      }
      const rf = new RandomForestRegression({
        nEstimators: c.nEstimators,
        maxFeatures: c.maxFeatures,
        replacement: false,
        useSampleBagging: true,
        noOOB: true,
        seed: rng.nextUint32() & 0x7fffffff,
        treeOptions: { maxDepth: c.maxDepth, minNumSamples: c.minNumSamples },
      });
      rf.train(X, Array.from(r));
      this.st = { ...flatten(rf as unknown as { estimators: { root: MlNode }[]; indexes: number[][] }, x, d, n), r };
      this.flat = undefined;
      const tl = pinballLoss(r, this.predict(x), c.tau);
      const vl = pinballLoss(valid.r, this.predict(valid.x), c.tau);
      return onePassReport(this.kind, n, nValid, tl, vl, opts);
    });
  }
  predict(x: Float64Array): Float64Array {
    const s = this.st;
    if (s === undefined) throw new TypeError("quantileForest.predict: model is not fitted");
    const n = validateFeatures(x, s.d, "quantileForest.predict x");
    const c = this.config, T = s.roots.length, nTrain = s.r.length;
    const w = new Float64Array(nTrain);
    const touched: number[] = [];
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      for (let t = 0; t < T; t++) {
        const leaf = findLeaf(s.col, s.thr, s.left, s.right, s.roots[t], x, i * s.d);
        const cnt = s.count[leaf];
        for (let k = 0; k < cnt; k++) {
          const j = s.members[s.start[leaf] + k];
          if (w[j] === 0) touched.push(j);
          w[j] += 1 / (cnt * T);
        }
      }
      touched.sort((a, b) => s.r[a] - s.r[b] || a - b);
      // Smallest r with cumulative weight ≥ τ (weighted empirical quantile).
      let acc = 0, q = s.r[touched[touched.length - 1]];
      for (const j of touched) {
        acc += w[j];
        if (acc >= c.tau - 1e-12) {
          q = s.r[j];
          break;
        }
      }
      out[i] = clipMultiplier(q, c.mMin, c.mMax);
      for (const j of touched) w[j] = 0;
      touched.length = 0;
    }
    return out;
  }
  trees(): ForestTrees {
    const s = this.st;
    if (s === undefined) throw new TypeError("quantileForest.trees: model is not fitted");
    this.flat ??= forestTrees(s);
    const copy = (t: ForestTree): ForestTree => ({
      feature: t.feature.slice(),
      threshold: t.threshold.slice(),
      left: t.left.slice(),
      right: t.right.slice(),
      value: t.value.slice(),
      cover: t.cover.slice(),
    });
    return { trees: this.flat.trees.map(copy), nFeatures: this.flat.nFeatures };
  }
  predictMean(x: Float64Array): Float64Array {
    const s = this.st;
    if (s === undefined) throw new TypeError("quantileForest.predictMean: model is not fitted");
    const n = validateFeatures(x, s.d, "quantileForest.predictMean x");
    this.flat ??= forestTrees(s);
    const trees = this.flat.trees, out = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      let sum = 0;
      for (const t of trees) sum += t.value[findLeaf(t.feature, t.threshold, t.left, t.right, 0, x, i * s.d)];
      out[i] = sum / trees.length;
    }
    return out;
  }
  save(): SavedForecaster {
    const s = this.st;
    if (s === undefined) throw new TypeError("quantileForest.save: model is not fitted");
    const enc: Record<string, unknown> = { d: s.d };
    for (const k of ["roots", "col", "thr", "left", "right", "start", "count", "members", "r"] as const) {
      enc[k] = encodeArray(s[k]);
    }
    return { kind: this.kind, format: 1, config: { ...this.config }, state: enc };
  }
  dispose(): void {}
}

/**
 * Create a quantile regression forest.
 *
 * @throws {RangeError} on an invalid config
 * @example
 * ```ts
 * import { syntheticQuantileProblem } from "../testing/synthetic_quantile_problem.ts";
 * const { train, valid, test } = syntheticQuantileProblem({ nTrain: 200, nValid: 50, nTest: 10, seed: 1, tau: 0.99 });
 * const f = quantileForest({ nEstimators: 3, maxTrainRows: 200 });
 * await f.fit(train, valid);
 * const q = f.predict(test.x); // weighted τ-quantile of the leaf ratios, clipped to the bounds
 * const mean = f.predictMean(test.x); // the same weights' mean
 * const { trees } = f.trees(); // e.g. for treeShap(f.trees(), test.x, 10, 3) from lib/explain
 * ```
 */
export function quantileForest(config: Partial<QuantileForestConfig> = {}): QuantileForestModel {
  return new QuantileForest(quantileForestConfig(config));
}

/**
 * Restore a saved quantile forest.
 *
 * @throws {TypeError} on a wrong kind or malformed state
 * @example
 * ```ts
 * import { syntheticQuantileProblem } from "../testing/synthetic_quantile_problem.ts";
 * const { train, valid, test } = syntheticQuantileProblem({ nTrain: 200, nValid: 50, nTest: 10, seed: 1, tau: 0.99 });
 * const f = quantileForest({ nEstimators: 2 });
 * await f.fit(train, valid);
 * const g = loadQuantileForest(f.save());
 * ```
 */
export function loadQuantileForest(saved: SavedForecaster): QuantileForestModel {
  if (saved?.kind !== "quantile_forest") throw new TypeError(`loadQuantileForest: saved model has kind ${saved?.kind}`);
  const e = saved.state as Record<string, EncodedArray> | null;
  if (e === null || !Number.isInteger(e.d)) throw new TypeError("loadQuantileForest: malformed state");
  const dec = (k: string) => decodeArray(e[k]);
  const st: ForestState = {
    d: e.d as unknown as number,
    roots: dec("roots") as Int32Array,
    col: dec("col") as Int32Array,
    thr: dec("thr") as Float64Array,
    left: dec("left") as Int32Array,
    right: dec("right") as Int32Array,
    start: dec("start") as Int32Array,
    count: dec("count") as Int32Array,
    members: dec("members") as Int32Array,
    r: dec("r") as Float64Array,
  };
  return new QuantileForest(quantileForestConfig(saved.config as Partial<QuantileForestConfig>), st);
}
