import assert from "node:assert/strict";

const assertEquals = (a: unknown, b: unknown) => assert.deepStrictEqual(a, b);
function assertThrows(f: () => unknown, cls: typeof RangeError, msg: string): void {
  assert.throws(f, (e: unknown) => e instanceof cls && e.message.includes(msg));
}
import { studyColumns, studyDataset } from "./dataset.ts";
import type { CrudeStudy } from "./crude_study.ts";

const S: CrudeStudy = {
  dates: ["2020-01-01", "2020-01-02", "2020-01-03"],
  x: Float64Array.of(1, 2, 3, 4, 5, 6),
  featureNames: ["a", "b"],
  d: 2,
  r: Float64Array.of(0.1, 0.2, 0.3),
  loss: Float64Array.of(1, 2, 3),
  im: Float64Array.of(10, 10, 10),
  panelOffset: 0,
  mpor: 1,
  side: "long",
};

Deno.test("studyDataset: rows and a column subset", () => {
  const ds = studyDataset(S, { start: 1, end: 3 }, ["b"]);
  assertEquals(Array.from(ds.x), [4, 6]);
  assertEquals(ds.d, 1);
  assertEquals(Array.from(ds.r), [0.2, 0.3]);
  assertEquals(ds.dates, ["2020-01-02", "2020-01-03"]);
  assertEquals(studyColumns(S, ["b", "a"]), [1, 0]);
});

Deno.test("studyDataset: bad ranges and names are RangeErrors", () => {
  assertThrows(() => studyDataset(S, { start: 2, end: 2 }), RangeError, "empty");
  assertThrows(() => studyDataset(S, { start: 0, end: 4 }), RangeError, "outside");
  assertThrows(() => studyDataset(S, { start: 0, end: 1 }, ["c"]), RangeError, "unknown");
});
