/**
 * Permutation feature importance (Breiman 2001; model-agnostic form of Fisher, Rudin & Dominici 2019): the increase
 * of a loss when one feature's column is shuffled, breaking its link with the target, repeated with independent
 * seeded permutations and summarised by mean and sample standard deviation.
 * @module
 */

import { permutation, type Prng } from "../core/prng.ts";
import { checkInt } from "../core/check.ts";
import { meanSd } from "../core/stats.ts";
import { checkFeature, checkFunction, checkMatrix } from "./_checks.ts";
import { callPredict, checkPredictInput, type PredictFn } from "./predict_fn.ts";

/** A loss between targets `y` and predictions `yhat` (same length); lower is better. */
export type LossFn = (y: Float64Array, yhat: Float64Array) => number;

/** Options for {@link permutationImportance}. */
export interface PermutationImportanceOptions {
  /** Loss to compare, e.g. `pinballLossAt(0.99)` from lib/targets; lower is better. */
  loss: LossFn;
  /** Seeded generator for the permutations. */
  prng: Prng;
  /** Independent permutations per feature (default 5). */
  repeats?: number;
  /** Features to score (default all `0..d−1`). */
  features?: ArrayLike<number>;
  /** Largest number of rows passed to one `predict` call (default 262144). */
  maxBatchRows?: number;
}

/** Result of {@link permutationImportance}; arrays are aligned with `features`. */
export interface PermutationImportanceResult {
  /** Loss of the unpermuted data. */
  baselineLoss: number;
  /** Scored feature indices. */
  features: Int32Array;
  /** Mean loss increase per feature. */
  mean: Float64Array;
  /** Sample standard deviation (n − 1) of the increase across repeats; 0 when `repeats` is 1. */
  sd: Float64Array;
  /** Every increase, `features.length × repeats` row-major. */
  increases: Float64Array;
  repeats: number;
}

/**
 * Permutation importance of the columns of `x` (`n × d` row-major) for targets `y` (length `n`). Each repeat
 * batches the permuted copies of all scored features into as few `predict` calls as `maxBatchRows` allows.
 *
 * @throws {TypeError} when `predict`/`loss` are not functions or arrays are not Float64Arrays
 * @throws {RangeError} on mismatched dimensions, non-finite values, a bad feature index or a non-finite loss
 * @example
 * ```ts
 * import type { PredictFn } from "./predict_fn.ts";
 * import { createPrng } from "../core/prng.ts";
 * import { pinballLossAt } from "../targets/pinball_loss.ts";
 * const f: PredictFn = (x, n) => { const y = new Float64Array(n); for (let i = 0; i < n; i++) y[i] = x[i * 2]; return y; };
 * const x = Float64Array.of(0, 5, 1, 3, 2, 9, 3, 1), y = Float64Array.of(0, 1, 2, 3);
 * const r = await permutationImportance(f, x, y, 4, 2, { loss: pinballLossAt(0.5), prng: createPrng(1) });
 * console.assert(r.mean[1] === 0 && r.mean[0] > 0);
 * ```
 */
export async function permutationImportance(
  predict: PredictFn,
  x: Float64Array,
  y: Float64Array,
  n: number,
  d: number,
  options: PermutationImportanceOptions,
): Promise<PermutationImportanceResult> {
  const fn = "permutationImportance";
  checkPredictInput(fn, predict, x, n, d);
  checkMatrix(fn, "y", y, n, 1);
  if (options === null || typeof options !== "object") throw new TypeError(`${fn}: options must be an object`);
  checkFunction(fn, "options.loss", options.loss);
  const { prng, loss } = options;
  if (prng === null || typeof prng !== "object" || typeof prng.int !== "function") {
    throw new TypeError(`${fn}: options.prng must be a Prng from createPrng, got ${String(prng)}`);
  }
  const repeats = checkInt(fn, "options.repeats", options.repeats ?? 5, 1);
  const maxBatchRows = checkInt(fn, "options.maxBatchRows", options.maxBatchRows ?? 262144, 1);
  const features = options.features === undefined
    ? Int32Array.from({ length: d }, (_, j) => j)
    : Int32Array.from(Array.from(options.features, (f, i) => checkFeature(fn, `options.features[${i}]`, f, d)));
  const nf = features.length;
  if (nf === 0) throw new RangeError(`${fn}: options.features is empty`);

  const evalLoss = (yhat: Float64Array, what: string): number => {
    const l = loss(y, yhat);
    if (typeof l !== "number" || !Number.isFinite(l)) throw new RangeError(`${fn}: loss returned ${l} for ${what}`);
    return l;
  };
  const baselineLoss = evalLoss(await callPredict(fn, predict, x, n, d), "the unpermuted data");
  const increases = new Float64Array(nf * repeats);
  const perCall = Math.max(1, Math.floor(maxBatchRows / n));
  const buf = new Float64Array(Math.min(nf, perCall) * n * d);
  for (let r = 0; r < repeats; r++) {
    for (let f0 = 0; f0 < nf; f0 += perCall) {
      const f1 = Math.min(nf, f0 + perCall);
      const rows = (f1 - f0) * n;
      const batch = buf.subarray(0, rows * d);
      for (let f = f0; f < f1; f++) {
        const col = features[f], perm = permutation(n, prng), o = (f - f0) * n * d;
        batch.set(x, o);
        for (let i = 0; i < n; i++) batch[o + i * d + col] = x[perm[i] * d + col];
      }
      const yhat = await callPredict(fn, predict, batch, rows, d);
      for (let f = f0; f < f1; f++) {
        const l = evalLoss(yhat.subarray((f - f0) * n, (f - f0 + 1) * n), `feature ${features[f]} (repeat ${r})`);
        increases[f * repeats + r] = l - baselineLoss;
      }
    }
  }
  const mean = new Float64Array(nf), sd = new Float64Array(nf);
  for (let f = 0; f < nf; f++) {
    const s = meanSd(increases.subarray(f * repeats, (f + 1) * repeats));
    mean[f] = s.mean;
    sd[f] = s.sd;
  }
  return { baselineLoss, features, mean, sd, increases, repeats };
}
