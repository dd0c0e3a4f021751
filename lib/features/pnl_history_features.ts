/**
 * History features of one position's daily P&L series (per unit of the position, signed: a short position's P&L is
 * the negative of the long's), in the position's own P&L units — the same definitions for a futures contract, a
 * calendar spread (whose price level can be near zero, so no scaled or log returns), a spot exposure or a bond.
 * Every value at row t reads rows ≤ t only.
 *
 * | name | meaning | unit |
 * |---|---|---|
 * | `pnl_{n}d` | P&L over the last n days, n ∈ {1, 5, 20} | P&L |
 * | `rv_{w}d` | realized vol of the daily P&L over w days, w ∈ {5, 20, 60, 250}, annualized (√252) | P&L/√yr |
 * | `ewma_vol` | EWMA vol (λ = 0.94, filter convention) of the daily P&L, annualized | P&L/√yr |
 * | `vol_ratio` | `rv_{first}d / rv_{last}d` of `volWindows` (short over long: > 1 when vol is rising) | 1 |
 * | `jump_ratio_20d` | `max(0, 1 − BV/RV)` over 20 days | 1 |
 * | `jump_flag` | 1 if \|P&L_t\| > 4 × bipower daily vol of the previous 20 days | 0/1 |
 * | `drawdown_250d` | cumulative P&L minus its 250-day peak (≤ 0) | P&L |
 *
 * @example
 * ```ts
 * import { pnlHistoryFeatureColumns } from "./pnl_history_features.ts";
 * const daily = Float64Array.from({ length: 300 }, (_, i) => (i === 0 ? NaN : Math.sin(i / 3)));
 * const cols = pnlHistoryFeatureColumns(daily);
 * console.assert(cols.map((c) => c.name).includes("rv_20d") && cols.every((c) => c.group === "historical"));
 * ```
 * @module
 */
import { ewmaVol } from "../margin/ewma.ts";
import { jumpFlag, jumpRatio } from "./bipower_variation.ts";
import { drawdown } from "./drawdown.ts";
import type { FeatureColumn } from "./feature_frame.ts";
import { defaultFuturesFeatureOptions, type FuturesFeatureOptions } from "./futures_features.ts";
import { rollingSum } from "./held_return.ts";
import { realizedVol } from "./realized_vol.ts";

/**
 * Options of {@link pnlHistoryFeatureColumns} (all have defaults): the futures features' options
 * ({@link FuturesFeatureOptions}: P&L horizons, realized-vol windows — here at least one, each ≥ 2 —, EWMA λ and
 * minimum periods, bipower window and jump threshold, drawdown window) without the robust price level, since a
 * P&L in its own units is not scaled.
 */
export type PnlHistoryOptions = Omit<FuturesFeatureOptions, "scaleWindow" | "scaleFloor">;

/**
 * The default options: the futures features' defaults (1/5/20-day P&Ls, 5/20/60/250-day vols, λ = 0.94 reported
 * after 20 days, 20-day bipower window, threshold 4, 250-day drawdown).
 *
 * @example
 * ```ts
 * import { defaultPnlHistoryOptions } from "./pnl_history_features.ts";
 * console.assert(defaultPnlHistoryOptions().volWindows.join() === "5,20,60,250");
 * ```
 */
export function defaultPnlHistoryOptions(): PnlHistoryOptions {
  const { scaleWindow: _scaleWindow, scaleFloor: _scaleFloor, ...o } = defaultFuturesFeatureOptions();
  return o;
}

function validate(o: Partial<PnlHistoryOptions>): PnlHistoryOptions {
  const fn = "pnlHistoryFeatureColumns";
  const d = defaultPnlHistoryOptions();
  for (const k of Object.keys(o)) if (!(k in d)) throw new TypeError(`${fn}: unknown option "${k}"`);
  const r = { ...d, ...o };
  const int = (name: string, x: unknown, min: number) => {
    if (!Number.isInteger(x) || (x as number) < min) {
      throw new RangeError(`${fn}: ${name} must be an integer >= ${min}, got ${x}`);
    }
  };
  if (!Array.isArray(r.returnHorizons) || !Array.isArray(r.volWindows) || r.volWindows.length === 0) {
    throw new RangeError(`${fn}: returnHorizons must be an array and volWindows a non-empty array`);
  }
  r.returnHorizons.forEach((n, i) => int(`returnHorizons[${i}]`, n, 1));
  r.volWindows.forEach((n, i) => int(`volWindows[${i}]`, n, 2));
  int("ewmaMinPeriods", r.ewmaMinPeriods, 1);
  int("jumpWindow", r.jumpWindow, 2);
  int("drawdownWindow", r.drawdownWindow, 1);
  if (!(r.ewmaLambda > 0 && r.ewmaLambda < 1)) {
    throw new RangeError(`${fn}: ewmaLambda must be in (0, 1), got ${r.ewmaLambda}`);
  }
  if (!(r.jumpThreshold > 0)) throw new RangeError(`${fn}: jumpThreshold must be > 0, got ${r.jumpThreshold}`);
  return r;
}

/**
 * Cumulative P&L from the first finite daily value (NaN before it; a NaN later propagates).
 *
 * @example
 * ```ts
 * cumulativePnl(Float64Array.of(NaN, 1, 2, -1)); // [NaN, 1, 3, 2]
 * ```
 */
export function cumulativePnl(daily: Float64Array): Float64Array {
  const out = new Float64Array(daily.length).fill(NaN);
  let level = NaN;
  for (let t = 0; t < daily.length; t++) {
    level = Number.isNaN(level) ? daily[t] : level + daily[t];
    out[t] = level;
  }
  return out;
}

/**
 * History feature columns of a daily P&L series (row 0 is usually NaN: no previous day).
 *
 * @throws {TypeError} on an unknown option
 * @throws {RangeError} on a bad option value, or ±Infinity in `daily` (naming the row)
 * @example
 * ```ts
 * const daily = Float64Array.from({ length: 30 }, (_, i) => (i === 0 ? NaN : (-1) ** i));
 * const [pnl1] = pnlHistoryFeatureColumns(daily, { volWindows: [5], drawdownWindow: 10 });
 * console.assert(pnl1.name === "pnl_1d" && pnl1.values[3] === -1);
 * ```
 */
export function pnlHistoryFeatureColumns(daily: Float64Array, opts: Partial<PnlHistoryOptions> = {}): FeatureColumn[] {
  const o = validate(opts);
  for (let t = 0; t < daily.length; t++) {
    if (daily[t] === Infinity || daily[t] === -Infinity) {
      throw new RangeError(`pnlHistoryFeatureColumns: daily P&L is ${daily[t]} at row ${t}`);
    }
  }
  const cols: FeatureColumn[] = [];
  // every column is a history feature of this P&L (rows ≤ t)
  const add = (name: string, values: Float64Array, unit: string, lookback: number, description: string) =>
    cols.push({ name, values, unit, group: "historical", lookback, description });
  for (const n of o.returnHorizons) {
    add(`pnl_${n}d`, rollingSum(daily, n), "P&L", n + 1, `P&L of the position over the last ${n} day(s)`);
  }
  const rv = o.volWindows.map((w) => realizedVol(daily, w));
  o.volWindows.forEach((w, i) =>
    add(`rv_${w}d`, rv[i], "P&L/sqrt(yr)", w + 1, `Realized vol of the daily P&L over ${w} days, annualized (√252)`)
  );
  const ewma = ewmaVol(daily, {
    convention: "filter",
    lambda: o.ewmaLambda,
    annualization: 252,
    minPeriods: o.ewmaMinPeriods,
  });
  add(
    "ewma_vol",
    ewma,
    "P&L/sqrt(yr)",
    o.ewmaMinPeriods + 1,
    `EWMA vol (λ = ${o.ewmaLambda}) of the daily P&L, annualized; reported after ${o.ewmaMinPeriods} days`,
  );
  const short = rv[0], long = rv[rv.length - 1];
  const wS = o.volWindows[0], wL = o.volWindows[o.volWindows.length - 1];
  add(
    "vol_ratio",
    short.map((s, t) => (long[t] > 0 ? s / long[t] : NaN)),
    "1",
    Math.max(wS, wL) + 1,
    `Vol regime rv_${wS}d / rv_${wL}d (> 1: vol rising); NaN when rv_${wL}d is 0`,
  );
  const J = o.jumpWindow;
  add(
    `jump_ratio_${J}d`,
    jumpRatio(daily, J),
    "1",
    J + 1,
    `Jump share of variance max(0, 1 − BV/RV) over ${J} days (bipower variation)`,
  );
  add(
    "jump_flag",
    jumpFlag(daily, J, o.jumpThreshold),
    "0/1",
    J + 2,
    `1 if |P&L_t| > ${o.jumpThreshold} × bipower daily vol of the previous ${J} days`,
  );
  const ones = new Float64Array(daily.length).fill(1);
  add(
    `drawdown_${o.drawdownWindow}d`,
    drawdown(cumulativePnl(daily), o.drawdownWindow, ones),
    "P&L",
    o.drawdownWindow + 1,
    `Cumulative P&L minus its ${o.drawdownWindow}-day peak (≤ 0)`,
  );
  return cols;
}
