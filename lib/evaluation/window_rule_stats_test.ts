import assert from "node:assert/strict";
import { createPrng } from "../core/prng.ts";
import { exceptions, kupiecOverlapping, kupiecPof, marginStability } from "../backtest/mod.ts";
import { windowRuleStats } from "./window_rule_stats.ts";

const assertThrowsMsg = (f: () => unknown, _c: typeof RangeError, msg: string) =>
  assert.throws(f, (e: unknown) => e instanceof RangeError && e.message.includes(msg));

const opts = { reference: "static", tau: 0.99, mpor: 2, kupiecSims: 500, seed: 7 };

Deno.test("windowRuleStats: coverage, margin ratio and procyclicality match the backtest definitions", () => {
  const n = 60, rng = createPrng(5);
  const loss = Float64Array.from({ length: n }, () => 3 * rng.normal());
  const stat = new Float64Array(n).fill(5);
  const dyn = Float64Array.from({ length: n }, (_, t) => 4 + t / 10);
  const r = windowRuleStats(loss, { static: stat, dyn }, opts);
  assert.deepEqual(Object.keys(r), ["static", "dyn"]);
  const ex = exceptions(loss, dyn);
  assert.deepEqual(r.dyn.exceptions, ex.count);
  assert.deepEqual(r.dyn.breachRate, ex.count / n);
  assert.deepEqual(r.dyn.kupiecP, kupiecPof(ex.count, n, 0.99).pValue);
  const ko = kupiecOverlapping(ex.count, n, 0.99, 2, { simulations: 500, prng: createPrng(7) }).pValue;
  assert.deepEqual(r.dyn.kupiecOverlapP, ko);
  const st = marginStability(dyn, new Float64Array(n).fill(1), { min: 0, max: 2 });
  assert.deepEqual(r.dyn.peakToTrough, st.peakToTrough);
  assert.deepEqual(r.dyn.maxInc5d, st.maxIncrease5d);
  assert.deepEqual(r.dyn.maxInc30d, st.maxIncrease30d);
  assert.deepEqual(r.dyn.meanAbsChange, st.meanAbsChangeMargin);
  let s = 0;
  for (const v of dyn) s += v;
  assert.deepEqual(r.dyn.avgMargin, s / n);
  assert.deepEqual(r.dyn.marginVsStatic, s / (5 * n));
  assert.deepEqual(r.static.marginVsStatic, 1);
  assert.deepEqual(r.static.peakToTrough, 1);
  assert.deepEqual(r.static.maxInc30d, 0);
});

Deno.test("windowRuleStats: equal counts give equal overlap p-values whatever the rule order", () => {
  const loss = Float64Array.from({ length: 30 }, (_, t) => (t % 10 === 0 ? 9 : 1));
  const a = new Float64Array(30).fill(5), b = new Float64Array(30).fill(6);
  const r1 = windowRuleStats(loss, { static: a, b }, opts), r2 = windowRuleStats(loss, { b, static: a }, opts);
  assert.deepEqual(r1.b.kupiecOverlapP, r1.static.kupiecOverlapP);
  assert.deepEqual(r1, { static: r2.static, b: r2.b });
});

Deno.test("windowRuleStats: short windows give null horizons; bad inputs throw naming the rule", () => {
  const r = windowRuleStats(Float64Array.of(1, 2, 3, 4), { static: Float64Array.of(5, 5, 5, 6) }, opts);
  assert.deepEqual([r.static.maxInc5d, r.static.maxInc30d], [null, null]);
  assertThrowsMsg(
    () => windowRuleStats(Float64Array.of(1, 2), { x: Float64Array.of(1, 1) }, opts),
    RangeError,
    "static",
  );
  assertThrowsMsg(
    () => windowRuleStats(Float64Array.of(1, 2), { static: Float64Array.of(1, 1), y: Float64Array.of(1) }, opts),
    RangeError,
    '"y"',
  );
  assertThrowsMsg(
    () => windowRuleStats(Float64Array.of(1), { static: Float64Array.of(1) }, opts),
    RangeError,
    "2 days",
  );
});
