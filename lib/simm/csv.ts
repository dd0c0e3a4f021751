/**
 * Minimal delimited-text reader for CRIF and peer-suite files: quoted fields (`"a,b"`, `""` escapes),
 * comma, tab or pipe delimiters, LF or CRLF line endings. Strict about quoting (RFC 4180): a field is
 * either quoted as a whole or contains no quote, and a closing quote must be followed by a delimiter or
 * the line end — so `"ESA,USPR,"SEC,CFTC"` is an error, not a silently re-split cell. Pure: takes a
 * string, never reads files.
 *
 * @example
 * ```ts
 * import { parseDelimited } from "./csv.ts";
 * const t = parseDelimited('a,b\n1,"x,y"\n', ",");
 * console.assert(t.rows[0][1] === "x,y" && t.lines[0] === 2);
 * ```
 * @module
 */

/**
 * Parsed table: header, data rows and the 1-based source line number of each row.
 *
 * @example
 * ```ts
 * import { parseDelimited } from "./csv.ts";
 * console.assert(parseDelimited("a\n1\n").lines[0] === 2);
 * ```
 */
export interface DelimitedTable {
  /** Header fields, trimmed. */
  readonly header: readonly string[];
  /** Data rows (fields as written, quotes removed). Blank lines are not rows. */
  readonly rows: readonly string[][];
  /** 1-based line number in the source text of each data row. */
  readonly lines: readonly number[];
}

/**
 * Guess the delimiter from a header line: tab, pipe or comma, whichever occurs most outside quotes.
 *
 * @example
 * ```ts
 * import { detectDelimiter } from "./csv.ts";
 * console.assert(detectDelimiter("A|B|C") === "|");
 * ```
 */
export function detectDelimiter(headerLine: string): string {
  let tabs = 0, pipes = 0, commas = 0, inQuotes = false;
  for (const ch of headerLine) {
    if (ch === '"') inQuotes = !inQuotes;
    else if (!inQuotes) {
      if (ch === "\t") tabs++;
      else if (ch === "|") pipes++;
      else if (ch === ",") commas++;
    }
  }
  if (tabs >= pipes && tabs >= commas && tabs > 0) return "\t";
  if (pipes >= commas && pipes > 0) return "|";
  return ",";
}

/**
 * Split text into rows of fields. The first non-blank line is the header.
 *
 * @param text the file contents
 * @param delimiter one character; detected from the header when omitted
 * @param file name used in error messages
 * @throws {TypeError} naming `file:line:column` on an unterminated quoted field, anything but a delimiter
 *   or the line end after a closing quote, a quote inside an unquoted field, a lone carriage return, or an
 *   empty input
 * @example
 * ```ts
 * import { parseDelimited } from "./csv.ts";
 * console.assert(parseDelimited("x|y\n1|2", "|").rows[0][1] === "2");
 * ```
 */
export function parseDelimited(text: string, delimiter?: string, file = "<input>"): DelimitedTable {
  const records: string[][] = [];
  const lines: number[] = [];
  let line = 1;
  let lineStart = 0; // index of the first character of the current source line
  let i = 0;
  const n = text.length;
  if (text.charCodeAt(0) === 0xfeff) i = lineStart = 1; // BOM
  let delim = delimiter;
  const at = (k: number) => `${file}:${line}:${k - lineStart + 1}`;
  while (i < n) {
    const startLine = line;
    if (delim === undefined) {
      let end = text.indexOf("\n", i);
      if (end < 0) end = n;
      delim = detectDelimiter(text.slice(i, end));
    }
    const fields: string[] = [];
    for (;;) {
      let field = "";
      if (i < n && text[i] === '"') {
        const open = at(i);
        i++;
        for (;;) {
          if (i >= n) {
            throw new TypeError(`${open}: unterminated quoted field (no closing quote before the end of the file)`);
          }
          const ch = text[i];
          if (ch === '"') {
            if (text[i + 1] === '"') {
              field += '"';
              i += 2;
              continue;
            }
            i++;
            break;
          }
          if (ch === "\n") {
            line++;
            lineStart = i + 1;
          }
          field += ch;
          i++;
        }
        // after a closing quote only a delimiter or the end of the line is legal
        if (i < n && text[i] !== delim && text[i] !== "\n" && text[i] !== "\r") {
          throw new TypeError(
            `${at(i)}: ${JSON.stringify(text[i])} after a closing quote (expected ${
              JSON.stringify(delim)
            } or the end of the line; write a quote inside a quoted field as "")`,
          );
        }
      } else {
        const from = i;
        while (i < n) {
          const ch = text[i];
          if (ch === delim || ch === "\n" || ch === "\r") break;
          if (ch === '"') {
            throw new TypeError(
              `${at(i)}: quote inside an unquoted field ${
                JSON.stringify(text.slice(from, i + 1))
              } (quote the whole field and double the quote: "a""b")`,
            );
          }
          i++;
        }
        if (i > from) field = text.slice(from, i);
      }
      fields.push(field);
      if (i < n && text[i] === delim) {
        i++;
        continue;
      }
      break;
    }
    if (i < n && text[i] === "\r") {
      i++;
      if (i < n && text[i] !== "\n") throw new TypeError(`${at(i - 1)}: carriage return inside a line`);
    }
    if (i < n && text[i] === "\n") i++;
    line++;
    lineStart = i;
    if (fields.length === 1 && fields[0].trim() === "") continue; // blank line
    records.push(fields);
    lines.push(startLine);
  }
  if (records.length === 0) throw new TypeError(`${file}:1: empty file (no header line)`);
  return { header: records[0].map((h) => h.trim()), rows: records.slice(1), lines: lines.slice(1) };
}
