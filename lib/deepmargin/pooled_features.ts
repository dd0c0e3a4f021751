/**
 * Pooled token features (issue 15, DeepMargin v2 baselines): a fixed-width vector per portfolio from its variable
 * number of position tokens — per token feature the sum, the mean and the maximum over the positions — followed by
 * the context token. Permutation-invariant, like the transformer's pooling, so the ridge and tree baselines of δ
 * (`fitRidgeDelta`, `fitForestDelta` in `delta_baselines.ts`) see the same information as the network,
 * without attention. Works for any token layout (the v1 tokenizer's or the anchor tokenizer's): the widths are
 * arguments.
 *
 * Layout of one row (width `3·tokenWidth + contextWidth`): `[sum_0..sum_{w−1}, mean_0..mean_{w−1},
 * max_0..max_{w−1}, context_0..context_{c−1}]`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { pooledFeatures } from "./pooled_features.ts";
 * const t = { n: 2, tokens: Float32Array.of(1, 2, 3, -4), context: Float32Array.of(9) };
 * assert.deepEqual(Array.from(pooledFeatures(t, 2, 1)), [4, -2, 2, -1, 3, 2, 9]);
 * ```
 * @module
 */

/** What {@link pooledFeatures} reads of a tokenized portfolio (`Tokens` fits). */
export interface TokenSet {
  /** Number of positions (≥ 1). */
  n: number;
  /** `n × tokenWidth`, row-major. */
  tokens: ArrayLike<number>;
  /** `contextWidth` values. */
  context: ArrayLike<number>;
}

/**
 * Width of a pooled row: `3·tokenWidth + contextWidth`.
 *
 * @example
 * ```ts
 * import { pooledWidth } from "./pooled_features.ts";
 * pooledWidth(38, 22); // 136
 * ```
 */
export function pooledWidth(tokenWidth: number, contextWidth: number): number {
  return 3 * tokenWidth + contextWidth;
}

/**
 * Pooled features of one portfolio (float64 sums in position order).
 *
 * @throws {RangeError} when the widths are not positive integers (context may be 0), `n < 1`, or the arrays'
 *   lengths do not match `n` and the widths
 * @example
 * ```ts
 * import { pooledFeatures } from "./pooled_features.ts";
 * pooledFeatures({ n: 1, tokens: [5], context: [] }, 1, 0); // [5, 5, 5]
 * ```
 */
export function pooledFeatures(
  t: TokenSet,
  tokenWidth: number,
  contextWidth: number,
  out: Float64Array = new Float64Array(pooledWidth(tokenWidth, contextWidth)),
): Float64Array {
  const fn = "pooledFeatures";
  if (!Number.isInteger(tokenWidth) || tokenWidth < 1) {
    throw new RangeError(`${fn}: tokenWidth must be an integer >= 1, got ${tokenWidth}`);
  }
  if (!Number.isInteger(contextWidth) || contextWidth < 0) {
    throw new RangeError(`${fn}: contextWidth must be an integer >= 0, got ${contextWidth}`);
  }
  if (!Number.isInteger(t.n) || t.n < 1) throw new RangeError(`${fn}: n must be an integer >= 1, got ${t.n}`);
  if (t.tokens.length !== t.n * tokenWidth) {
    throw new RangeError(`${fn}: tokens has ${t.tokens.length} values, expected n × tokenWidth = ${t.n * tokenWidth}`);
  }
  if (t.context.length !== contextWidth) {
    throw new RangeError(`${fn}: context has ${t.context.length} values, expected contextWidth = ${contextWidth}`);
  }
  const w = tokenWidth;
  if (out.length !== pooledWidth(w, contextWidth)) {
    throw new RangeError(`${fn}: out has ${out.length} values, expected ${pooledWidth(w, contextWidth)}`);
  }
  for (let j = 0; j < w; j++) {
    let s = 0, m = -Infinity;
    for (let i = 0; i < t.n; i++) {
      const v = t.tokens[i * w + j];
      s += v;
      if (v > m) m = v;
    }
    out[j] = s;
    out[w + j] = s / t.n;
    out[2 * w + j] = m;
  }
  for (let j = 0; j < contextWidth; j++) out[3 * w + j] = t.context[j];
  return out;
}

/**
 * Pooled features of many portfolios as one row-major matrix (`rows × pooledWidth`).
 *
 * @throws {RangeError} as {@link pooledFeatures}, naming the portfolio
 * @example
 * ```ts
 * import { pooledMatrix } from "./pooled_features.ts";
 * const x = pooledMatrix([{ n: 1, tokens: [1], context: [0] }, { n: 2, tokens: [1, 3], context: [1] }], 1, 1);
 * x.length; // 2 rows × 4
 * ```
 */
export function pooledMatrix(list: readonly TokenSet[], tokenWidth: number, contextWidth: number): Float64Array {
  const d = pooledWidth(tokenWidth, contextWidth);
  const x = new Float64Array(list.length * d);
  list.forEach((t, i) => {
    try {
      pooledFeatures(t, tokenWidth, contextWidth, x.subarray(i * d, (i + 1) * d));
    } catch (err) {
      throw new RangeError(`pooledMatrix: portfolio ${i}: ${(err as Error).message}`);
    }
  });
  return x;
}
