/**
 * Seed ensembles of multiplier series: the pointwise mean of the runs of one
 * model over seeds (the "ensemble" that is tested where a single series is
 * needed), and the pointwise range over seeds (the band drawn around it).
 *
 * @example
 * ```ts
 * import { seedBand, seedEnsemble } from "./seed_ensemble.ts";
 * const runs = [Float64Array.of(1, 2), Float64Array.of(3, 2)];
 * seedEnsemble(runs); // Float64Array [2, 2]
 * seedBand(runs).hi; // Float64Array [3, 2]
 * ```
 * @module
 */

function checkRuns(fn: string, runs: readonly Float64Array[]): number {
  if (!Array.isArray(runs) || runs.length === 0) throw new RangeError(`${fn}: no runs`);
  const n = runs[0].length;
  runs.forEach((r, k) => {
    if (!(r instanceof Float64Array) || r.length !== n) {
      throw new RangeError(`${fn}: run ${k} has length ${r?.length}, run 0 has ${n}`);
    }
  });
  return n;
}

/**
 * Pointwise mean of the runs, accumulated run by run as `Σ_k run_k[i] / K`.
 *
 * @throws {RangeError} on no runs or runs of different lengths
 * @example
 * ```ts
 * seedEnsemble([Float64Array.of(1), Float64Array.of(2)])[0]; // 1.5
 * ```
 */
export function seedEnsemble(runs: readonly Float64Array[]): Float64Array {
  const n = checkRuns("seedEnsemble", runs);
  const out = new Float64Array(n);
  for (const a of runs) for (let i = 0; i < n; i++) out[i] += a[i] / runs.length;
  return out;
}

/**
 * Pointwise smallest and largest value over the runs.
 *
 * @throws {RangeError} on no runs or runs of different lengths
 * @example
 * ```ts
 * seedBand([Float64Array.of(1, 5), Float64Array.of(2, 4)]); // { lo: [1, 4], hi: [2, 5] }
 * ```
 */
export function seedBand(runs: readonly Float64Array[]): { lo: Float64Array; hi: Float64Array } {
  const n = checkRuns("seedBand", runs);
  const lo = runs[0].slice(), hi = runs[0].slice();
  for (const m of runs) {
    for (let i = 0; i < n; i++) {
      lo[i] = Math.min(lo[i], m[i]);
      hi[i] = Math.max(hi[i], m[i]);
    }
  }
  return { lo, hi };
}
