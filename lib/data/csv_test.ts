import assert from "node:assert/strict";
import { columnIndex, parseCsv } from "./csv.ts";

Deno.test("parseCsv: header, rows with line numbers, quotes, BOM and CRLF", () => {
  const t = parseCsv('\ufeffa,b\r\n1,"x,""y"""\r\n2,3\r\n\r\n', "f.csv");
  assert.deepEqual(t.header, ["a", "b"]);
  assert.deepEqual(t.rows.map((r) => r.line), [2, 3]);
  assert.deepEqual(t.rows[0].fields, ["1", 'x,"y"']);
});

Deno.test("parseCsv: malformed input names file and line", () => {
  assert.throws(() => parseCsv("", "e.csv"), /e\.csv: file is empty/);
  assert.throws(() => parseCsv("a,b\n1,2\n3\n", "f.csv"), /f\.csv:3: expected 2 fields \(a,b\), got 1: "3"/);
  assert.throws(() => parseCsv("a,b\n1,2\n\n3,4\n", "g.csv"), /g\.csv:3: blank line/);
  assert.throws(() => parseCsv('a,b\n1,"2\n', "h.csv"), /h\.csv:2: unterminated/);
  assert.throws(() => parseCsv("a,a\n1,2\n", "i.csv"), /i\.csv:1: duplicate column name "a"/);
});

Deno.test("columnIndex: missing column lists the columns", () => {
  assert.throws(
    () => columnIndex(parseCsv("a,b\n1,2", "x.csv"), "c"),
    /x\.csv:1: missing column "c" \(columns: a, b\)/,
  );
});
