/**
 * Mean and sample sd ({@link meanSd}) of chosen numeric keys over runs (e.g. one evaluation per seed),
 * in the order of `keys`.
 *
 * @example
 * ```ts
 * import { meanSdByKey } from "./mean_sd_by_key.ts";
 * const s = meanSdByKey([{ a: 1, b: 5 }, { a: 3, b: 5 }], ["b", "a"]);
 * console.assert(s.a.mean === 2 && s.b.sd === 0 && Object.keys(s).join() === "b,a");
 * ```
 * @module
 */
import { meanSd } from "../core/stats.ts";

/**
 * `{ [k]: meanSd(runs.map((r) => r[k])) }` for each key of `keys`, in that order.
 *
 * @throws {RangeError} on no runs, or a run without a number under a key
 * @example
 * ```ts
 * import { meanSdByKey } from "./mean_sd_by_key.ts";
 * console.assert(meanSdByKey([{ x: 2 }], ["x"]).x.n === 1);
 * ```
 */
export function meanSdByKey<T, K extends keyof T & string>(
  runs: readonly T[],
  keys: readonly K[],
): Record<K, { mean: number; sd: number; n: number }> {
  if (!Array.isArray(runs) || runs.length === 0) throw new RangeError("meanSdByKey: no runs");
  const out = {} as Record<K, { mean: number; sd: number; n: number }>;
  for (const k of keys) {
    out[k] = meanSd(runs.map((r, i) => {
      const v = r[k];
      if (typeof v !== "number") throw new RangeError(`meanSdByKey: run ${i} has no number "${k}"`);
      return v;
    }));
  }
  return out;
}
