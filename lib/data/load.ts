/**
 * Load the crude panel from the vendored files: verify every file against
 * `data/raw/SHA256SUMS`, parse and validate each series, build the trading
 * calendar (the union of NYMEX/EIA crude trading days: WTI spot ∪ RCLC1) and
 * align every series onto it with the recorded as-of rule.
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

/** What was checked and met while loading. */
export interface LoadReport {
  files: { path: string; sha256: string }[];
  knownPoints: { column: string; date: string; value: number | null; note: string }[];
  calendar: { rule: string; first: string; last: string; days: number };
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
export const CALENDAR_RULE =
  "NYMEX trading days: dates on which both EIA WTI spot and RCLC1 have a value while RCLC1 exists " +
  "(each source alone carries some holiday rows with stale values), then WTI spot dates";

/**
 * The panel's trading calendar: while the futures series exists, the dates on which both the WTI spot and
 * RCLC1 have a value (EIA's futures file repeats the previous settlement on some NYMEX holidays, e.g.
 * 2018-01-01, and its spot file assesses prices on some exchange holidays before 1994); after the futures
 * end, the spot dates.
 *
 * @example
 * ```ts
 * tradingCalendar(["2018-01-01", "2018-01-02"], ["2017-12-29", "2018-01-01", "2018-01-02"], "2017-01-01", "2018-12-31");
 * // ["2018-01-02"]
 * ```
 */
export function tradingCalendar(
  spot: readonly string[],
  futures: readonly string[],
  from: string,
  to: string,
): string[] {
  const fut = new Set(futures);
  const futEnd = futures.length > 0 ? futures[futures.length - 1] : "";
  const spotSet = new Set(spot);
  const out: string[] = [];
  const all = spot.length > 0 ? spot : futures;
  for (const d of all) {
    if (d < from || d > to) continue;
    if (futures.length > 0 && spot.length > 0 && d <= futEnd) {
      if (fut.has(d) && spotSet.has(d)) out.push(d);
    } else out.push(d);
  }
  return out;
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
  const wti = byCol.get("wti_spot"), cl1 = byCol.get("cl1");
  if (!wti && !cl1) throw new RangeError("loadCrudePanel: the calendar needs wti_spot or cl1 among the sources");
  const from = opts.from ?? "1986-01-02";
  const to = opts.to ?? (wti ?? cl1)!.dates[(wti ?? cl1)!.dates.length - 1];
  const dates = tradingCalendar(wti?.dates ?? [], cl1?.dates ?? [], from, to);
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
    },
  };
  return { panel, report };
}
