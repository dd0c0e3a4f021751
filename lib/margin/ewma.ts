/**
 * Exponentially weighted (RiskMetrics) volatility `σ²(t) = λ·σ²(t−1) + (1 − λ)·x²`, the project's one copy, in
 * the two conventions its callers use (chosen by `convention`):
 *
 * - `"forecast"` (default; FHS scaling, the DeepMargin market day): `σ(t)` uses changes strictly before `t` and is
 *   the one-step forecast for change `t`; the result has one more entry than the input, the last being today's
 *   forecast for tomorrow. The seed `σ(0)` is `init` if given, else the root mean square of the first
 *   `initWindow` changes (default 20) — the only look-ahead, confined to the start of the history. Every change
 *   must be finite.
 * - `"filter"` (the `ewma_vol` feature): `σ(t)` includes change `t`; the recursion starts at the first finite
 *   change with `σ² = x²` (no look-ahead: no sample mean of later changes); a NaN change (series ended) ends it and
 *   a later finite change restarts it. Values are reported from the `minPeriods`-th change of a run on (NaN
 *   before); the result has as many entries as the input.
 *
 * Both report `√(annualization · σ²)` (default annualization 1).
 *
 * @example
 * ```ts
 * import { ewmaVol } from "./ewma.ts";
 * const v = ewmaVol([0.01, -0.02, 0.015], { lambda: 0.94 });
 * console.assert(v.length === 4); // v[3] is today's vol
 * const f = ewmaVol(Float64Array.of(NaN, 0.01, 0.02), { convention: "filter", annualization: 252 });
 * console.assert(Number.isNaN(f[0]) && f.length === 3);
 * ```
 * @module
 */
import { checkFiniteArray, checkInt, checkRange } from "../core/check.ts";

/** Options of {@link ewmaVol}. */
export interface EwmaOptions {
  /** Decay λ in [0, 1). Default 0.94. */
  lambda?: number;
  /** `"forecast"` (σ(t) from changes before t; default) or `"filter"` (σ(t) includes change t). */
  convention?: "forecast" | "filter";
  /** Factor under the square root (e.g. 252 for an annualized daily vol). Default 1. */
  annualization?: number;
  /** Forecast only: seed volatility σ(0) ≥ 0; default: RMS of the first `initWindow` changes. */
  init?: number;
  /** Forecast only: number of changes for the default seed. Default 20 (capped at the series length). */
  initWindow?: number;
  /** Filter only: changes of a run before a value is reported (integer ≥ 1). Default 1. */
  minPeriods?: number;
}

/**
 * EWMA volatility of `changes`: `n + 1` forecasts `σ(0..n)` (`"forecast"`) or `n` filtered values (`"filter"`).
 *
 * @throws {RangeError} on λ outside [0, 1), a bad `annualization`, `init`, `initWindow` or `minPeriods`; in the
 *   forecast convention also on an empty or non-finite series
 * @example
 * ```ts
 * import { ewmaVol } from "./ewma.ts";
 * const v = ewmaVol([1, 1, 1], { lambda: 0.5, init: 1 }); // [1, 1, 1, 1]
 * console.assert(v[3] === 1);
 * ```
 */
export function ewmaVol(changes: ArrayLike<number>, opts: EwmaOptions = {}): Float64Array {
  const fn = "ewmaVol";
  const convention = opts.convention ?? "forecast";
  if (convention !== "forecast" && convention !== "filter") {
    throw new RangeError(`${fn}: convention must be "forecast" or "filter", got ${String(convention)}`);
  }
  const lambda = opts.lambda ?? 0.94;
  checkRange(fn, "lambda", lambda, 0, 1);
  if (lambda === 1) throw new RangeError(`${fn}: lambda must be < 1, got 1`);
  const annualization = checkRange(fn, "annualization", opts.annualization ?? 1, 0, Infinity);
  const forecast = convention === "forecast";
  const minPeriods = forecast ? 1 : checkInt(fn, "minPeriods", opts.minPeriods ?? 1, 1);
  const n = changes.length;
  const out = new Float64Array(forecast ? n + 1 : n).fill(NaN);
  // v: current variance; count: terms in the current run (the forecast seed counts as one).
  let v = NaN, count = 0;
  if (forecast) {
    checkFiniteArray(fn, "changes", changes);
    if (n === 0) throw new RangeError(`${fn}: changes is empty`);
    if (opts.init !== undefined) {
      checkRange(fn, "init", opts.init, 0, Infinity);
      v = opts.init * opts.init;
    } else {
      const w = Math.min(n, opts.initWindow ?? 20);
      checkInt(fn, "initWindow", w, 1);
      let s = 0;
      for (let i = 0; i < w; i++) s += changes[i] * changes[i];
      v = s / w;
    }
    count = 1;
    out[0] = Math.sqrt(annualization * v);
  }
  const shift = forecast ? 1 : 0;
  for (let t = 0; t < n; t++) {
    const x = changes[t];
    if (Number.isNaN(x)) {
      v = NaN;
      count = 0;
      continue;
    }
    v = count === 0 ? x * x : lambda * v + (1 - lambda) * x * x;
    count++;
    if (count >= minPeriods) out[t + shift] = Math.sqrt(annualization * v);
  }
  return out;
}
