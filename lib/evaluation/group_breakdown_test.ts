import assert from "node:assert/strict";
import { groupBreakdown } from "./group_breakdown.ts";
import { evaluateMultiplier } from "./evaluate.ts";
import { createPrng } from "../core/prng.ts";

Deno.test("groupBreakdown: groups add up to the whole (exceptions), one group equals evaluateMultiplier", () => {
  const rng = createPrng(4), n = 300;
  const loss = Float64Array.from({ length: n }, () => rng.normal() * 100);
  const im = Float64Array.from({ length: n }, () => 150 + 50 * rng.next());
  const m = Float64Array.from({ length: n }, () => 0.8 + 0.7 * rng.next());
  const bench = new Float64Array(n).fill(1.1);
  const groups = Array.from({ length: n }, (_, i) => 2018 + Math.floor(i / 100));
  const b = groupBreakdown({ loss, im, m, bench, groups });
  assert.deepEqual(Object.keys(b), ["y2018", "y2019", "y2020"]);
  const r = Float64Array.from(loss, (l, i) => l / im[i]);
  const all = evaluateMultiplier({ loss, im, r, m, bench, tau: 0.99 });
  assert.equal(Object.values(b).reduce((s, g) => s + g.exceptions, 0), all.exceptions);
  const one = groupBreakdown({ loss, im, m, bench, groups: new Array(n).fill(7), prefix: "g" });
  assert.ok(Math.abs(one.g7.marginRatio - all.marginRatio) < 1e-12);
});

Deno.test("groupBreakdown: mismatched lengths are RangeErrors", () => {
  const a = Float64Array.of(1, 2);
  assert.throws(() => groupBreakdown({ loss: a, im: a, m: a, bench: a, groups: [1] }), /groups has 1 values, m has 2/);
});
