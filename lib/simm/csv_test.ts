import assert from "node:assert/strict";
import { detectDelimiter, parseDelimited } from "./csv.ts";

Deno.test("parseDelimited: quotes, escaped quotes, CRLF, blank lines and line numbers", () => {
  const t = parseDelimited('a,b,c\r\n1,"x,y","he said ""hi"""\r\n\r\n2,,\n', ",", "f.csv");
  assert.deepEqual(t.header, ["a", "b", "c"]);
  assert.deepEqual(t.rows, [["1", "x,y", 'he said "hi"'], ["2", "", ""]]);
  assert.deepEqual(t.lines, [2, 4]);
});

Deno.test("parseDelimited: detects pipe and tab delimiters", () => {
  assert.equal(detectDelimiter("A|B|C"), "|");
  assert.equal(detectDelimiter("A\tB"), "\t");
  assert.equal(detectDelimiter('"A,B"|C'), "|");
  assert.deepEqual(parseDelimited("A|B\nx,y|z\n").rows, [["x,y", "z"]]);
});

Deno.test("parseDelimited: unterminated quote and empty input are errors naming the file", () => {
  assert.throws(
    () => parseDelimited('a,b\n1,"oops\n', ",", "bad.csv"),
    (e: unknown) => e instanceof TypeError && /bad\.csv:2/.test(e.message),
  );
  assert.throws(() => parseDelimited("", ",", "empty.csv"), /empty\.csv/);
});
