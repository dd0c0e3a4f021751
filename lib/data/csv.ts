/**
 * Minimal strict CSV parsing for the vendored data files (comma separated,
 * optional double-quoted fields, header row). Each record keeps its 1-based
 * line number so that every later error can name `file:line`.
 *
 * @example
 * ```ts
 * import { parseCsv } from "./csv.ts";
 * const t = parseCsv("Date,Price\n2020-01-02,61.2\n", "wti.csv");
 * t.header; // ["Date", "Price"]
 * t.rows[0].line; // 2
 * ```
 * @module
 */

/** One data record of a CSV file. */
export interface CsvRow {
  /** 1-based line number in the file. */
  line: number;
  fields: string[];
}

/** A parsed CSV table. */
export interface CsvTable {
  file: string;
  header: string[];
  rows: CsvRow[];
}

/**
 * Parse CSV text. Blank lines at the end are ignored; a blank line in the
 * middle, an unterminated quote, or a row with the wrong number of fields is
 * an error naming the file and line.
 *
 * @param text file contents
 * @param file label used in error messages (usually the path)
 * @throws {RangeError} on malformed input
 */
export function parseCsv(text: string, file: string): CsvTable {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const lines = text.split(/\r?\n/);
  while (lines.length > 0 && lines[lines.length - 1].trim() === "") lines.pop();
  if (lines.length === 0) throw new RangeError(`${file}: file is empty (no header row)`);
  const header = splitLine(lines[0], file, 1).map((h) => h.trim());
  if (header.some((h) => h === "")) throw new RangeError(`${file}:1: empty column name in header "${lines[0]}"`);
  const seen = new Set<string>();
  for (const h of header) {
    if (seen.has(h)) throw new RangeError(`${file}:1: duplicate column name "${h}"`);
    seen.add(h);
  }
  const rows: CsvRow[] = [];
  for (let i = 1; i < lines.length; i++) {
    const line = i + 1;
    if (lines[i].trim() === "") throw new RangeError(`${file}:${line}: blank line inside the data`);
    const fields = splitLine(lines[i], file, line);
    if (fields.length !== header.length) {
      throw new RangeError(
        `${file}:${line}: expected ${header.length} fields (${header.join(",")}), got ${fields.length}: "${lines[i]}"`,
      );
    }
    rows.push({ line, fields });
  }
  return { file, header, rows };
}

function splitLine(s: string, file: string, line: number): string[] {
  if (!s.includes('"')) return s.split(",");
  const out: string[] = [];
  let cur = "";
  let inQ = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (inQ) {
      if (c === '"') {
        if (s[i + 1] === '"') {
          cur += '"';
          i++;
        } else inQ = false;
      } else cur += c;
    } else if (c === '"') inQ = true;
    else if (c === ",") {
      out.push(cur);
      cur = "";
    } else cur += c;
  }
  if (inQ) throw new RangeError(`${file}:${line}: unterminated quoted field in "${s}"`);
  out.push(cur);
  return out;
}

/**
 * Index of a named column, or a RangeError listing the columns that exist.
 *
 * @example
 * ```ts
 * columnIndex(parseCsv("a,b\n1,2", "x.csv"), "b"); // 1
 * ```
 */
export function columnIndex(t: CsvTable, name: string): number {
  const i = t.header.indexOf(name);
  if (i < 0) throw new RangeError(`${t.file}:1: missing column "${name}" (columns: ${t.header.join(", ")})`);
  return i;
}
