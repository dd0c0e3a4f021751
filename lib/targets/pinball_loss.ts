/**
 * The pinball (quantile) loss, the project's one copy: `ρ_τ(y − q) = max(τ·(y − q), (τ − 1)·(y − q))` of a
 * quantile forecast `q` (a multiplier `m`) against the outcome `y` (the ratio `r`) at level `τ`. It is the strictly
 * consistent scoring function for the τ-quantile, so a model trained on it learns the multiplier that gives τ
 * coverage. Per element ({@link pinballLosses}, e.g. for the Diebold–Mariano test), as a mean ({@link pinballLoss},
 * training and evaluation) and as a loss function of a fixed level ({@link pinballLossAt}, permutation importance).
 *
 * @example
 * ```ts
 * import { pinballLoss, pinballLosses } from "./pinball_loss.ts";
 * console.assert(pinballLosses([2, 0], [1, 1], 0.99)[0] === 0.99);
 * console.assert(pinballLoss([1, 2], [1, 1], 0.9) === 0.45);
 * ```
 * @module
 */
import { checkConfidence, checkFinitePair } from "../core/check.ts";

/** `ρ_τ(u)` of one residual `u = y − q`. */
function rho(u: number, tau: number): number {
  return u >= 0 ? tau * u : (tau - 1) * u;
}

/**
 * Elementwise pinball losses `ρ_τ(y_t − q_t)`.
 *
 * @throws {RangeError} on non-finite values, mismatched or empty series, `tau` outside (0, 1)
 * @example
 * ```ts
 * import { pinballLosses } from "./pinball_loss.ts";
 * const l = pinballLosses([2, 0], [1, 1], 0.99); // [0.99, 0.01]
 * console.assert(l.length === 2);
 * ```
 */
export function pinballLosses(y: ArrayLike<number>, q: ArrayLike<number>, tau: number): Float64Array {
  const fn = "pinballLosses";
  checkConfidence(fn, tau, "tau");
  checkFinitePair(fn, "y", y, "q", q);
  const out = new Float64Array(y.length);
  for (let t = 0; t < y.length; t++) out[t] = rho(y[t] - q[t], tau);
  return out;
}

/**
 * Mean pinball loss `mean_t ρ_τ(y_t − q_t)` (non-finite values propagate to NaN).
 *
 * @throws {RangeError} on length mismatch, empty input or `tau` outside (0, 1)
 * @example
 * ```ts
 * import { pinballLoss } from "./pinball_loss.ts";
 * const l = pinballLoss(Float64Array.of(1, 2), Float64Array.of(1, 1), 0.9); // 0.45
 * console.assert(l === 0.45);
 * ```
 */
export function pinballLoss(y: ArrayLike<number>, q: ArrayLike<number>, tau: number): number {
  checkConfidence("pinballLoss", tau, "tau");
  if (y.length !== q.length || y.length === 0) {
    throw new RangeError(`pinballLoss: y has ${y.length} values but q has ${q.length} (need equal length, > 0)`);
  }
  let s = 0;
  for (let i = 0; i < y.length; i++) s += rho(y[i] - q[i], tau);
  return s / y.length;
}

/**
 * The mean pinball loss at a fixed level as a function of `(y, q)`, the loss shape that permutation importance
 * takes.
 *
 * @throws {RangeError} when `tau` is not in (0, 1) (at once), or later on mismatched series
 * @example
 * ```ts
 * import { pinballLossAt } from "./pinball_loss.ts";
 * const loss = pinballLossAt(0.99);
 * console.assert(Math.abs(loss(Float64Array.of(2), Float64Array.of(1)) - 0.99) < 1e-15);
 * ```
 */
export function pinballLossAt(tau: number): (y: Float64Array, q: Float64Array) => number {
  checkConfidence("pinballLossAt", tau, "tau");
  return (y, q) => pinballLoss(y, q, tau);
}

/**
 * Breach rate: the share of `t` with `r_t > m_t` (loss exceeds `m_t·IM_t`).
 *
 * @example
 * ```ts
 * import { breachRate } from "./pinball_loss.ts";
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
