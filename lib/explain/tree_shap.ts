/**
 * Exact path-dependent TreeSHAP (Lundberg, Erion & Lee 2018, "Consistent individualized feature attribution
 * for tree ensembles", Algorithm 2), in polynomial time O(L·D²) per tree and row.
 *
 * The value function is the path-dependent conditional expectation of Algorithm 1: for a coalition S the row
 * follows its own split direction at nodes splitting on a feature in S, and at other nodes both children are
 * followed, weighted by their share of the training cover. The algorithm walks every root-to-leaf path once,
 * maintaining for each feature on the path the fraction of "zero" (feature absent: cover share) and "one"
 * (feature present: 1 if x goes this way, else 0) paths, together with the permutation weights of all subset
 * sizes; a feature met twice on a path is first removed ("unwound") and re-added with the product of its
 * fractions. For an ensemble whose prediction is the mean of its trees, φ is the mean of the trees' φ.
 * @module
 */

import { checkMatrix } from "./_checks.ts";
import { checkEnsemble, type DecisionTree, predictTree, type TreeEnsemble } from "./tree_ensemble.ts";

/** Result of {@link treeShap}. */
export interface TreeShapResult {
  /** Shapley values, `n × d` row-major. */
  values: Float64Array;
  n: number;
  d: number;
  /** Expected prediction under the cover distribution (the ensemble mean of each tree's cover-weighted leaf mean). */
  baseValue: number;
  /** Model prediction per row; `Σ_j values[i,j] + baseValue = predictions[i]` (local accuracy). */
  predictions: Float64Array;
}

/** Probability of going to `child` from `parent` when the split feature is unknown. */
function coverShare(t: DecisionTree, child: number, sibling: number): number {
  const a = t.cover[child], b = t.cover[sibling];
  return a + b > 0 ? a / (a + b) : 0.5;
}

/**
 * Cover-weighted mean leaf value of a tree below `node` (the value of the empty coalition, φ's base value).
 *
 * @example
 * ```ts
 * import { decisionTree } from "./tree_ensemble.ts";
 * const t = decisionTree({
 *   feature: [0, -1, -1], threshold: [0.5, 0, 0], left: [1, -1, -1], right: [2, -1, -1],
 *   value: [0, 1, 3], cover: [4, 1, 3],
 * });
 * console.assert(treeExpectedValue(t) === 2.5);
 * ```
 */
export function treeExpectedValue(t: DecisionTree, node = 0): number {
  if (t.feature[node] < 0) return t.value[node];
  const l = t.left[node], r = t.right[node];
  const pl = coverShare(t, l, r);
  return pl * treeExpectedValue(t, l) + (1 - pl) * treeExpectedValue(t, r);
}

/**
 * Work buffers for one tree walk: the path at recursion depth `k` lives at offset `k·stride`
 * (feature index, zero fraction, one fraction, permutation weight).
 */
class PathBuffers {
  readonly stride: number;
  readonly feat: Int32Array;
  readonly zero: Float64Array;
  readonly one: Float64Array;
  readonly w: Float64Array;
  constructor(maxDepth: number) {
    this.stride = maxDepth + 2;
    const size = this.stride * (maxDepth + 2);
    this.feat = new Int32Array(size);
    this.zero = new Float64Array(size);
    this.one = new Float64Array(size);
    this.w = new Float64Array(size);
  }
}

/** Append (feature, z, o) to the path of length `len` at offset `o0`, updating the subset-size weights. */
function extend(p: PathBuffers, o0: number, len: number, z: number, o: number, feature: number): void {
  p.feat[o0 + len] = feature;
  p.zero[o0 + len] = z;
  p.one[o0 + len] = o;
  p.w[o0 + len] = len === 0 ? 1 : 0;
  for (let i = len - 1; i >= 0; i--) {
    p.w[o0 + i + 1] += (o * p.w[o0 + i] * (i + 1)) / (len + 1);
    p.w[o0 + i] = (z * p.w[o0 + i] * (len - i)) / (len + 1);
  }
}

/** Remove element `idx` from the path of length `len` at offset `o0` (inverse of `extend`). */
function unwind(p: PathBuffers, o0: number, len: number, idx: number): void {
  const o = p.one[o0 + idx], z = p.zero[o0 + idx];
  let next = p.w[o0 + len - 1];
  for (let j = len - 2; j >= 0; j--) {
    if (o !== 0) {
      const t = p.w[o0 + j];
      p.w[o0 + j] = (next * len) / ((j + 1) * o);
      next = t - (p.w[o0 + j] * z * (len - j - 1)) / len;
    } else {
      p.w[o0 + j] = (p.w[o0 + j] * len) / (z * (len - j - 1));
    }
  }
  for (let j = idx; j < len - 1; j++) {
    p.feat[o0 + j] = p.feat[o0 + j + 1];
    p.zero[o0 + j] = p.zero[o0 + j + 1];
    p.one[o0 + j] = p.one[o0 + j + 1];
  }
}

/** Sum of the weights the path would have after unwinding element `idx` (without modifying it). */
function unwoundSum(p: PathBuffers, o0: number, len: number, idx: number): number {
  const o = p.one[o0 + idx], z = p.zero[o0 + idx];
  let total = 0;
  if (o !== 0) {
    let next = p.w[o0 + len - 1];
    for (let j = len - 2; j >= 0; j--) {
      const t = (next * len) / ((j + 1) * o);
      total += t;
      next = p.w[o0 + j] - (t * z * (len - j - 1)) / len;
    }
  } else {
    for (let j = len - 2; j >= 0; j--) total += (p.w[o0 + j] * len) / (z * (len - j - 1));
  }
  return total;
}

function recurse(
  t: DecisionTree,
  x: Float64Array,
  xo: number,
  phi: Float64Array,
  po: number,
  p: PathBuffers,
  node: number,
  depth: number,
  parentLen: number,
  z: number,
  o: number,
  feature: number,
): void {
  const o0 = depth * p.stride;
  if (depth > 0) {
    const from = o0 - p.stride;
    p.feat.copyWithin(o0, from, from + parentLen);
    p.zero.copyWithin(o0, from, from + parentLen);
    p.one.copyWithin(o0, from, from + parentLen);
    p.w.copyWithin(o0, from, from + parentLen);
  }
  let len = parentLen;
  extend(p, o0, len, z, o, feature);
  len++;
  const f = t.feature[node];
  if (f < 0) {
    const v = t.value[node];
    for (let i = 1; i < len; i++) {
      const oi = p.one[o0 + i], zi = p.zero[o0 + i];
      if (oi === zi) continue;
      phi[po + p.feat[o0 + i]] += unwoundSum(p, o0, len, i) * (oi - zi) * v;
    }
    return;
  }
  const goLeft = x[xo + f] < t.threshold[node];
  const hot = goLeft ? t.left[node] : t.right[node];
  const cold = goLeft ? t.right[node] : t.left[node];
  let iz = 1, io = 1;
  for (let k = 1; k < len; k++) {
    if (p.feat[o0 + k] === f) {
      iz = p.zero[o0 + k];
      io = p.one[o0 + k];
      unwind(p, o0, len, k);
      len--;
      break;
    }
  }
  const hotShare = coverShare(t, hot, cold);
  // A branch whose zero and one fractions are both 0 is reached by no coalition (and would divide 0 by 0 when
  // unwound): skip it. The cold branch always has one-fraction 0; the hot one has io = 0 when x already went the
  // other way at an earlier split on the same feature.
  const hotZero = iz * hotShare, coldZero = iz * (1 - hotShare);
  if (hotZero > 0 || io > 0) recurse(t, x, xo, phi, po, p, hot, depth + 1, len, hotZero, io, f);
  if (coldZero > 0) recurse(t, x, xo, phi, po, p, cold, depth + 1, len, coldZero, 0, f);
}

/**
 * Path-dependent TreeSHAP values of a tree ensemble (mean of trees) for the rows of `x` (`n × d` row-major,
 * `d = ensemble.nFeatures`). Exact: equals the Shapley values of Algorithm 1's value function, averaged over trees.
 *
 * @throws {TypeError} when `ensemble` is not a TreeEnsemble or `x` is not a Float64Array
 * @throws {RangeError} on mismatched dimensions, non-finite rows or a malformed tree
 * @example
 * ```ts
 * import { decisionTree } from "./tree_ensemble.ts";
 * const t = decisionTree({
 *   feature: [0, -1, -1], threshold: [0.5, 0, 0], left: [1, -1, -1], right: [2, -1, -1],
 *   value: [0, 1, 3], cover: [4, 2, 2],
 * });
 * const r = treeShap({ trees: [t], nFeatures: 1 }, Float64Array.of(0.9), 1, 1);
 * console.assert(r.baseValue === 2 && r.values[0] === 1 && r.predictions[0] === 3);
 * ```
 */
export function treeShap(ensemble: TreeEnsemble, x: Float64Array, n: number, d: number): TreeShapResult {
  const depths = checkEnsemble("treeShap", ensemble, d);
  checkMatrix("treeShap", "x", x, n, d);
  const nt = ensemble.trees.length;
  let maxDepth = 0;
  for (let i = 0; i < nt; i++) maxDepth = Math.max(maxDepth, depths[i]);
  const buffers = new PathBuffers(maxDepth);
  const values = new Float64Array(n * d);
  const predictions = new Float64Array(n);
  let baseValue = 0;
  for (const t of ensemble.trees) baseValue += treeExpectedValue(t);
  baseValue /= nt;
  const inv = 1 / nt;
  for (let i = 0; i < n; i++) {
    let pred = 0;
    for (const t of ensemble.trees) {
      recurse(t, x, i * d, values, i * d, buffers, 0, 0, 0, 1, 1, -1);
      pred += predictTree(t, x, i * d);
    }
    predictions[i] = pred * inv;
    for (let j = i * d; j < i * d + d; j++) values[j] *= inv;
  }
  return { values, n, d, baseValue, predictions };
}
