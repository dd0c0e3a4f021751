/**
 * The P&L per unit of each instrument of the position panel (`position_definition.ts`), from an aligned `Panel`:
 * the daily P&L (t−1 → t) and the MPOR P&L over (t−h, t], both known at t.
 *
 * - **futures** `clk`: daily = `nearbyDailyPnl` of the strip cl1..cl4 rolled at the CL last trading days; MPOR P&L =
 *   the sum of the last h daily P&Ls (a rolled position, like the study's front month);
 * - **spot**: daily = price change; MPOR P&L = the sum of the last h (= the h-day price change);
 * - **par bond** of maturity T: MPOR P&L at t = full repricing of the bond issued at par on day t−h (coupon = the
 *   T-year par yield that day), aged by the calendar time between the two dates (ACT/365.25) and repriced at the par
 *   yield of its remaining maturity, interpolated linearly between the next shorter CMT tenor and T on day t
 *   (`parBondHoldingPnl`, per 100 face); daily = the same with h = 1. The MPOR P&L is not the sum of daily P&Ls
 *   (`additive: false`): each window holds one fixed bond.
 *
 * Validation, naming the column, date and value: a NaN or ±Infinity inside a series' life (`panelColumn`), a spot
 * price ≤ 0 where none is possible (Brent, Henry Hub; WTI spot and futures did settle below zero on 2020-04-20), a
 * yield outside [−5, 25] percent.
 *
 * @example
 * ```ts
 * import { instrumentPnl } from "./position_instruments.ts";
 * const dates = ["2024-01-02", "2024-01-03", "2024-01-04"];
 * const panel = { dates, columns: { hh_spot: Float64Array.of(2.5, 2.7, 2.6) }, meta: {}, fill: {} };
 * const p = instrumentPnl(panel, "hh_spot", 2);
 * console.assert(Math.abs(p.mpor[2] - 0.1) < 1e-12 && p.additive);
 * ```
 * @module
 */
import type { Panel } from "../data/panel.ts";
import { panelColumn } from "../features/panel_column.ts";
import { clLastTradingDays, overlappingSum } from "../market/cl_roll.ts";
import { nearbyDailyPnl } from "../market/nearby_futures_pnl.ts";
import { parBondHoldingPnl, parYieldAt } from "../market/treasury_par_bond.ts";
import { type InstrumentId, type InstrumentSpec, POSITION_INSTRUMENTS } from "./position_definition.ts";

/** Daily and MPOR P&L per unit of one instrument on the panel's rows. */
export interface InstrumentPnl {
  /** P&L from t−1 to t (NaN at row 0 and where a price is missing). */
  daily: Float64Array;
  /** P&L over (t−h, t] (NaN where not computable). */
  mpor: Float64Array;
  /** Whether `mpor` is the sum of the last h `daily` values (futures, spot) or a repricing (par bonds). */
  additive: boolean;
}

/** Milliseconds per day. */
const DAY_MS = 86_400_000;

/**
 * Year fraction ACT/365.25 between two ISO dates.
 *
 * @example
 * ```ts
 * yearFraction("2024-01-02", "2024-01-04"); // 2 / 365.25
 * ```
 */
export function yearFraction(from: string, to: string): number {
  return (Date.parse(to) - Date.parse(from)) / DAY_MS / 365.25;
}

function futuresStrip(panel: Panel): Float64Array[] {
  return ["cl1", "cl2", "cl3", "cl4"].map((c) => panelColumn(panel, c));
}

function checkSpot(panel: Panel, column: string, negativeAllowed: boolean): Float64Array {
  const x = panelColumn(panel, column);
  if (!negativeAllowed) {
    for (let t = 0; t < x.length; t++) {
      if (x[t] <= 0) {
        throw new RangeError(
          `instrumentPnl: column "${column}" is ${x[t]} on ${panel.dates[t]} (row ${t}); a ${column} price ≤ 0 is ` +
            `not possible: fix the data`,
        );
      }
    }
  }
  return x;
}

function checkYields(panel: Panel, column: string): Float64Array {
  const x = panelColumn(panel, column);
  for (let t = 0; t < x.length; t++) {
    if (x[t] < -5 || x[t] > 25) {
      throw new RangeError(
        `instrumentPnl: column "${column}" is ${x[t]} on ${panel.dates[t]} (row ${t}); a Treasury yield is in ` +
          `percent and must lie in [-5, 25]`,
      );
    }
  }
  return x;
}

/** P&L per 100 face of the par bond issued `lag` rows before each row. */
function parBondPnl(panel: Panel, spec: InstrumentSpec, lag: number): Float64Array {
  const own = checkYields(panel, spec.column!), shorter = checkYields(panel, spec.shorterColumn!);
  const T = spec.maturity!, Ts = spec.shorterTenor!;
  const dates = panel.dates, out = new Float64Array(dates.length).fill(NaN);
  const tenors = [Ts, T], yields = [NaN, NaN];
  for (let t = lag; t < dates.length; t++) {
    const y0 = own[t - lag], ys = shorter[t], yo = own[t];
    if (Number.isNaN(y0) || Number.isNaN(ys) || Number.isNaN(yo)) continue;
    const age = yearFraction(dates[t - lag], dates[t]);
    yields[0] = ys / 100;
    yields[1] = yo / 100;
    out[t] = parBondHoldingPnl(y0 / 100, parYieldAt({ tenors, yields }, T - age), T, age);
  }
  return out;
}

/**
 * Daily and MPOR P&L per unit of `instrument` on the rows of `panel` (see the module doc for the definitions).
 *
 * @param lastTradingDay CL last-trading-day flags on the panel calendar (default `clLastTradingDays(panel.dates)`)
 * @throws {RangeError} on an mpor that is not an integer ≥ 1, a missing column, bad data (naming column, date and
 *   value), or an unknown instrument
 * @example
 * ```ts
 * const dates = ["2024-01-02", "2024-01-03", "2024-01-04"];
 * const y = (v: number) => Float64Array.of(v, v, v + 0.1);
 * const panel = { dates, columns: { ust10y: y(4), ust5y: y(3.8) }, meta: {}, fill: {} };
 * const p = instrumentPnl(panel, "ust10y", 2); // yields up 10 bp over two days: a long position loses
 * console.assert(p.mpor[2] < -0.7 && !p.additive);
 * ```
 */
export function instrumentPnl(
  panel: Panel,
  instrument: InstrumentId,
  mpor: number,
  lastTradingDay?: ArrayLike<number>,
): InstrumentPnl {
  const fn = "instrumentPnl";
  if (!Number.isInteger(mpor) || mpor < 1) throw new RangeError(`${fn}: mpor must be an integer >= 1, got ${mpor}`);
  const spec: InstrumentSpec | undefined = (POSITION_INSTRUMENTS as Record<string, InstrumentSpec>)[instrument];
  if (spec === undefined) throw new RangeError(`${fn}: unknown instrument ${JSON.stringify(instrument)}`);
  if (spec.kind === "future") {
    const daily = nearbyDailyPnl(futuresStrip(panel), spec.nearby!, lastTradingDay ?? clLastTradingDays(panel.dates));
    return { daily, mpor: overlappingSum(daily, mpor), additive: true };
  }
  if (spec.kind === "spot") {
    const x = checkSpot(panel, spec.column!, spec.negativeAllowed === true);
    const daily = new Float64Array(x.length).fill(NaN);
    for (let t = 1; t < x.length; t++) daily[t] = x[t] - x[t - 1];
    return { daily, mpor: overlappingSum(daily, mpor), additive: true };
  }
  return { daily: parBondPnl(panel, spec, 1), mpor: parBondPnl(panel, spec, mpor), additive: false };
}
