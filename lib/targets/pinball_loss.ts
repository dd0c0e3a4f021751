/**
 * Pinball (quantile) loss of a multiplier `m` against the ratio `r` at level
 * `tau`: `ρ_τ(r − m) = max(τ·(r − m), (τ − 1)·(r − m))`. Its minimiser over
 * `m` is the τ-quantile of `r`, so a model trained on it learns the multiplier
 * that gives τ coverage.
 * @module
 */
import { validateTau } from "./target_config.ts";

/**
 * Mean pinball loss `mean_t ρ_τ(r_t − m_t)`.
 *
 * @throws {RangeError} on length mismatch, empty input or `tau ∉ (0,1)`
 * @example
 * ```ts
 * const l = pinballLoss(Float64Array.of(1, 2), Float64Array.of(1, 1), 0.9); // 0.45
 * ```
 */
export function pinballLoss(r: Float64Array, m: Float64Array, tau: number): number {
  validateTau(tau);
  if (r.length !== m.length) throw new RangeError(`pinballLoss: r length ${r.length} ≠ m length ${m.length}`);
  if (r.length === 0) throw new RangeError("pinballLoss: empty input");
  let s = 0;
  for (let i = 0; i < r.length; i++) {
    const u = r[i] - m[i];
    s += u >= 0 ? tau * u : (tau - 1) * u;
  }
  return s / r.length;
}

/**
 * Breach rate: the share of `t` with `r_t > m_t` (loss exceeds `m_t·IM_t`).
 *
 * @example
 * ```ts
 * console.assert(breachRate(Float64Array.of(1, 2), Float64Array.of(1.5, 1.5)) === 0.5);
 * ```
 */
export function breachRate(r: Float64Array, m: Float64Array): number {
  if (r.length !== m.length) throw new RangeError(`breachRate: r length ${r.length} ≠ m length ${m.length}`);
  if (r.length === 0) throw new RangeError("breachRate: empty input");
  let k = 0;
  for (let i = 0; i < r.length; i++) if (r[i] > m[i]) k++;
  return k / r.length;
}
