/**
 * The crude panel cut at the sample end: rows up to `end` and no later than the
 * last date with a front-month price (the EIA futures history ends 2022-02-15).
 *
 * @example
 * ```ts
 * import { panelUntil } from "./panel_until.ts";
 * import { makeCrudePanel } from "../testing/crude_panel_fixture.ts";
 * const p = panelUntil(makeCrudePanel(100), "2010-03-31");
 * console.assert(p.dates[p.dates.length - 1] <= "2010-03-31");
 * ```
 * @module
 */
import type { Panel } from "./panel.ts";

/**
 * Rows of `panel` dated ≤ `end` and ≤ the last finite `cl1`.
 *
 * @throws {RangeError} when the panel has no `cl1` or no row survives
 * @example
 * ```ts
 * const p = panelUntil({ dates: ["2020-01-02", "2020-01-03"], columns: { cl1: Float64Array.of(1, NaN) }, meta: {}, fill: {} }, "2020-12-31");
 * console.assert(p.dates.length === 1); // ["2020-01-02"]
 * ```
 */
export function panelUntil(panel: Panel, end: string): Panel {
  const cl1 = panel.columns.cl1;
  if (!(cl1 instanceof Float64Array)) throw new RangeError(`panelUntil: panel has no column "cl1"`);
  const lastCl = panel.dates.findLastIndex((_, i) => Number.isFinite(cl1[i]));
  const last = Math.min(lastCl, panel.dates.findLastIndex((d) => d <= end));
  if (last < 0) throw new RangeError(`panelUntil: no row dated ≤ ${end} with a cl1 price`);
  return {
    dates: panel.dates.slice(0, last + 1),
    columns: Object.fromEntries(Object.entries(panel.columns).map(([k, v]) => [k, v.slice(0, last + 1)])),
    meta: panel.meta,
    fill: panel.fill,
  };
}
