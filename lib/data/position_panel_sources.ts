/**
 * The data of the multi-asset position panel (issue 14 §1): the crude panel's series (`CRUDE_SOURCES`: WTI futures
 * RCLC1..4, WTI/Brent/Henry Hub spot, OVX, VIX, …, and the 3-month, 2- and 10-year Treasury CMT yields) plus the
 * Treasury constant-maturity yields that bracket the 2-, 10- and 30-year par bonds on the curve (`ust1y`, `ust5y`,
 * `ust20y`, `ust30y`, from FRED's DGS1, DGS5, DGS20, DGS30 in `data/raw/fred-treasury-cmt`), aligned on the crude
 * panel's NYMEX calendar by the same as-of rule.
 *
 * Data notes from `data/raw/fred-treasury-cmt/SOURCE.md`: yields in percent; FRED's merged file carries three New
 * Year's Day rows (1987-01-01, 1988-01-01, 1989-01-02) with only DGS20 (documented empty cells); DGS20 between
 * 1987-01-02 and 1993-09-30 and DGS30 between 2002-02-19 and 2006-02-08 are Treasury's alternative long-end
 * estimates (the 30-year bond was suspended), used as published. Bond-market holidays that are NYMEX trading days
 * (Columbus Day, Veterans Day) carry the previous yield forward (at most 5 days, recorded in the panel's fill record).
 *
 * @example
 * ```ts
 * import { POSITION_PANEL_SOURCES, TREASURY_CURVE_SOURCES } from "./position_panel_sources.ts";
 * console.assert(TREASURY_CURVE_SOURCES.map((s) => s.spec.column).join() === "ust1y,ust5y,ust20y,ust30y");
 * console.assert(POSITION_PANEL_SOURCES.some((s) => s.spec.column === "cl4"));
 * ```
 * @module
 */
import { CRUDE_SOURCES, type SourceEntry } from "./sources.ts";
import { type CrudePanelOptions, loadCrudePanel, type LoadReport } from "./load.ts";
import type { Panel } from "./panel.ts";

const HOLIDAY_ROWS = ["1987-01-01", "1988-01-01", "1989-01-02"];

/** The Treasury CMT yields the position panel adds to the crude panel's `ust3m`, `ust2y`, `ust10y`. */
export const TREASURY_CURVE_SOURCES: readonly SourceEntry[] = (
  [["ust1y", "DGS1"], ["ust5y", "DGS5"], ["ust20y", "DGS20"], ["ust30y", "DGS30"]] as const
).map(([col, fred]): SourceEntry => ({
  file: "data/raw/fred-treasury-cmt/fred-cmt-yields-daily-merged.csv",
  source: `FRED ${fred} (public domain)`,
  maxFillGap: 5,
  spec: {
    column: col,
    dateCol: "date",
    dateFormat: "iso",
    valueCol: fred,
    min: -5,
    max: 25,
    unit: "percent",
    description: `US Treasury constant-maturity yield ${fred}`,
    known: (fred === "DGS20" ? [] : HOLIDAY_ROWS).map((d) => ({
      date: d,
      value: null,
      note: "empty cell in FRED's merged file (holiday row carrying only DGS20)",
    })),
  },
}));

/** Every series of the position panel: the crude panel's, then the Treasury curve's. */
export const POSITION_PANEL_SOURCES: readonly SourceEntry[] = [...CRUDE_SOURCES, ...TREASURY_CURVE_SOURCES];

/**
 * Load, verify (against `data/raw/SHA256SUMS`), validate and align the position panel's series on the crude panel's
 * calendar (`loadCrudePanel` with {@link POSITION_PANEL_SOURCES}).
 *
 * @throws {RangeError} naming the file, line and value of the first problem (as `loadCrudePanel`)
 * @example
 * ```ts ignore
 * import { loadPositionPanel } from "./position_panel_sources.ts";
 * const { panel } = await loadPositionPanel(".");
 * panel.columns.ust30y.length === panel.dates.length; // true
 * ```
 */
export function loadPositionPanel(
  root: string,
  opts: Omit<CrudePanelOptions, "sources"> = {},
): Promise<{ panel: Panel; report: LoadReport }> {
  return loadCrudePanel(root, { ...opts, sources: POSITION_PANEL_SOURCES });
}
