/**
 * Exceptions and margin relative to a benchmark within groups of rows (e.g.
 * test years): for each group g (in order of first appearance), the number of
 * rows with loss > m·IM and Σ m·IM / Σ bench·IM over the group's rows.
 *
 * @example
 * ```ts
 * import { groupBreakdown } from "./group_breakdown.ts";
 * const b = groupBreakdown({
 *   loss: Float64Array.of(3, 0, 1), im: Float64Array.of(2, 2, 2), m: Float64Array.of(1, 1, 1.5),
 *   bench: Float64Array.of(1, 1, 1), groups: [2020, 2020, 2021],
 * });
 * console.assert(b.y2020.exceptions === 1 && b.y2021.marginRatio === 1.5);
 * ```
 * @module
 */

/** Inputs of {@link groupBreakdown}; arrays of one length. */
export interface GroupBreakdownInput {
  loss: Float64Array;
  im: Float64Array;
  m: Float64Array;
  bench: Float64Array;
  /** Group of each row. */
  groups: readonly number[];
  /** Key prefix (default "y": `y2020`). */
  prefix?: string;
}

/** One group's numbers. */
export interface GroupStats {
  exceptions: number;
  marginRatio: number;
}

/**
 * Per group `<prefix><g>`: exceptions and margin ratio.
 *
 * @throws {RangeError} on arrays of different lengths
 * @example
 * ```ts
 * import { groupBreakdown } from "./group_breakdown.ts";
 * const one = Float64Array.of(1);
 * console.assert(groupBreakdown({ loss: one, im: one, m: one, bench: one, groups: [1], prefix: "g" }).g1.exceptions === 0);
 * ```
 */
export function groupBreakdown(e: GroupBreakdownInput): Record<string, GroupStats> {
  const n = e.m.length;
  for (const k of ["loss", "im", "bench", "groups"] as const) {
    if (e[k].length !== n) throw new RangeError(`groupBreakdown: ${k} has ${e[k].length} values, m has ${n}`);
  }
  const o: Record<string, GroupStats> = {};
  for (const y of new Set(e.groups)) {
    let c = 0, a = 0, b = 0;
    for (let i = 0; i < n; i++) {
      if (e.groups[i] !== y) continue;
      if (e.loss[i] > e.m[i] * e.im[i]) c++;
      a += e.m[i] * e.im[i];
      b += e.bench[i] * e.im[i];
    }
    o[`${e.prefix ?? "y"}${y}`] = { exceptions: c, marginRatio: a / b };
  }
  return o;
}
