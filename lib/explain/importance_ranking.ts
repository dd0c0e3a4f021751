/**
 * Rankings of feature importance and how two of them agree: the order of the
 * features by decreasing importance ({@link importanceOrder}), Spearman's rank
 * correlation of two orders ({@link orderAgreement}) and the share of the total
 * importance held by a subset of the features ({@link importanceShare}).
 *
 * @example
 * ```ts
 * import { importanceOrder, orderAgreement } from "./importance_ranking.ts";
 * const a = importanceOrder(Float64Array.of(0.1, 0.5, 0.3)); // [1, 2, 0]
 * console.assert(a.join() === "1,2,0" && orderAgreement(a, a) === 1);
 * ```
 * @module
 */

/**
 * Feature indices by decreasing importance; ties by increasing index.
 *
 * @example
 * ```ts
 * import { importanceOrder } from "./importance_ranking.ts";
 * console.assert(importanceOrder(Float64Array.of(2, 2, 3)).join() === "2,0,1");
 * ```
 */
export function importanceOrder(v: Float64Array): number[] {
  return Array.from(v.keys()).sort((a, b) => v[b] - v[a] || a - b);
}

/**
 * Spearman's rank correlation of two orders of the same `d ≥ 2` features (permutations of `0..d−1`):
 * 1 − 6 Σ (rank_a − rank_b)² / (d (d² − 1)).
 *
 * @throws {RangeError} when the orders are not permutations of one `0..d−1`, d ≥ 2
 * @example
 * ```ts
 * import { orderAgreement } from "./importance_ranking.ts";
 * console.assert(orderAgreement([0, 1, 2], [2, 1, 0]) === -1);
 * ```
 */
export function orderAgreement(a: readonly number[], b: readonly number[]): number {
  const d = a.length;
  const isPerm = (o: readonly number[]) =>
    o.length === d && new Set(o).size === d && o.every((j) => Number.isInteger(j) && j >= 0 && j < d);
  if (d < 2 || !isPerm(a) || !isPerm(b)) {
    throw new RangeError(`orderAgreement: need two orders of the same d ≥ 2 features, got [${a}] and [${b}]`);
  }
  const ra = new Array(d), rb = new Array(d);
  a.forEach((j, k) => ra[j] = k);
  b.forEach((j, k) => rb[j] = k);
  let s2 = 0;
  for (let j = 0; j < d; j++) s2 += (ra[j] - rb[j]) ** 2;
  return 1 - 6 * s2 / (d * (d * d - 1));
}

/**
 * Σ importance of the features named in `subset` / Σ importance of all (`v` aligned with `names`).
 *
 * @throws {RangeError} when `v` and `names` differ in length
 * @example
 * ```ts
 * import { importanceShare } from "./importance_ranking.ts";
 * console.assert(importanceShare(Float64Array.of(1, 3), ["a", "b"], ["b"]) === 0.75);
 * ```
 */
export function importanceShare(v: Float64Array, names: readonly string[], subset: readonly string[]): number {
  if (v.length !== names.length) {
    throw new RangeError(`importanceShare: ${v.length} values but ${names.length} names`);
  }
  let a = 0, t = 0;
  names.forEach((f, j) => {
    t += v[j];
    if (subset.includes(f)) a += v[j];
  });
  return a / t;
}

/** Result of {@link importanceTable}. */
export interface ImportanceTable<K extends string, E extends string> {
  /** Per ranked score, the feature indices by decreasing importance ({@link importanceOrder}). */
  orders: Record<K, number[]>;
  /** Per feature name: every score and extra value at that feature, and `rank<Score>` (1 = most important). */
  rows: Record<string, Record<K | E | `rank${Capitalize<K>}`, number>>;
}

/**
 * Per feature, the importance under each method of `ranked` (ranked too) and the `extra` values (e.g. their sds).
 *
 * @throws {RangeError} when a vector's length differs from `names`
 * @example
 * ```ts
 * import { importanceTable } from "./importance_ranking.ts";
 * const t = importanceTable(["a", "b"], { shap: Float64Array.of(1, 2) }, { shapSd: Float64Array.of(0, 0.1) });
 * console.assert(t.rows.b.rankShap === 1 && t.rows.a.shapSd === 0 && t.orders.shap.join() === "1,0");
 * ```
 */
export function importanceTable<K extends string, E extends string = never>(
  names: readonly string[],
  ranked: Record<K, Float64Array>,
  extra: Record<E, Float64Array> = {} as Record<E, Float64Array>,
): ImportanceTable<K, E> {
  for (const [k, v] of Object.entries<Float64Array>({ ...ranked, ...extra })) {
    if (v.length !== names.length) {
      throw new RangeError(`importanceTable: "${k}" has ${v.length} values, ${names.length} names`);
    }
  }
  const orders = Object.fromEntries(
    Object.entries<Float64Array>(ranked).map(([k, v]) => [k, importanceOrder(v)]),
  ) as Record<K, number[]>;
  const rows: ImportanceTable<K, E>["rows"] = {};
  names.forEach((f, j) => {
    const row: Record<string, number> = {};
    for (const [k, v] of Object.entries<Float64Array>({ ...ranked, ...extra })) row[k] = v[j];
    for (const [k, o] of Object.entries<number[]>(orders)) {
      row[`rank${k[0].toUpperCase()}${k.slice(1)}`] = o.indexOf(j) + 1;
    }
    rows[f] = row as ImportanceTable<K, E>["rows"][string];
  });
  return { orders, rows };
}
