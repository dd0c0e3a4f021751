/**
 * Historical scenario construction: overlapping `h`-day changes of each risk
 * factor over a lookback ending today.
 *
 * - `absolute`: `ΔP = P(t) − P(t−h)` in price units (works with negative prices);
 * - `relative`: `(P(t)/P(t−h) − 1) · P(today)`, the return scaled to today's
 *   price (needs `P(t−h) > 0`).
 *
 * Scenario `s = 0` is the oldest window, `s = lookback − 1` the most recent
 * (ending today). Overlapping windows are serially dependent; the backtest
 * module's overlapping traffic light accounts for that.
 *
 * @example
 * ```ts
 * import { buildScenarios } from "./scenarios.ts";
 * const sc = buildScenarios([[100, 101, 99, 102]], { mpor: 2, lookback: 2 });
 * Array.from(sc.data); // [-1, 1]  (99−100, 102−101)
 * ```
 * @module
 */
import type { Matrix } from "./matrix.ts";
import { checkFiniteArray, checkInt } from "../core/check.ts";

/** How a historical change is applied to today's level. */
export type ScenarioMode = "absolute" | "relative";

/** Options of {@link buildScenarios}. */
export interface ScenarioOptions {
  /** Margin period of risk in days (h ≥ 1). Default 1. */
  mpor?: number;
  /** Number of h-day scenarios (windows) ending today, ≥ 1. Default: all available (`T − h`). */
  lookback?: number;
  /** `absolute` (price differences, default) or `relative` (returns × today's price). */
  mode?: ScenarioMode;
}

/**
 * Check a list of equal-length finite price series; returns their length.
 *
 * @example
 * ```ts
 * checkPriceSeries("myFn", [[1, 2], [3, 4]]); // 2
 * ```
 */
export function checkPriceSeries(fn: string, prices: readonly ArrayLike<number>[]): number {
  if (!Array.isArray(prices) || prices.length === 0) {
    throw new RangeError(`${fn}: prices must be a non-empty array of series, got ${String(prices)}`);
  }
  const T = prices[0]?.length;
  for (let f = 0; f < prices.length; f++) {
    const p = prices[f];
    checkFiniteArray(fn, `prices[${f}]`, p);
    if (p.length !== T) {
      throw new RangeError(`${fn}: prices[${f}].length must equal prices[0].length = ${T}, got ${p.length}`);
    }
  }
  return T;
}

/**
 * Validate the prices and the `mpor`/`mode`/`lookback` options shared by every scenario builder (HS and FHS)
 * and resolve their defaults. `fn` names the calling function in error messages.
 *
 * @throws {RangeError} on bad prices, `mpor`/`lookback` < 1, an unknown mode, or a lookback the history cannot fill
 * @example
 * ```ts
 * scenarioWindow("demo", [[1, 2, 3]], { mpor: 1 }); // { T: 3, h: 1, mode: "absolute", lookback: 2 }
 * ```
 */
export function scenarioWindow(
  fn: string,
  prices: readonly ArrayLike<number>[],
  opts: ScenarioOptions,
): { T: number; h: number; mode: ScenarioMode; lookback: number } {
  const T = checkPriceSeries(fn, prices);
  const h = opts.mpor ?? 1;
  checkInt(fn, "mpor", h, 1);
  const mode = opts.mode ?? "absolute";
  if (mode !== "absolute" && mode !== "relative") {
    throw new RangeError(`${fn}: mode must be "absolute" or "relative", got ${String(mode)}`);
  }
  const lookback = opts.lookback ?? T - h;
  checkInt(fn, "lookback", lookback, 1);
  if (lookback > T - h) {
    throw new RangeError(
      `${fn}: lookback ${lookback} needs ${lookback + h} prices for mpor ${h}, but the series have ${T}`,
    );
  }
  return { T, h, mode, lookback };
}

/**
 * Overlapping h-day scenario changes per risk factor: a `nFactors × lookback`
 * matrix (row = factor, column = scenario, oldest first).
 *
 * @throws {RangeError} on unequal series lengths, non-finite prices, `mpor`/`lookback` < 1,
 *   a lookback longer than the history allows, or a non-positive base price in relative mode
 * @example
 * ```ts
 * buildScenarios([[50, 55, 60]], { mode: "relative", lookback: 1 }); // (60/55 − 1)·60
 * ```
 */
export function buildScenarios(prices: readonly ArrayLike<number>[], opts: ScenarioOptions = {}): Matrix {
  const fn = "buildScenarios";
  const { T, h, mode, lookback } = scenarioWindow(fn, prices, opts);
  const F = prices.length;
  const data = new Float64Array(F * lookback);
  for (let f = 0; f < F; f++) {
    const p = prices[f];
    const today = p[T - 1];
    for (let s = 0; s < lookback; s++) {
      const t = T - lookback + s;
      const base = p[t - h];
      if (mode === "absolute") {
        data[f * lookback + s] = p[t] - base;
      } else {
        if (!(base > 0)) {
          throw new RangeError(
            `${fn}: relative mode needs positive prices, got prices[${f}][${t - h}] = ${base} (use mode "absolute")`,
          );
        }
        data[f * lookback + s] = (p[t] / base - 1) * today;
      }
    }
  }
  return { rows: F, cols: lookback, data };
}
