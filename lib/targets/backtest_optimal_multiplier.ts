/**
 * The backtest-optimal multiplier: for each `t`, the smallest `m` such that
 * the breach rate of `m·IM` over the forward window `[t+1, t+W]` is at most
 * `1 − τ` — an MSE-regression target alternative to the pinball quantile.
 * @module
 */
import { clipMultiplier } from "./bounded_multiplier.ts";
import { validateBounds, validateTau } from "./target_config.ts";

/** Options of {@link backtestOptimalMultiplier}. */
export interface BacktestOptimalOptions {
  /** Forward window length `W` (days), an integer ≥ 1. */
  readonly window: number;
  /** Quantile level τ, default 0.99. */
  readonly tau?: number;
  /** Lower bound, default 0.8. */
  readonly mMin?: number;
  /** Upper bound, default 1.5. */
  readonly mMax?: number;
}

/**
 * For each `t`: with `k = ⌊(1−τ)·W⌋` allowed breaches, the smallest `m` with
 * `#{s ∈ [t+1, t+W] : r_s > m} ≤ k` is the `(k+1)`-th largest ratio in the
 * window; it is clipped to the bounds. Entries whose window runs past the end
 * (or contains a `NaN` ratio) are `NaN`.
 *
 * @throws {RangeError} on invalid window, tau or bounds
 * @example
 * ```ts
 * const r = Float64Array.of(0.5, 1.0, 1.2, 0.9, 1.1);
 * const m = backtestOptimalMultiplier(r, { window: 2, tau: 0.99 }); // [1.2, 1.2, 1.1, NaN, NaN]
 * ```
 */
export function backtestOptimalMultiplier(r: Float64Array, opts: BacktestOptimalOptions): Float64Array {
  const W = opts.window, tau = opts.tau ?? 0.99, mMin = opts.mMin ?? 0.8, mMax = opts.mMax ?? 1.5;
  if (!Number.isInteger(W) || W < 1) {
    throw new RangeError(`backtestOptimalMultiplier: window must be an integer ≥ 1, got ${W}`);
  }
  validateTau(tau);
  validateBounds(mMin, mMax);
  const n = r.length;
  const k = Math.floor((1 - tau) * W + 1e-9);
  const out = new Float64Array(n).fill(NaN);
  const buf = new Float64Array(W);
  for (let t = 0; t + W < n; t++) {
    let ok = true;
    for (let j = 0; j < W; j++) {
      const v = r[t + 1 + j];
      if (Number.isNaN(v)) {
        ok = false;
        break;
      }
      buf[j] = v;
    }
    if (!ok) continue;
    buf.sort();
    out[t] = clipMultiplier(buf[W - 1 - Math.min(k, W - 1)], mMin, mMax);
  }
  return out;
}
