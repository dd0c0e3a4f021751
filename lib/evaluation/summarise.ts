/**
 * Summaries of a metric over repeated runs (seeds, market paths): mean, sample
 * standard deviation, min and max (docs/architecture.md §1.5: "every stochastic result is
 * reported over ≥ 5 seeds as mean ± sd").
 *
 * @example
 * ```ts
 * import { summarise, summariseRuns } from "./summarise.ts";
 * summarise([1, 3]); // { mean: 2, sd: 1.414…, min: 1, max: 3, n: 2 }
 * summariseRuns([{ a: 1, b: 2 }, { a: 3, b: 2 }]).a.mean; // 2
 * ```
 * @module
 */
import { meanSd } from "../core/stats.ts";

/** Mean, sample sd (n − 1; 0 for one value), min, max and count of numbers. */
export interface Summary {
  mean: number;
  sd: number;
  min: number;
  max: number;
  n: number;
}

function checkList(fn: string, v: readonly number[]): void {
  if (!Array.isArray(v) || v.length === 0) throw new RangeError(`${fn}: empty list`);
}

/**
 * `meanSd` (lib/core/stats.ts) plus the smallest and largest value.
 *
 * @throws {RangeError} on an empty list
 * @example
 * ```ts
 * summarise([2, 4, 9]).max; // 9
 * ```
 */
export function summarise(v: readonly number[]): Summary {
  checkList("summarise", v);
  const { mean, sd, n } = meanSd(v);
  return { mean, sd, min: Math.min(...v), max: Math.max(...v), n };
}

/**
 * Per-key {@link summarise} over runs that report the same metric keys (those of the first run).
 *
 * @throws {RangeError} on no runs, or a run that lacks a key of the first one
 * @example
 * ```ts
 * const s = summariseRuns([{ pinball: 0.1 }, { pinball: 0.3 }]);
 * s.pinball.mean; // 0.2
 * ```
 */
export function summariseRuns<K extends string>(runs: readonly Record<K, number>[]): Record<K, Summary> {
  if (!Array.isArray(runs) || runs.length === 0) throw new RangeError("summariseRuns: no runs");
  const out = {} as Record<K, Summary>;
  for (const k of Object.keys(runs[0]) as K[]) {
    const v = runs.map((r, i) => {
      if (typeof r[k] !== "number") throw new RangeError(`summariseRuns: run ${i} has no number "${k}"`);
      return r[k];
    });
    out[k] = summarise(v);
  }
  return out;
}
