/**
 * How far two local attributions of the same row agree (e.g. LIME against KernelSHAP): Spearman's rank
 * correlation of their absolute values, the overlap of their top features and whether those agree in sign.
 * @module
 */
import { importanceOrder, orderAgreement } from "./importance_ranking.ts";

/** Result of {@link limeAgreement}. */
export interface LimeAgreement {
  /** Spearman rank correlation of |a| and |b| (ties broken by feature index, as {@link importanceOrder}). */
  spearmanAbs: number;
  /** Number of features in both top-`top` sets by |value| (0 … top). */
  topOverlap: number;
  /** Among `b`'s top-`top` features, the share where `a` has the same sign (a zero matches only a zero). */
  topSignAgreement: number;
}

/**
 * Compare attribution vectors `a` and `b` of one row (`d ≥ 2` features, same order), using the `top` largest
 * |values| (default 3, at most d).
 *
 * @throws {RangeError} when the vectors differ in length, d < 2, an entry is not finite or `top` is not in [1, d]
 * @example
 * ```ts
 * import { limeAgreement } from "./lime_agreement.ts";
 * const g = limeAgreement(Float64Array.of(3, -2, 0.1, 0), Float64Array.of(2.5, -3, 0, 0.2), 2);
 * console.assert(g.topOverlap === 2 && g.topSignAgreement === 1 && g.spearmanAbs === 0.6);
 * ```
 */
export function limeAgreement(a: ArrayLike<number>, b: ArrayLike<number>, top = 3): LimeAgreement {
  const d = a.length;
  if (b.length !== d || d < 2) {
    throw new RangeError(`limeAgreement: need two attributions of one length ≥ 2, got ${a.length} and ${b.length}`);
  }
  for (let j = 0; j < d; j++) {
    if (!Number.isFinite(a[j]) || !Number.isFinite(b[j])) {
      throw new RangeError(`limeAgreement: feature ${j} is not finite (a = ${a[j]}, b = ${b[j]})`);
    }
  }
  if (!Number.isInteger(top) || top < 1 || top > d) {
    throw new RangeError(`limeAgreement: top must be an integer in [1, ${d}], got ${top}`);
  }
  const abs = (v: ArrayLike<number>) => Float64Array.from(v, Math.abs);
  const oa = importanceOrder(abs(a)), ob = importanceOrder(abs(b));
  const ta = new Set(oa.slice(0, top)), tb = ob.slice(0, top);
  return {
    spearmanAbs: orderAgreement(oa, ob),
    topOverlap: tb.filter((j) => ta.has(j)).length,
    topSignAgreement: tb.filter((j) => Math.sign(a[j]) === Math.sign(b[j])).length / top,
  };
}
