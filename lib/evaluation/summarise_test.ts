import assert from "node:assert/strict";
import { meanSd } from "../core/stats.ts";
import { summarise, summariseRuns } from "./summarise.ts";

Deno.test("summarise: mean, sample sd, min, max, n", () => {
  const s = summarise([1, 2, 6]);
  assert.equal(s.mean, 3);
  assert.ok(Math.abs(s.sd - Math.sqrt(7)) < 1e-15);
  assert.deepEqual([s.min, s.max, s.n], [1, 6, 3]);
  assert.deepEqual(summarise([5]), { mean: 5, sd: 0, min: 5, max: 5, n: 1 });
});

Deno.test("meanSd agrees with summarise bit for bit", () => {
  const v = [0.1, 0.7, 1e-3, 3.3, -2.2];
  const a = meanSd(v), b = summarise(v);
  assert.ok(Object.is(a.mean, b.mean) && Object.is(a.sd, b.sd) && a.n === b.n);
});

Deno.test("summariseRuns: one summary per key of the first run", () => {
  const s = summariseRuns([{ a: 1, b: 10 }, { a: 3, b: 10 }]);
  assert.deepEqual(Object.keys(s), ["a", "b"]);
  assert.equal(s.a.mean, 2);
  assert.equal(s.b.sd, 0);
});

Deno.test("summarise / meanSd / summariseRuns: bad inputs are RangeErrors", () => {
  assert.throws(() => summarise([]), RangeError);
  assert.throws(() => meanSd([]), RangeError);
  assert.throws(() => summariseRuns([]), RangeError);
  assert.throws(() => summariseRuns([{ a: 1 }, {} as { a: number }]), /run 1 has no number "a"/);
});
