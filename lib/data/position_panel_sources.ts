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

/** The crude panel's 10-year CMT series: the same file, as-of rule, bounds and holiday rows serve every tenor. */
const CRUDE_CMT: SourceEntry = (() => {
  const e = CRUDE_SOURCES.find((s) => s.spec.column === "ust10y");
  if (e === undefined) throw new RangeError("position_panel_sources: CRUDE_SOURCES has no ust10y series");
  return e;
})();

/** The crude panel's Treasury CMT entry (`ust10y`, FRED DGS10) for another FRED series `fred` as column `column`. */
function cmtSource(column: string, fred: string, known: SourceEntry["spec"]["known"]): SourceEntry {
  const rename = (text: string) => text.replace("DGS10", fred);
  return {
    ...CRUDE_CMT,
    source: rename(CRUDE_CMT.source),
    spec: { ...CRUDE_CMT.spec, column, valueCol: fred, description: rename(CRUDE_CMT.spec.description), known },
  };
}

/** The Treasury CMT yields the position panel adds to the crude panel's `ust3m`, `ust2y`, `ust10y`. */
export const TREASURY_CURVE_SOURCES: readonly SourceEntry[] = (
  [["ust1y", "DGS1"], ["ust5y", "DGS5"], ["ust20y", "DGS20"], ["ust30y", "DGS30"]] as const
).map(([col, fred]) =>
  // the holiday rows (empty cells) of the crude panel's ust10y; DGS20 is the one series filled on those rows
  cmtSource(col, fred, fred === "DGS20" ? [] : [...(CRUDE_CMT.spec.known ?? [])])
);

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
