/**
 * Serialise a Panel to CSV (and back) so that it can be a pipeline stage
 * output that reviewers can open. Numbers are written with full round-trip
 * precision (`String(x)`); NaN is an empty cell.
 *
 * @example
 * ```ts
 * import { panelToCsv, panelFromCsv } from "./panel_io.ts";
 * const p = { dates: ["2020-01-02"], columns: { x: new Float64Array([1.5]) }, meta: {}, fill: {} };
 * panelFromCsv(panelToCsv(p), "p.csv").columns.x[0]; // 1.5
 * ```
 * @module
 */

import { parseCsv } from "./csv.ts";
import { parseDate } from "./dates.ts";
import type { Panel } from "./panel.ts";

/** Panel → CSV text with a `date` column first. */
export function panelToCsv(p: Panel): string {
  const cols = Object.keys(p.columns);
  const lines = ["date," + cols.join(",")];
  for (let i = 0; i < p.dates.length; i++) {
    lines.push(
      p.dates[i] + "," + cols.map((c) => {
        const v = p.columns[c][i];
        return Number.isNaN(v) ? "" : String(v);
      }).join(","),
    );
  }
  return lines.join("\n") + "\n";
}

/**
 * CSV text → Panel values (meta and fill records are carried separately).
 * @throws {RangeError} naming file, line and value for malformed cells
 */
export function panelFromCsv(text: string, file: string): Panel {
  const t = parseCsv(text, file);
  if (t.header[0] !== "date") throw new RangeError(`${file}:1: first column must be "date", got "${t.header[0]}"`);
  const cols = t.header.slice(1);
  const columns: Record<string, Float64Array> = {};
  for (const c of cols) columns[c] = new Float64Array(t.rows.length);
  const dates: string[] = [];
  t.rows.forEach((r, i) => {
    dates.push(parseDate(r.fields[0], "iso", `${file}:${r.line}`));
    for (let j = 0; j < cols.length; j++) {
      const s = r.fields[j + 1];
      const v = s === "" ? NaN : Number(s);
      if (s !== "" && !Number.isFinite(v)) {
        throw new RangeError(`${file}:${r.line}: column ${cols[j]}: "${s}" is not a number`);
      }
      columns[cols[j]][i] = v;
    }
  });
  return { dates, columns, meta: {}, fill: {} };
}
