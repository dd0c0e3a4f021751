/**
 * A flat, typed-array representation of regression trees and of their average (a random forest), the input
 * format of {@link ../tree_shap.ts}. Library-specific trees (e.g. `ml-random-forest`) are converted into it.
 *
 * Split convention (that of `ml-cart`): a row goes to the `left` child when `x[feature] < threshold`, otherwise
 * to the `right` child. `cover` is the number (or total weight) of training rows that reached each node; the
 * path-dependent expectation sends a row with an unknown split feature left with probability
 * `cover[left] / (cover[left] + cover[right])` (½ when both children have zero cover).
 * @module
 */

import { checkInt } from "../core/check.ts";
import { checkMatrix } from "./_checks.ts";

/**
 * One regression tree in flat arrays; node 0 is the root. The type is structural: a producer (e.g. the quantile
 * forest in lib/models) returns objects of this shape without importing lib/explain.
 */
export interface DecisionTree {
  /** Global split feature per node, −1 at leaves. */
  feature: Int32Array;
  /** Split threshold per node: left when `x[feature] < threshold`. Ignored at leaves. */
  threshold: Float64Array;
  /** Left child index, −1 at leaves. */
  left: Int32Array;
  /** Right child index, −1 at leaves. */
  right: Int32Array;
  /** Leaf prediction (ignored at internal nodes). */
  value: Float64Array;
  /** Training rows (or weight) reaching each node, ≥ 0. */
  cover: Float64Array;
}

/** An ensemble whose prediction is the mean of its trees' predictions, over `nFeatures` global features. */
export interface TreeEnsemble {
  trees: DecisionTree[];
  nFeatures: number;
}

/** Plain-array description of a tree, accepted by {@link decisionTree}. */
export interface DecisionTreeSpec {
  feature: ArrayLike<number>;
  threshold: ArrayLike<number>;
  left: ArrayLike<number>;
  right: ArrayLike<number>;
  value: ArrayLike<number>;
  cover: ArrayLike<number>;
}

/**
 * Build and validate a {@link DecisionTree} from plain arrays (all of one length, the node count).
 *
 * @throws {RangeError} when lengths differ, a child index is out of range or not below its parent in
 *   pre-order (children must have larger indices, so the structure is a tree), a leaf value or internal
 *   threshold is not finite, or a cover is negative
 * @example
 * ```ts
 * // x0 < 0.5 ? 1 : 3, with 2 training rows on each side
 * const t = decisionTree({
 *   feature: [0, -1, -1], threshold: [0.5, 0, 0], left: [1, -1, -1], right: [2, -1, -1],
 *   value: [0, 1, 3], cover: [4, 2, 2],
 * });
 * console.assert(predictTree(t, Float64Array.of(0.7), 0) === 3);
 * ```
 */
export function decisionTree(spec: DecisionTreeSpec): DecisionTree {
  const fn = "decisionTree";
  if (spec === null || typeof spec !== "object") throw new TypeError(`${fn}: spec must be an object, got ${spec}`);
  const m = spec.feature?.length;
  checkInt(fn, "spec.feature.length", m, 1);
  for (const key of ["threshold", "left", "right", "value", "cover"] as const) {
    if (spec[key]?.length !== m) {
      throw new RangeError(`${fn}: spec.${key} has length ${spec[key]?.length}, expected ${m} (one per node)`);
    }
  }
  const tree: DecisionTree = {
    feature: Int32Array.from(spec.feature),
    threshold: Float64Array.from(spec.threshold),
    left: Int32Array.from(spec.left),
    right: Int32Array.from(spec.right),
    value: Float64Array.from(spec.value),
    cover: Float64Array.from(spec.cover),
  };
  validateTree(fn, tree, Infinity);
  return tree;
}

/**
 * Check the structure of a tree (reachability, pre-order children, finite leaf values and thresholds,
 * non-negative covers, split features below `nFeatures`); returns its depth (root only = 0).
 *
 * @param fn caller name for error messages
 * @throws {RangeError} naming the node and the offending value
 * @example
 * ```ts
 * const t = decisionTree({ feature: [-1], threshold: [0], left: [-1], right: [-1], value: [2], cover: [1] });
 * console.assert(validateTree("demo", t, 1) === 0);
 * ```
 */
export function validateTree(fn: string, t: DecisionTree, nFeatures: number): number {
  const m = t.feature.length;
  let depthMax = 0;
  const depth = new Int32Array(m);
  const seen = new Uint8Array(m);
  seen[0] = 1;
  for (let i = 0; i < m; i++) {
    if (!seen[i]) throw new RangeError(`${fn}: node ${i} is not reachable from the root`);
    if (!(t.cover[i] >= 0) || !Number.isFinite(t.cover[i])) {
      throw new RangeError(`${fn}: cover of node ${i} must be finite and >= 0, got ${t.cover[i]}`);
    }
    if (t.feature[i] < 0) {
      if (t.left[i] !== -1 || t.right[i] !== -1) {
        throw new RangeError(
          `${fn}: leaf node ${i} (feature -1) must have children -1, got ${t.left[i]}, ${t.right[i]}`,
        );
      }
      if (!Number.isFinite(t.value[i])) throw new RangeError(`${fn}: leaf ${i} value is ${t.value[i]}`);
      continue;
    }
    if (t.feature[i] >= nFeatures) {
      throw new RangeError(`${fn}: node ${i} splits on feature ${t.feature[i]} but there are ${nFeatures} features`);
    }
    if (Number.isNaN(t.threshold[i])) throw new RangeError(`${fn}: node ${i} threshold is NaN`);
    for (const c of [t.left[i], t.right[i]]) {
      if (!(c > i && c < m) || seen[c]) {
        throw new RangeError(`${fn}: node ${i} has child ${c}; children must be unused indices in (${i}, ${m})`);
      }
      seen[c] = 1;
      depth[c] = depth[i] + 1;
      if (depth[c] > depthMax) depthMax = depth[c];
    }
  }
  return depthMax;
}

/**
 * Prediction of one tree for row `row` of the row-major matrix `x` (row length = at least the largest feature + 1).
 *
 * @example
 * ```ts
 * const t = decisionTree({ feature: [-1], threshold: [0], left: [-1], right: [-1], value: [2], cover: [1] });
 * console.assert(predictTree(t, new Float64Array(1), 0) === 2);
 * ```
 */
export function predictTree(tree: DecisionTree, x: Float64Array, rowOffset: number): number {
  let j = 0;
  while (tree.feature[j] >= 0) j = x[rowOffset + tree.feature[j]] < tree.threshold[j] ? tree.left[j] : tree.right[j];
  return tree.value[j];
}

/**
 * Mean prediction of the ensemble for each row of `x` (`n × d`, `d = ensemble.nFeatures`).
 *
 * @throws {RangeError} on mismatched dimensions or non-finite rows
 * @example
 * ```ts
 * const t = decisionTree({ feature: [-1], threshold: [0], left: [-1], right: [-1], value: [2], cover: [1] });
 * const y = predictEnsemble({ trees: [t], nFeatures: 1 }, Float64Array.of(5), 1, 1);
 * console.assert(y[0] === 2);
 * ```
 */
export function predictEnsemble(ensemble: TreeEnsemble, x: Float64Array, n: number, d: number): Float64Array {
  checkEnsemble("predictEnsemble", ensemble, d);
  checkMatrix("predictEnsemble", "x", x, n, d);
  const out = new Float64Array(n);
  const inv = 1 / ensemble.trees.length;
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (const t of ensemble.trees) s += predictTree(t, x, i * d);
    out[i] = s * inv;
  }
  return out;
}

/**
 * Check that `ensemble` is a non-empty tree ensemble over `d` features; returns each tree's depth.
 *
 * @throws {TypeError} when `ensemble` is not a TreeEnsemble
 * @throws {RangeError} when it has no trees, `nFeatures !== d`, or a tree is malformed
 * @example
 * ```ts
 * const t = decisionTree({ feature: [-1], threshold: [0], left: [-1], right: [-1], value: [2], cover: [1] });
 * console.assert(checkEnsemble("demo", { trees: [t], nFeatures: 3 }, 3)[0] === 0);
 * ```
 */
export function checkEnsemble(fn: string, ensemble: TreeEnsemble, d: number): Int32Array {
  if (ensemble === null || typeof ensemble !== "object" || !Array.isArray(ensemble.trees)) {
    throw new TypeError(`${fn}: ensemble must be a TreeEnsemble { trees, nFeatures }, got ${String(ensemble)}`);
  }
  if (ensemble.trees.length === 0) throw new RangeError(`${fn}: ensemble has no trees`);
  if (ensemble.nFeatures !== d) {
    throw new RangeError(`${fn}: ensemble has nFeatures = ${ensemble.nFeatures} but x has d = ${d} columns`);
  }
  const depths = new Int32Array(ensemble.trees.length);
  for (let t = 0; t < ensemble.trees.length; t++) depths[t] = validateTree(`${fn} (tree ${t})`, ensemble.trees[t], d);
  return depths;
}
