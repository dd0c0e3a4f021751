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
  "wti_spot",
  "brent_spot",
  "cl1",
  "cl2",
  "cl3",
  "cl4",
  "ovx",
  "vix",
  "vix3m",
  "skew",
  "ust3m",
  "ust10y",
  "fed_funds",
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
  if (!Number.isInteger(changeHorizon) || changeHorizon < 1) {
    throw new RangeError(`buildCrudeFeatures: changeHorizon must be an integer >= 1, got ${changeHorizon}`);
  }
  const o = validateFuturesFeatureOptions(rest, "buildCrudeFeatures");
  checkIncreasingDates(panel.dates, "panel");
  const c: Record<string, Float64Array> = {};
  for (const name of CRUDE_COLUMNS) c[name] = panelColumn(panel, name);
  const n = changeHorizon;
  const ltd = rollAdjust ? clLastTradingDays(panel.dates) : undefined;
  const cols: FeatureColumn[] = futuresFeatureColumns([c.cl1, c.cl2, c.cl3, c.cl4], o, ltd);
  const fwd = "forward" as const, hist = "historical" as const;
  cols.push(
    {
      name: "ovx",
      values: c.ovx.slice(),
      unit: "index pts",
      group: fwd,
      lookback: 1,
      description: "Cboe crude oil volatility index OVX",
    },
    {
      name: `ovx_chg_${n}d`,
      values: levelChange(c.ovx, n),
      unit: "index pts",
      group: fwd,
      lookback: n + 1,
      description: `${n}-day change of OVX`,
    },
    {
      name: "vix",
      values: c.vix.slice(),
      unit: "index pts",
      group: fwd,
      lookback: 1,
      description: "Cboe VIX (S&P 500 30-day implied vol)",
    },
    {
      name: `vix_chg_${n}d`,
      values: levelChange(c.vix, n),
      unit: "index pts",
      group: fwd,
      lookback: n + 1,
      description: `${n}-day change of VIX`,
    },
    {
      name: "vix3m_vix",
      values: seriesRatio(c.vix3m, c.vix),
      unit: "1",
      group: fwd,
      lookback: 1,
      description: "VIX term structure VIX3M / VIX (< 1: inverted, stress)",
    },
    {
      name: "skew",
      values: c.skew.slice(),
      unit: "index pts",
      group: fwd,
      lookback: 1,
      description: "Cboe SKEW index",
    },
    {
      name: "ust3m",
      values: c.ust3m.slice(),
      unit: "percent",
      group: hist,
      lookback: 1,
      description: "3-month Treasury CMT yield",
    },
    {
      name: "ust10y",
      values: c.ust10y.slice(),
      unit: "percent",
      group: hist,
      lookback: 1,
      description: "10-year Treasury CMT yield",
    },
    {
      name: "term_spread",
      values: seriesSpread(c.ust10y, c.ust3m),
      unit: "pct pts",
      group: hist,
      lookback: 1,
      description: "Treasury term spread ust10y − ust3m",
    },
    {
      name: "fed_funds",
      values: c.fed_funds.slice(),
      unit: "percent",
      group: hist,
      lookback: 1,
      description: "Effective fed funds rate",
    },
    {
      name: "wti_brent",
      values: seriesSpread(c.wti_spot, c.brent_spot),
      unit: "USD/bbl",
      group: hist,
      lookback: 1,
      description: "WTI − Brent spot spread",
    },
  );
  return assembleFeatureFrame(panel.dates, cols);
}
