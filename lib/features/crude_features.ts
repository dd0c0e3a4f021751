/**
 * The real-track (crude oil) feature frame from a data `Panel`.
 *
 * Required columns: `wti_spot, brent_spot, cl1, cl2, cl3, cl4, ovx, vix, vix3m,
 * skew, ust3m, ust10y, fed_funds` (others are ignored). Each may be NaN before
 * it starts or after it ends (features depending on it are NaN there); NaN or
 * ±Infinity inside a series' life is a `RangeError` naming column, date, value.
 *
 * Features: the futures features of `futures_features.ts` (returns, vols, EWMA,
 * jumps, drawdown of the front position rolled at CL last trading days — the
 * same P&L as the target — and curve slope/curvature/roll yield) and
 *
 * | name | meaning | group |
 * |---|---|---|
 * | `ovx`, `vix`, `skew` | index levels | forward |
 * | `ovx_chg_5d`, `vix_chg_5d` | 5-day changes (index points) | forward |
 * | `vix3m_vix` | VIX3M / VIX (> 1: upward-sloping vol term structure) | forward |
 * | `ust3m`, `ust10y`, `fed_funds` | rate levels (percent) | historical |
 * | `term_spread` | ust10y − ust3m (percentage points) | historical |
 * | `wti_brent` | wti_spot − brent_spot (USD/bbl) | historical |
 *
 * Every feature at row t reads rows ≤ t only (tested by perturbing the future).
 *
 * @example
 * ```ts
 * import { buildCrudeFeatures } from "./crude_features.ts";
 * // const frame = buildCrudeFeatures(panel, { ewmaLambda: 0.97 });
 * ```
 * @module
 */
import { checkInt } from "../core/check.ts";

import type { Panel } from "../data/panel.ts";
import { clLastTradingDays } from "../market/cl_roll.ts";
import { assembleFeatureFrame, checkIncreasingDates, type FeatureColumn, type FeatureFrame } from "./feature_frame.ts";
import {
  futuresFeatureColumns,
  type FuturesFeatureOptions,
  validateFuturesFeatureOptions,
} from "./futures_features.ts";
import { levelChange, seriesRatio, seriesSpread } from "./level_change.ts";
import { panelColumn } from "./panel_column.ts";

/** Options of the crude feature frame. */
export interface CrudeFeatureOptions extends FuturesFeatureOptions {
  /** Horizon of the index changes (days). */
  changeHorizon: number;
  /**
   * Roll the held front position into cl2 at each CL last trading day (CME rule,
   * `clLastTradingDays` on the panel calendar) — default true. `false` uses cl1 as given.
   */
  rollAdjust: boolean;
}

/** Panel columns the crude frame reads. */
export const CRUDE_COLUMNS = [
  ...["wti_spot", "brent_spot", "cl1", "cl2", "cl3", "cl4"], // prices
  ...["ovx", "vix", "vix3m", "skew"], // implied-vol indices
  ...["ust3m", "ust10y", "fed_funds"], // rates
] as const;

/**
 * Build the crude-oil feature frame.
 *
 * @throws {TypeError} on a missing column or unknown option
 * @throws {RangeError} on NaN inside a series, non-increasing dates or a bad option value
 * @example
 * ```ts
 * const T = 300, dates = Array.from({ length: T }, (_, i) => new Date(Date.UTC(2010, 0, 4) + i * 864e5).toISOString().slice(0, 10));
 * const columns: Record<string, Float64Array> = {};
 * for (const c of CRUDE_COLUMNS) columns[c] = Float64Array.from(dates, (_, i) => 50 + (c.length % 5) + Math.sin(i / 9));
 * const frame = buildCrudeFeatures({ dates, columns, meta: {}, fill: {} });
 * frame.names.includes("vix3m_vix"); // true
 * ```
 */
export function buildCrudeFeatures(panel: Panel, opts: Partial<CrudeFeatureOptions> = {}): FeatureFrame {
  const { changeHorizon = 5, rollAdjust = true, ...rest } = opts;
  if (typeof rollAdjust !== "boolean") {
    throw new TypeError(`buildCrudeFeatures: rollAdjust must be a boolean, got ${rollAdjust}`);
  }
  checkInt("buildCrudeFeatures", "changeHorizon", changeHorizon, 1);
  const o = validateFuturesFeatureOptions(rest, "buildCrudeFeatures");
  checkIncreasingDates(panel.dates, "panel");
  const c: Record<string, Float64Array> = {};
  for (const name of CRUDE_COLUMNS) c[name] = panelColumn(panel, name);
  const n = changeHorizon;
  const ltd = rollAdjust ? clLastTradingDays(panel.dates) : undefined;
  const cols: FeatureColumn[] = futuresFeatureColumns([c.cl1, c.cl2, c.cl3, c.cl4], o, ltd);
  const fwd = "forward" as const, hist = "historical" as const;
  type Group = typeof fwd | typeof hist;
  /** A feature of today's values only. */
  const today = (name: string, values: Float64Array, unit: string, group: Group, description: string) => ({
    name,
    values,
    unit,
    group,
    lookback: 1,
    description,
  });
  /** The n-day change of an index level. */
  const change = (name: string, label: string): FeatureColumn => ({
    name: `${name}_chg_${n}d`,
    values: levelChange(c[name], n),
    unit: "index pts",
    group: fwd,
    lookback: n + 1,
    description: `${n}-day change of ${label}`,
  });
  cols.push(
    today("ovx", c.ovx.slice(), "index pts", fwd, "Cboe crude oil volatility index OVX"),
    change("ovx", "OVX"),
    today("vix", c.vix.slice(), "index pts", fwd, "Cboe VIX (S&P 500 30-day implied vol)"),
    change("vix", "VIX"),
    today("vix3m_vix", seriesRatio(c.vix3m, c.vix), "1", fwd, "VIX term structure VIX3M / VIX (< 1: inverted, stress)"),
    today("skew", c.skew.slice(), "index pts", fwd, "Cboe SKEW index"),
    today("ust3m", c.ust3m.slice(), "percent", hist, "3-month Treasury CMT yield"),
    today("ust10y", c.ust10y.slice(), "percent", hist, "10-year Treasury CMT yield"),
    today("term_spread", seriesSpread(c.ust10y, c.ust3m), "pct pts", hist, "Treasury term spread ust10y − ust3m"),
    today("fed_funds", c.fed_funds.slice(), "percent", hist, "Effective fed funds rate"),
    today("wti_brent", seriesSpread(c.wti_spot, c.brent_spot), "USD/bbl", hist, "WTI − Brent spot spread"),
  );
  return assembleFeatureFrame(panel.dates, cols);
}
