import assert from "node:assert/strict";
import { scenarioMarginFn } from "./unit_margin_fn.ts";
import { createMatrix } from "../margin/matrix.ts";

Deno.test("scenarioMarginFn: scaled unit weights", () => {
  const fn = scenarioMarginFn(createMatrix(1, 2, [-5, 5]), { tau: 0.75, measure: "var" });
  assert.equal(fn(new Float64Array([2])), 10);
  assert.throws(() => fn(new Float64Array([1, 1])), /weights must have length 1 \(one per unit\), got 2/);
  assert.throws(() => fn(new Float64Array([NaN])), /weights\[0\] must be finite, got NaN/);
  assert.throws(
    () => scenarioMarginFn(createMatrix(2, 3), { tau: 2 }),
    /tau must lie in \(0, 1\), got 2/,
  );
});
