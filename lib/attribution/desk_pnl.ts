/**
 * The unit (desk) P&L matrix of real-data IM attribution: each unit holds `quantity` × `contractSize` of one panel
 * instrument. Futures positions (`cl1`, `cl2`, `cl3`) are rolled into the next contract at each CL last trading
 * day; spot positions take plain h-day price changes. At as-of row t the matrix holds, per unit, the last
 * `lookback` overlapping h-day P&Ls ending at or before t (oldest first).
 * @module
 */
import type { Panel } from "../data/panel.ts";
import { buildScenarios } from "../margin/scenarios.ts";
import { createMatrix, type Matrix } from "../margin/matrix.ts";
import { clLastTradingDays, overlappingSum, rolledDailyPnl } from "../market/cl_roll.ts";

/** The rolled futures instruments a unit may hold; the others are spot series. */
export const DESK_FUTURES = ["cl1", "cl2", "cl3"] as const;
/** The spot series a unit may hold. */
export const DESK_SPOT = ["wti_spot", "brent_spot", "hh_spot"] as const;
/** Every instrument a unit may hold. */
export const DESK_INSTRUMENTS: readonly string[] = [...DESK_FUTURES, ...DESK_SPOT];

/** One unit (desk): its id and position. */
export interface DeskUnit {
  id: string;
  /** A panel column among {@link DESK_INSTRUMENTS}. */
  instrument: string;
  /** Contracts (negative: short). */
  quantity: number;
  /** Units of the instrument per contract (bbl, MMBtu). */
  contractSize: number;
}

/** {@link deskPnl}'s result: the panel's dates and the P&L matrix at any as-of row. */
export interface DeskPnl {
  dates: readonly string[];
  /** Units × `lookback` matrix of h-day P&Ls (USD) of the windows ending at rows t − lookback + 1 .. t. */
  at(t: number): Matrix;
}

/**
 * The unit P&L matrices of `units` on `panel` (cut to the life of the futures, e.g. by `panelUntil`).
 *
 * @throws {RangeError} when the panel lacks an instrument's column; from `at(t)` when the window needs history before
 *   the panel or a spot price or P&L in the window is missing (naming the date)
 * @example
 * ```ts
 * import { deskPnl } from "./desk_pnl.ts";
 * import { makeCrudePanel } from "../testing/crude_panel_fixture.ts";
 * const units = [{ id: "A", instrument: "cl1", quantity: 10, contractSize: 1000 }, { id: "C", instrument: "wti_spot", quantity: -1, contractSize: 1000 }];
 * const m = deskPnl(makeCrudePanel(300), units, { mpor: 2, lookback: 250 }).at(299);
 * console.assert(m.rows === 2 && m.cols === 250);
 * ```
 */
export function deskPnl(panel: Panel, units: readonly DeskUnit[], opts: { mpor: number; lookback: number }): DeskPnl {
  const dates = panel.dates;
  const col = (name: string) => {
    const c = panel.columns[name];
    if (!c) throw new RangeError(`crude_panel.csv has no column "${name}"`);
    return c;
  };
  const ltd = clLastTradingDays(dates);
  const h = opts.mpor, n = opts.lookback, U = units.length;
  // h-day price change (USD/bbl) of each futures position held, rolled at CL last trading days.
  const futuresPnl = new Map<string, Float64Array>();
  DESK_FUTURES.forEach((name, k) => {
    if (units.some((u) => u.instrument === name)) {
      futuresPnl.set(name, overlappingSum(rolledDailyPnl(col(name), col(`cl${k + 2}`), ltd, 1), h));
    }
  });
  for (const u of units) col(u.instrument);
  const at = (t: number): Matrix => {
    const first = t - n + 1;
    if (first - h < 1) {
      throw new RangeError(`as-of ${dates[t]}: a lookback of ${n} ${h}-day scenarios needs history before ${dates[0]}`);
    }
    const m = createMatrix(U, n);
    for (let j = 0; j < U; j++) {
      const { instrument: inst, quantity: q, contractSize: size } = units[j];
      const row = m.data.subarray(j * n, (j + 1) * n);
      const fut = futuresPnl.get(inst);
      if (fut) {
        for (let s = 0; s < n; s++) row[s] = q * size * fut[first + s];
      } else {
        const prices = col(inst).subarray(first - h, t + 1);
        const bad = prices.findIndex((x) => !Number.isFinite(x));
        if (bad >= 0) {
          throw new RangeError(
            `as-of ${dates[t]}: ${inst} is missing on ${
              dates[first - h + bad]
            }; move the date later or shorten lookback`,
          );
        }
        const sc = buildScenarios([prices], { mpor: h, lookback: n });
        for (let s = 0; s < n; s++) row[s] = q * size * sc.data[s];
      }
      const bad = row.findIndex((x) => !Number.isFinite(x));
      if (bad >= 0) {
        throw new RangeError(
          `as-of ${dates[t]}: unit ${units[j].id} (${inst}) has no ${h}-day P&L on ${dates[first + bad]}`,
        );
      }
    }
    return m;
  };
  return { dates, at };
}
