/**
 * Exponentially weighted (RiskMetrics) volatility of a series of changes.
 *
 * `σ²(t+1) = λ·σ²(t) + (1 − λ)·x(t)²`, so `σ(t)` uses changes strictly before
 * `t` and is the one-step forecast for change `t`; the returned array has one
 * more entry than the input, the last being today's forecast for tomorrow.
 * The seed `σ(0)` is `init` if given, else the root mean square of the first
 * `initWindow` changes (default 20) — the only look-ahead, confined to the
 * start of the history.
 *
 * @example
 * ```ts
 * import { ewmaVol } from "./ewma.ts";
 * const v = ewmaVol([0.01, -0.02, 0.015], { lambda: 0.94 });
 * v.length; // 4; v[3] is today's vol
 * ```
 * @module
 */
import { checkFiniteArray, checkInt, checkRange } from "../core/check.ts";

/** Options of {@link ewmaVol}. */
export interface EwmaOptions {
  /** Decay λ in [0, 1). Default 0.94. */
  lambda?: number;
  /** Seed volatility σ(0) ≥ 0; default: RMS of the first `initWindow` changes. */
  init?: number;
  /** Number of changes for the default seed. Default 20 (capped at the series length). */
  initWindow?: number;
}

/**
 * EWMA volatility forecasts `σ(0..n)` for `n` changes.
 *
 * @throws {RangeError} on an empty or non-finite series, λ outside [0, 1), negative `init`
 * @example
 * ```ts
 * ewmaVol([1, 1, 1], { lambda: 0.5, init: 1 }); // [1, 1, 1, 1]
 * ```
 */
export function ewmaVol(changes: ArrayLike<number>, opts: EwmaOptions = {}): Float64Array {
  const fn = "ewmaVol";
  checkFiniteArray(fn, "changes", changes);
  const n = changes.length;
  if (n === 0) throw new RangeError(`${fn}: changes is empty`);
  const lambda = opts.lambda ?? 0.94;
  checkRange(fn, "lambda", lambda, 0, 1);
  if (lambda === 1) throw new RangeError(`${fn}: lambda must be < 1, got 1`);
  let v2: number;
  if (opts.init !== undefined) {
    checkRange(fn, "init", opts.init, 0, Infinity);
    v2 = opts.init * opts.init;
  } else {
    const w = Math.min(n, opts.initWindow ?? 20);
    checkInt(fn, "initWindow", w, 1);
    let s = 0;
    for (let i = 0; i < w; i++) s += changes[i] * changes[i];
    v2 = s / w;
  }
  const out = new Float64Array(n + 1);
  out[0] = Math.sqrt(v2);
  for (let t = 0; t < n; t++) {
    v2 = lambda * v2 + (1 - lambda) * changes[t] * changes[t];
    out[t + 1] = Math.sqrt(v2);
  }
  return out;
}
