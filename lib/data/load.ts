/**
 * Load the crude panel from the vendored files: verify every file against
 * `data/raw/SHA256SUMS`, parse and validate each series, build the trading
 * calendar (the NYMEX sessions of the futures settlement file, then WTI spot
 * business days: {@link panelCalendar}) and align every series onto it with
 * the recorded as-of rule.
 *
 * This is one of the two places in `lib/` that reads files.
 *
 * @example
 * ```ts
 * import { loadCrudePanel } from "./load.ts";
 * const { panel, report } = await loadCrudePanel(".");
 * panel.columns.cl1.length === panel.dates.length; // true
 * ```
 * @module
 */

import { parseCsv } from "./csv.ts";
import { parseSha256Sums, verifyChecksum } from "./checksums.ts";
import { type ParsedSeries, parseSeries } from "./series.ts";
import { CRUDE_SOURCES, type SourceEntry } from "./sources.ts";
import { alignAsOf } from "./align.ts";
import type { Panel } from "./panel.ts";
import {
  NYMEX_CALENDAR_RULE,
  NYMEX_FUTURES_FILE,
  type NymexCalendar,
  nymexCalendarFromTable,
  nymexHoliday,
} from "./nymex_calendar.ts";

/** What was checked and met while loading. */
export interface LoadReport {
  files: { path: string; sha256: string }[];
  knownPoints: { column: string; date: string; value: number | null; note: string }[];
  calendar: {
    rule: string;
    first: string;
    last: string;
    days: number;
    holidayRows: PanelCalendar["holidayRows"];
    publicationGaps: string[];
  };
}

/** Read a text file relative to `root`, verified against the checksum manifest. */
export async function readVerified(root: string, path: string, sums: Map<string, string>): Promise<
  { text: string; sha256: string }
> {
  let bytes: Uint8Array;
  try {
    bytes = await Deno.readFile(`${root}/${path}`);
  } catch (e) {
    throw new RangeError(`cannot read data file "${path}" under ${root}: ${(e as Error).message}`);
  }
  const sha256 = await verifyChecksum(sums, path, bytes);
  return { text: new TextDecoder().decode(bytes), sha256 };
}

/** Load and parse the checksum manifest `data/raw/SHA256SUMS`. */
export async function loadSums(root: string): Promise<Map<string, string>> {
  const p = `${root}/data/raw/SHA256SUMS`;
  let text: string;
  try {
    text = await Deno.readTextFile(p);
  } catch (e) {
    throw new RangeError(`cannot read checksum manifest ${p}: ${(e as Error).message}`);
  }
  return parseSha256Sums(text, "data/raw/SHA256SUMS");
}

/** The trading-calendar rule, recorded in the load report. */
export const CALENDAR_RULE = NYMEX_CALENDAR_RULE +
  "; after the futures file ends, the WTI spot dates that are NYMEX business days (spot rows on NYMEX holidays dropped)";

/** The panel calendar and what was left out while building it. */
export interface PanelCalendar {
  dates: string[];
  /** NYMEX holidays inside the futures file's span on which the file or the spot series has a row (dropped). */
  holidayRows: { date: string; name: string; source: string }[];
  /** NYMEX sessions the futures file lacks (publication gaps): kept out of the calendar, listed for review. */
  publicationGaps: string[];
}

/**
 * The panel's trading calendar: the NYMEX sessions derived from the futures settlement file
 * (`nymex_calendar.ts`: rows with a settlement, not on a NYMEX holiday) while the file runs, then the spot
 * dates that are NYMEX business days. Spot rows dated on a NYMEX holiday are reported, never silently kept.
 *
 * @example
 * ```ts
 * import { nymexCalendar } from "./nymex_calendar.ts";
 * const cal = nymexCalendar(["2018-11-21", "2018-11-22", "2018-11-23"], [Float64Array.of(54.63, 54.63, 50.42)]);
 * panelCalendar(cal, ["2018-11-21", "2018-11-23", "2018-11-26", "2018-12-25", "2018-12-26"], "2018-01-01", "2018-12-31")
 *   .dates; // ["2018-11-21", "2018-11-23", "2018-11-26", "2018-12-26"]
 * ```
 */
export function panelCalendar(
  nymex: NymexCalendar | undefined,
  spot: readonly string[],
  from: string,
  to: string,
): PanelCalendar {
  const dates: string[] = [];
  const holidayRows: PanelCalendar["holidayRows"] = [];
  const end = nymex?.last ?? "";
  for (const d of nymex?.sessions ?? []) if (d >= from && d <= to) dates.push(d);
  for (const r of nymex?.holidayRows ?? []) {
    if (r.date >= from && r.date <= to) holidayRows.push({ date: r.date, name: r.name, source: "futures" });
  }
  for (const d of spot) {
    if (d < from || d > to) continue;
    const name = nymexHoliday(d);
    if (name !== undefined) holidayRows.push({ date: d, name, source: "spot" });
    else if (d > end) dates.push(d);
  }
  holidayRows.sort((a, b) => a.date < b.date ? -1 : a.date > b.date ? 1 : a.source < b.source ? -1 : 1);
  const publicationGaps = (nymex?.gaps ?? []).filter((d) => d >= from && d <= to);
  return { dates, holidayRows, publicationGaps };
}

/**
 * Read the vendored futures settlement file (verified against `data/raw/SHA256SUMS`) and derive the NYMEX
 * calendar (`nymex_calendar.ts`).
 *
 * @throws {RangeError} naming the file and line of a malformed row, or a checksum mismatch
 * @example
 * ```ts
 * import { loadNymexCalendar } from "./load.ts";
 * const cal = await loadNymexCalendar(".");
 * cal.sessions.includes("2018-12-24"); // true
 * ```
 */
export async function loadNymexCalendar(root: string): Promise<NymexCalendar> {
  const { text } = await readVerified(root, NYMEX_FUTURES_FILE, await loadSums(root));
  return nymexCalendarFromTable(parseCsv(text, NYMEX_FUTURES_FILE), NYMEX_FUTURES_FILE);
}

/** Options of the crude panel. */
export interface CrudePanelOptions {
  /** First calendar date (default 1986-01-02, the start of WTI spot). */
  from?: string;
  /** Last calendar date (default: last WTI spot date). */
  to?: string;
  sources?: readonly SourceEntry[];
}

/**
 * Load, verify, validate and align the crude panel.
 * @throws {RangeError} naming the file, line and value of the first problem
 */
export async function loadCrudePanel(root: string, opts: CrudePanelOptions = {}): Promise<
  { panel: Panel; report: LoadReport }
> {
  const sources = opts.sources ?? CRUDE_SOURCES;
  const sums = await loadSums(root);
  const texts = new Map<string, { text: string; sha256: string }>();
  for (const s of sources) if (!texts.has(s.file)) texts.set(s.file, await readVerified(root, s.file, sums));
  const tables = new Map([...texts].map(([f, t]) => [f, parseCsv(t.text, f)]));
  const parsed: ParsedSeries[] = sources.map((s) => parseSeries(tables.get(s.file)!, s.spec));
  const byCol = new Map(parsed.map((p) => [p.column, p]));
  const wti = byCol.get("wti_spot");
  if (!wti && !tables.has(NYMEX_FUTURES_FILE)) {
    throw new RangeError(`loadCrudePanel: the calendar needs wti_spot or the NYMEX futures file among the sources`);
  }
  const from = opts.from ?? "1986-01-02";
  const to = opts.to ?? (wti ?? byCol.get("cl1"))!.dates[(wti ?? byCol.get("cl1"))!.dates.length - 1];
  const futTable = tables.get(NYMEX_FUTURES_FILE);
  const nymex = futTable ? nymexCalendarFromTable(futTable, NYMEX_FUTURES_FILE) : undefined;
  const cal = panelCalendar(nymex, wti?.dates ?? [], from, to);
  const dates = cal.dates;
  const panel: Panel = { dates, columns: {}, meta: {}, fill: {} };
  sources.forEach((s, i) => {
    const a = alignAsOf(dates, parsed[i], s.maxFillGap);
    panel.columns[s.spec.column] = a.values;
    panel.fill[s.spec.column] = a.fill;
    panel.meta[s.spec.column] = { unit: s.spec.unit, source: s.source, description: s.spec.description };
  });
  const report: LoadReport = {
    files: [...texts].map(([path, t]) => ({ path, sha256: t.sha256 })),
    knownPoints: parsed.flatMap((p) => p.knownMet.map((k) => ({ column: p.column, ...k }))),
    calendar: {
      rule: CALENDAR_RULE,
      first: dates[0],
      last: dates[dates.length - 1],
      days: dates.length,
      holidayRows: cal.holidayRows,
      publicationGaps: cal.publicationGaps,
    },
  };
  return { panel, report };
}
