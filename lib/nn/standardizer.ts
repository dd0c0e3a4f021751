/**
 * Column standardisation fitted on the training split only.
 * @module
 */

/** Per-column mean and standard deviation (sd of a constant column is 1). */
export interface Standardizer {
  readonly mean: Float64Array;
  readonly sd: Float64Array;
}

/**
 * Fit column means and sds of an n × d frame.
 *
 * @example
 * ```ts
 * const s = fitStandardizer(Float64Array.of(1, 3), 1); // mean [2], sd [1]
 * ```
 */
export function fitStandardizer(x: Float64Array, d: number): Standardizer {
  const n = x.length / d;
  const mean = new Float64Array(d), sd = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) mean[j] += x[i * d + j];
  for (let j = 0; j < d; j++) mean[j] /= n;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) {
      const u = x[i * d + j] - mean[j];
      sd[j] += u * u;
    }
  }
  for (let j = 0; j < d; j++) {
    const s = Math.sqrt(sd[j] / n);
    sd[j] = s > 1e-12 ? s : 1;
  }
  return { mean, sd };
}

/**
 * Apply a standardizer, returning a new Float32Array (the tfjs input type).
 *
 * @example
 * ```ts
 * const z = standardize(Float64Array.of(1, 3), { mean: Float64Array.of(2), sd: Float64Array.of(1) }); // [-1, 1]
 * ```
 */
export function standardize(x: Float64Array, s: Standardizer): Float32Array {
  const d = s.mean.length;
  const out = new Float32Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const j = i % d;
    out[i] = (x[i] - s.mean[j]) / s.sd[j];
  }
  return out;
}
