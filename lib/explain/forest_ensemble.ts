/**
 * Convert a trained `ml-random-forest` `RandomForestRegression` (v2.1.0, trees from `ml-cart` 2.1.1) into a
 * {@link TreeEnsemble} for TreeSHAP.
 *
 * What the library stores (read from its sources): each estimator is a `DecisionTreeRegression` whose `root` is a
 * `TreeNode`; an internal node has `splitColumn`, `splitValue`, `left` and `right` (a row goes left when
 * `row[splitColumn] < splitValue`), a leaf has `distribution` (the mean training target). Each tree is trained on
 * a column subset: `forest.indexes[t][j]` is the global feature of the tree's local column `j`. The forest
 * prediction (selectionMethod "mean") is the mean of the trees.
 *
 * Cover: `ml-cart` keeps `numberSamples` on internal nodes only (not on leaves, and not after `load`), and the
 * forest does not keep each tree's bootstrap sample. Covers are therefore recomputed by passing the rows of
 * `coverData` (normally the forest's training matrix) through every tree. With sample bagging this is the
 * expected in-bag count (each bootstrap draws from these rows) rather than the realised one; TreeSHAP is then
 * exact for the path-dependent value function with those covers, and local accuracy holds either way.
 * @module
 */

import { checkMatrix } from "./_checks.ts";
import type { DecisionTree, TreeEnsemble } from "./tree_ensemble.ts";

/** The parts of an `ml-cart` tree node that are read. */
interface CartNode {
  splitColumn?: number;
  splitValue?: number;
  left?: CartNode;
  right?: CartNode;
  distribution?: unknown;
}

/** The parts of a trained `ml-random-forest` regression forest that are read (structural type). */
export interface MlRandomForestLike {
  estimators?: ReadonlyArray<{ root?: unknown }>;
  indexes?: ReadonlyArray<ReadonlyArray<number>>;
  selectionMethod?: string;
  isClassifier?: boolean;
  numberFeatures?: number;
}

function flattenCart(
  fn: string,
  root: CartNode,
  local: ReadonlyArray<number>,
  d: number,
): DecisionTree {
  const nodes: CartNode[] = [root];
  const feature: number[] = [], threshold: number[] = [], left: number[] = [], right: number[] = [];
  const value: number[] = [];
  for (let i = 0; i < nodes.length; i++) {
    const node = nodes[i];
    if (node.left && node.right) {
      const col = node.splitColumn;
      const g = typeof col === "number" ? local[col] : undefined;
      if (g === undefined || !Number.isInteger(g) || g < 0 || g >= d) {
        throw new RangeError(`${fn}: node ${i} splits on local column ${col} which maps to feature ${g} (d = ${d})`);
      }
      if (typeof node.splitValue !== "number" || Number.isNaN(node.splitValue)) {
        throw new TypeError(`${fn}: node ${i} has split value ${node.splitValue}`);
      }
      feature.push(g);
      threshold.push(node.splitValue);
      left.push(nodes.length);
      nodes.push(node.left);
      right.push(nodes.length);
      nodes.push(node.right);
      value.push(0);
    } else {
      if (typeof node.distribution !== "number" || !Number.isFinite(node.distribution)) {
        throw new TypeError(
          `${fn}: leaf ${i} has distribution ${String(node.distribution)}; expected a regression mean`,
        );
      }
      feature.push(-1);
      threshold.push(0);
      left.push(-1);
      right.push(-1);
      value.push(node.distribution);
    }
  }
  const m = nodes.length;
  return {
    feature: Int32Array.from(feature),
    threshold: Float64Array.from(threshold),
    left: Int32Array.from(left),
    right: Int32Array.from(right),
    value: Float64Array.from(value),
    cover: new Float64Array(m),
  };
}

/**
 * Convert a trained `RandomForestRegression` (mean selection) into a {@link TreeEnsemble} over `d` global
 * features, with node covers counted from `coverData` (`n × d`, row-major; normally the training matrix).
 *
 * @throws {TypeError} when `forest` is not a trained regression forest with mean selection
 * @throws {RangeError} on mismatched dimensions, non-finite rows or an empty `coverData`
 * @example
 * ```ts
 * import { RandomForestRegression } from "ml-random-forest";
 * const X = [[0, 1], [1, 0], [2, 1], [3, 0], [4, 1], [5, 0]], y = [0, 0, 1, 1, 2, 2];
 * const rf = new RandomForestRegression({ nEstimators: 3, noOOB: true, seed: 1 });
 * rf.train(X, y);
 * const ens = forestToEnsemble(rf, Float64Array.from(X.flat()), 6, 2);
 * console.assert(ens.trees.length === 3 && ens.nFeatures === 2);
 * ```
 */
export function forestToEnsemble(
  forest: MlRandomForestLike,
  coverData: Float64Array,
  n: number,
  d: number,
): TreeEnsemble {
  const fn = "forestToEnsemble";
  if (forest === null || typeof forest !== "object" || !Array.isArray(forest.estimators)) {
    throw new TypeError(`${fn}: forest must be a trained ml-random-forest RandomForestRegression (no estimators)`);
  }
  if (forest.isClassifier) {
    throw new TypeError(`${fn}: forest is a classifier; only RandomForestRegression is supported`);
  }
  if (forest.selectionMethod !== undefined && forest.selectionMethod !== "mean") {
    throw new TypeError(
      `${fn}: forest.selectionMethod is "${forest.selectionMethod}"; TreeSHAP needs "mean" (a median is not additive)`,
    );
  }
  if (!Array.isArray(forest.indexes) || forest.indexes.length !== forest.estimators.length) {
    throw new TypeError(
      `${fn}: forest.indexes must list the feature subset of each of the ${forest.estimators.length} trees`,
    );
  }
  if (forest.estimators.length === 0) throw new RangeError(`${fn}: forest has no trees`);
  if (forest.numberFeatures !== undefined && forest.numberFeatures !== d) {
    throw new RangeError(`${fn}: forest was trained on ${forest.numberFeatures} features but d = ${d}`);
  }
  checkMatrix(fn, "coverData", coverData, n, d);
  const trees: DecisionTree[] = [];
  for (let t = 0; t < forest.estimators.length; t++) {
    const root = forest.estimators[t]?.root;
    if (root === null || typeof root !== "object") throw new TypeError(`${fn}: estimator ${t} has no root node`);
    const tree = flattenCart(`${fn} (tree ${t})`, root as CartNode, forest.indexes[t], d);
    for (let i = 0; i < n; i++) {
      let j = 0;
      tree.cover[0]++;
      while (tree.feature[j] >= 0) {
        j = coverData[i * d + tree.feature[j]] < tree.threshold[j] ? tree.left[j] : tree.right[j];
        tree.cover[j]++;
      }
    }
    trees.push(tree);
  }
  return { trees, nFeatures: d };
}
