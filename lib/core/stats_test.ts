import assert from "node:assert/strict";
import { mean, meanSd } from "./stats.ts";

Deno.test("mean and meanSd: values by hand", () => {
  assert.equal(mean([1, 2, 6]), 3);
  const s = meanSd(Float64Array.of(1, 2, 6));
  assert.equal(s.mean, 3);
  assert.ok(Math.abs(s.sd - Math.sqrt(7)) < 1e-15);
  assert.equal(s.n, 3);
  assert.deepEqual(meanSd([5]), { mean: 5, sd: 0, n: 1 });
  assert.deepEqual(Object.keys(meanSd([1, 2])), ["mean", "sd", "n"]);
});

Deno.test("meanSd: same bits as the plain left-to-right loops it replaced", () => {
  const v = [0.1, 0.7, 1e-3, 3.3, -2.2, 1e9, -1e-9, 7 / 3];
  let s = 0;
  for (const x of v) s += x;
  const m = s / v.length;
  let ss = 0;
  for (const x of v) ss += (x - m) ** 2;
  const r = meanSd(v);
  assert.ok(Object.is(r.mean, m));
  assert.ok(Object.is(r.sd, Math.sqrt(ss / (v.length - 1))));
});

Deno.test("mean / meanSd: empty series is a RangeError", () => {
  assert.throws(() => mean([]), /mean: empty series/);
  assert.throws(() => meanSd(new Float64Array(0)), /meanSd: empty series/);
});
