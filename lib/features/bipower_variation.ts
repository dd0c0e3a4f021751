/**
 * Jump indicators from bipower variation (Barndorff-Nielsen & Shephard).
 * Over a window of `w` returns ending at t:
 * `RV = Σ r_i²`, `BV = (π/2) · w/(w−1) · Σ_{i} |r_i||r_{i−1}|` (the `w−1` adjacent pairs
 * inside the window). BV is robust to a few large returns, RV is not, so
 * `jumpRatio = max(0, 1 − BV/RV)` estimates the share of variance due to jumps.
 * `jumpFlag_t = 1` when `|r_t| > c · √(BV_{t−1}/w)` (today's return against the
 * jump-robust daily vol of the previous window), else 0.
 *
 * @example
 * ```ts
 * import { jumpRatio } from "./bipower_variation.ts";
 * jumpRatio(Float64Array.of(0.01, -0.01, 0.2, 0.01, -0.01), 5)[4]; // large: one jump dominates
 * ```
 * @module
 */
import { checkInt } from "../core/check.ts";

/**
 * Rolling bipower variation (sum over the window, same scale as `Σ r²`).
 *
 * @example
 * ```ts
 * const r = Float64Array.from({ length: 60 }, (_, i) => 0.02 * Math.sin(i * 1.7));
 * bipowerVariation(r, 20);
 * ```
 */
export function bipowerVariation(r: Float64Array, window: number): Float64Array {
  checkInt("bipowerVariation", "window", window, 2);
  const n = r.length;
  const out = new Float64Array(n).fill(NaN);
  const c = (Math.PI / 2) * (window / (window - 1));
  for (let t = window - 1; t < n; t++) {
    let s = 0;
    for (let i = t - window + 2; i <= t; i++) s += Math.abs(r[i]) * Math.abs(r[i - 1]);
    out[t] = c * s;
  }
  return out;
}

/**
 * `max(0, 1 − BV/RV)` over the window (0 when RV = 0).
 *
 * @example
 * ```ts
 * const r = Float64Array.from({ length: 60 }, (_, i) => 0.02 * Math.sin(i * 1.7));
 * jumpRatio(r, 20);
 * ```
 */
export function jumpRatio(r: Float64Array, window: number): Float64Array {
  checkInt("jumpRatio", "window", window, 2);
  const bv = bipowerVariation(r, window);
  const n = r.length;
  const out = new Float64Array(n).fill(NaN);
  for (let t = window - 1; t < n; t++) {
    let rv = 0;
    for (let i = t - window + 1; i <= t; i++) rv += r[i] * r[i];
    if (Number.isNaN(rv) || Number.isNaN(bv[t])) continue;
    out[t] = rv > 0 ? Math.max(0, 1 - bv[t] / rv) : 0;
  }
  return out;
}

/**
 * 1 when `|r_t| > threshold · √(BV_{t−1}/w)`, else 0 (NaN without a full previous window).
 *
 * @throws {RangeError} when threshold ≤ 0
 * @example
 * ```ts
 * const r = Float64Array.from({ length: 60 }, (_, i) => 0.02 * Math.sin(i * 1.7));
 * jumpFlag(r, 20, 4);
 * ```
 */
export function jumpFlag(r: Float64Array, window: number, threshold = 4): Float64Array {
  checkInt("jumpFlag", "window", window, 2);
  if (!(threshold > 0)) throw new RangeError(`jumpFlag: threshold must be > 0, got ${threshold}`);
  const bv = bipowerVariation(r, window);
  const n = r.length;
  const out = new Float64Array(n).fill(NaN);
  for (let t = window; t < n; t++) {
    const b = bv[t - 1], x = r[t];
    if (Number.isNaN(b) || Number.isNaN(x)) continue;
    out[t] = Math.abs(x) > threshold * Math.sqrt(b / window) ? 1 : 0;
  }
  return out;
}
