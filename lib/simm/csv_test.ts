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

Deno.test("parseDelimited: strict quoting — only a delimiter or line end after a closing quote, no quote in an unquoted field", () => {
  const bad: [string, RegExp][] = [
    ['a,b\n1,"ESA,USPR,"SEC,CFTC"\n', /^q\.csv:2:14: "S" after a closing quote/],
    ['a,b\n1,"x" \n', /^q\.csv:2:6: " " after a closing quote/],
    ['a,b\n1,x"y\n', /^q\.csv:2:4: quote inside an unquoted field "x\\""/],
    ['a,b\n1, "x"\n', /^q\.csv:2:4: quote inside an unquoted field/],
    ['a,b\n1,"x\n', /^q\.csv:2:3: unterminated quoted field/],
    ["a,b\n1,x\r2,y\n", /^q\.csv:2:4: carriage return inside a line/],
  ];
  for (const [text, re] of bad) {
    assert.throws(
      () => parseDelimited(text, ",", "q.csv"),
      (e: unknown) => e instanceof TypeError && re.test(e.message),
    );
  }
  // a multi-line quoted field keeps counting lines and columns
  assert.throws(() => parseDelimited('a,b\n1,"x\ny"z\n', ",", "q.csv"), /: q\.csv:3:3: "z" after a closing quote/);
  assert.deepEqual(parseDelimited('a,b\n"",""""\n', ",").rows, [["", '"']]);
});
