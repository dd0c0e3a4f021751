import assert from "node:assert/strict";
import { meanSdByKey } from "./mean_sd_by_key.ts";
import { meanSd } from "../core/stats.ts";

Deno.test("meanSdByKey: each key equals meanSd of its column, in the keys' order", () => {
  const runs = [{ a: 1, b: 0.5, c: 9 }, { a: 4, b: 0.25, c: 9 }, { a: 2, b: 0.75, c: 9 }];
  const s = meanSdByKey(runs, ["c", "a"]);
  assert.deepEqual(Object.keys(s), ["c", "a"]);
  assert.deepEqual(s.a, meanSd([1, 4, 2]));
  assert.deepEqual(s.c, { mean: 9, sd: 0, n: 3 });
});

Deno.test("meanSdByKey: no runs or a non-number are RangeErrors", () => {
  assert.throws(() => meanSdByKey([], []), /no runs/);
  assert.throws(() => meanSdByKey([{ a: 1 }, { a: "x" as unknown as number }], ["a"]), /run 1 has no number "a"/);
});
