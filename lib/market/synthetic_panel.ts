/**
 * View a synthetic market as a data `Panel` with columns `cl1..clN` (generic
 * curve contracts), so the real-track feature code runs on it unchanged.
 *
 * @example
 * ```ts
 * import { generateSyntheticMarket } from "./synthetic_market.ts";
 * import { syntheticMarketPanel } from "./synthetic_panel.ts";
 * const panel = syntheticMarketPanel(generateSyntheticMarket(3, { days: 100, chains: false }));
 * panel.columns.cl1.length; // 100
 * ```
 * @module
 */

import type { Panel } from "../data/panel.ts";
import type { SyntheticMarket } from "./synthetic_market.ts";

/**
 * Panel of the synthetic curve: `cl1` = front future, `clk` = generic contract k.
 * Arrays are shared with the market (not copied).
 *
 * @example
 * ```ts
 * import { generateSyntheticMarket } from "./synthetic_market.ts";
 * const m = generateSyntheticMarket(1, { days: 20, chains: false });
 * syntheticMarketPanel(m).columns.cl4;
 * ```
 */
export function syntheticMarketPanel(m: SyntheticMarket): Panel {
  const columns: Panel["columns"] = {};
  const meta: Panel["meta"] = {};
  const fill: Panel["fill"] = {};
  const first = m.dates[0], last = m.dates[m.dates.length - 1];
  m.curve.forEach((c, k) => {
    const name = `cl${k + 1}`;
    columns[name] = c;
    meta[name] = {
      unit: "USD/bbl",
      source: `synthetic market seed ${m.seed}`,
      description: `synthetic generic futures contract ${k + 1} (tenor ${m.params.tenors[k].toFixed(4)} y)`,
    };
    fill[name] = { rule: "ffill", maxGap: 0, filled: 0, first, last, longestRun: 0, offCalendar: 0, emptyCells: [] };
  });
  return { dates: [...m.dates], columns, meta, fill };
}
