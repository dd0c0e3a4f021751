/**
 * The 3-class "raise / keep / lower" label: whether the margin should move up,
 * stay, or move down relative to the baseline (multiplier 1) by more than a
 * dead band.
 * @module
 */

/** Class codes of {@link actionLabels}. */
export const ACTION = Object.freeze({ lower: 0, keep: 1, raise: 2 });

/**
 * Label each target multiplier `m*_t` (e.g. from
 * `backtestOptimalMultiplier`) against `reference` (default 1):
 * `raise` (2) if `m* > reference + band`, `lower` (0) if `m* < reference − band`,
 * else `keep` (1); `NaN` targets give `-1` (no label).
 *
 * @throws {RangeError} when `band` is negative or not finite
 * @example
 * ```ts
 * const y = actionLabels(Float64Array.of(1.3, 1.0, 0.85, NaN), { band: 0.05 }); // [2, 1, 0, -1]
 * ```
 */
export function actionLabels(target: Float64Array, opts: { band?: number; reference?: number } = {}): Int8Array {
  const band = opts.band ?? 0.05, ref = opts.reference ?? 1;
  if (!Number.isFinite(band) || band < 0) {
    throw new RangeError(`actionLabels: band must be finite and ≥ 0, got ${band}`);
  }
  if (!Number.isFinite(ref)) throw new RangeError(`actionLabels: reference must be finite, got ${ref}`);
  const out = new Int8Array(target.length);
  for (let i = 0; i < target.length; i++) {
    const m = target[i];
    out[i] = Number.isNaN(m) ? -1 : m > ref + band ? ACTION.raise : m < ref - band ? ACTION.lower : ACTION.keep;
  }
  return out;
}
