import assert from "node:assert/strict";
import { diversificationBenefit, standalone } from "./standalone.ts";
import { proRata } from "./pro_rata.ts";
import { incremental } from "./incremental.ts";
import { marginal } from "./marginal.ts";
import { scenarioMarginFn } from "./unit_margin_fn.ts";
import { createMatrix } from "../margin/matrix.ts";

const toy = (w: Float64Array) => Math.hypot(3 * w[0], 4 * w[1]);

Deno.test("standalone and diversification benefit", () => {
  assert.deepEqual(Array.from(standalone(toy, 2)), [3, 4]);
  const d = diversificationBenefit(toy, 2);
  assert.equal(d.total, 5);
  assert.equal(d.benefit, 2);
  assert.equal(d.ratio, 2 / 7);
});

Deno.test("proRata shares the total by standalone", () => {
  const r = proRata(toy, 2);
  assert.ok(Math.abs(r[0] - 15 / 7) < 1e-12 && Math.abs(r[1] - 20 / 7) < 1e-12);
  assert.deepEqual(Array.from(proRata(() => 0, 3)), [0, 0, 0]);
});

Deno.test("incremental: hedges have negative increments", () => {
  assert.deepEqual(Array.from(incremental((w) => Math.abs(w[0] - w[1]), 2)), [-1, -1]);
  assert.deepEqual(Array.from(incremental(toy, 2)), [5 - 4, 5 - 3]);
});

Deno.test("marginal: finite differences of a homogeneous margin sum to the total", () => {
  const r = marginal(toy, 2);
  assert.ok(Math.abs(r.marginal[0] - 9 / 5) < 1e-6 && Math.abs(r.marginal[1] - 16 / 5) < 1e-6);
  assert.ok(Math.abs(r.component[0] + r.component[1] - 5) < 1e-6);
});

Deno.test("scenarioMarginFn: scaled unit weights", () => {
  const fn = scenarioMarginFn(createMatrix(1, 2, [-5, 5]), { confidence: 0.5, measure: "var" });
  assert.equal(fn(new Float64Array([2])), 10);
  assert.throws(() => fn(new Float64Array([1, 1])), /weights must have length 1 \(one per unit\), got 2/);
  assert.throws(() => fn(new Float64Array([NaN])), /weights\[0\] must be finite, got NaN/);
});

Deno.test("attribution: bad input is named", () => {
  assert.throws(() => standalone("x" as unknown as (w: Float64Array) => number, 2), TypeError);
  assert.throws(() => proRata(toy, 1.5), /nUnits must be an integer >= 1, got 1.5/);
  assert.throws(() => marginal(toy, 2, { eps: 2 }), /eps must lie in \(0, 1\), got 2/);
  assert.throws(
    () => scenarioMarginFn(createMatrix(2, 3), { confidence: 2 }),
    /confidence must lie in \(0, 1\), got 2/,
  );
});
