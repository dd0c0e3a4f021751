/**
 * Filtered historical simulation (Barone-Adesi et al. 1999; Hull–White 1998):
 * each risk factor's daily changes are devolatilized by their own EWMA
 * volatility forecast and re-volatilized with today's volatility, then summed
 * (absolute) or compounded (relative) into overlapping h-day scenarios.
 *
 * With daily changes `c(t)` and EWMA forecasts `σ(t)` (see `ewma.ts`), the
 * filtered change is `c̃(t) = c(t) · σ* / σ(t)` with today's vol
 * `σ* = max(σ(today), floor)`. The optional floor (`volFloor` absolute, or
 * `volFloorFraction` × the average EWMA vol over the history) stops the margin
 * from collapsing after long calm periods — an anti-procyclicality device.
 *
 * Absolute mode: `c(t) = P(t) − P(t−1)`, h-day scenario `Σ c̃`.
 * Relative mode: `c(t) = P(t)/P(t−1) − 1`, h-day scenario `(Π(1 + c̃) − 1)·P(today)`.
 *
 * @example
 * ```ts
 * import { buildFhsScenarios } from "./fhs.ts";
 * import { hsVarEsBatch } from "./hs.ts";
 * import { createMatrix } from "./matrix.ts";
 * const prices = [Array.from({ length: 300 }, (_, i) => 70 + Math.sin(i / 5))];
 * const { scenarios } = buildFhsScenarios(prices, { mpor: 2, lookback: 250, lambda: 0.94 });
 * const es = hsVarEsBatch(createMatrix(1, 1, [1000]), scenarios, 0.99).es[0];
 * ```
 * @module
 */
import { ewmaVol } from "./ewma.ts";
import type { Matrix } from "./matrix.ts";
import { type ScenarioMode, scenarioWindow } from "./scenarios.ts";
import { checkRange } from "../core/check.ts";

/** Options of {@link buildFhsScenarios}. */
export interface FhsOptions {
  /** Margin period of risk h ≥ 1 (days). Default 1. */
  mpor?: number;
  /** Number of h-day scenarios ending today. Default: all available (`T − h`). */
  lookback?: number;
  /** `absolute` (price differences, default) or `relative` (returns × today's price). */
  mode?: ScenarioMode;
  /** EWMA decay λ in [0, 1). Default 0.94. */
  lambda?: number;
  /** Absolute floor on today's vol (units of the daily change). Default 0 (none). */
  volFloor?: number;
  /** Floor on today's vol as a fraction of the factor's mean EWMA vol over the whole history. Default 0 (none). */
  volFloorFraction?: number;
}

/** Result of {@link buildFhsScenarios}. */
export interface FhsScenarios {
  /** `nFactors × lookback` filtered h-day scenario changes (oldest first). */
  scenarios: Matrix;
  /** Today's volatility per factor after the floor (σ*). */
  todayVol: Float64Array;
  /** Today's raw EWMA volatility per factor (before the floor). */
  rawVol: Float64Array;
}

/**
 * Filtered-HS scenarios per risk factor.
 *
 * @throws {RangeError} on bad prices (unequal lengths, non-finite, non-positive in relative mode),
 *   `mpor`/`lookback` < 1 or too long for the history, λ outside [0, 1), negative floors
 * @example
 * ```ts
 * const r = buildFhsScenarios([[100, 101, 100, 102, 101]], { lookback: 3, volFloor: 0.5 });
 * r.todayVol[0] >= 0.5; // true
 * ```
 */
export function buildFhsScenarios(prices: readonly ArrayLike<number>[], opts: FhsOptions = {}): FhsScenarios {
  const fn = "buildFhsScenarios";
  const { T, h, mode, lookback } = scenarioWindow(fn, prices, opts);
  const lambda = opts.lambda ?? 0.94;
  checkRange(fn, "lambda", lambda, 0, 1);
  if (lambda === 1) throw new RangeError(`${fn}: lambda must be < 1, got 1`);
  const volFloor = opts.volFloor ?? 0;
  checkRange(fn, "volFloor", volFloor, 0, Infinity);
  const volFloorFraction = opts.volFloorFraction ?? 0;
  checkRange(fn, "volFloorFraction", volFloorFraction, 0, Infinity);

  const F = prices.length, n = T - 1;
  const data = new Float64Array(F * lookback);
  const todayVol = new Float64Array(F), rawVol = new Float64Array(F);
  const c = new Float64Array(n), ct = new Float64Array(n);
  for (let f = 0; f < F; f++) {
    const p = prices[f];
    for (let t = 1; t < T; t++) {
      if (mode === "absolute") c[t - 1] = p[t] - p[t - 1];
      else {
        if (!(p[t - 1] > 0)) {
          throw new RangeError(
            `${fn}: relative mode needs positive prices, got prices[${f}][${t - 1}] = ${
              p[t - 1]
            } (use mode "absolute")`,
          );
        }
        c[t - 1] = p[t] / p[t - 1] - 1;
      }
    }
    const sig = ewmaVol(c, { lambda });
    let mean = 0;
    for (let t = 0; t < n; t++) mean += sig[t];
    mean /= n;
    const star = Math.max(sig[n], volFloor, volFloorFraction * mean);
    rawVol[f] = sig[n];
    todayVol[f] = star;
    for (let t = 0; t < n; t++) ct[t] = sig[t] > 0 ? c[t] * (star / sig[t]) : 0;
    const today = p[T - 1];
    for (let s = 0; s < lookback; s++) {
      const end = n - lookback + s; // last daily change in the window
      let acc = mode === "absolute" ? 0 : 1;
      for (let i = end - h + 1; i <= end; i++) {
        if (mode === "absolute") acc += ct[i];
        else acc *= 1 + ct[i];
      }
      data[f * lookback + s] = mode === "absolute" ? acc : (acc - 1) * today;
    }
  }
  return { scenarios: { rows: F, cols: lookback, data }, todayVol, rawVol };
}
