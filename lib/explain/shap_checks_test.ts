import assert from "node:assert/strict";
import { maxAbsDifference, shapAdditivityError } from "./shap_checks.ts";
import { treeShap } from "./tree_shap.ts";
import { decisionTree } from "./tree_ensemble.ts";

Deno.test("shapAdditivityError: 0 for TreeSHAP on a tree (local accuracy), the gap for a broken result", () => {
  const tree = decisionTree({
    feature: [0, -1, 1, -1, -1],
    threshold: [0.5, 0, 0.2, 0, 0],
    left: [1, -1, 3, -1, -1],
    right: [2, -1, 4, -1, -1],
    value: [0, 1, 0, 2, 5],
    cover: [10, 4, 6, 3, 3],
  });
  const x = Float64Array.of(0, 0, 1, 0, 1, 1);
  const ts = treeShap({ trees: [tree], nFeatures: 2 }, x, 3, 2);
  assert.ok(shapAdditivityError(ts, 3, 2) < 1e-12);
  const broken = { ...ts, values: ts.values.map((v, i) => i === 3 ? v + 0.25 : v) };
  assert.ok(Math.abs(shapAdditivityError(broken, 3, 2) - 0.25) < 1e-12);
  assert.throws(() => shapAdditivityError(ts, 4, 2), RangeError);
});

Deno.test("maxAbsDifference: the largest absolute gap; symmetric", () => {
  const a = Float64Array.of(1, -2, 3), b = Float64Array.of(1.5, -2, 1);
  assert.equal(maxAbsDifference(a, b), 2);
  assert.equal(maxAbsDifference(b, a), 2);
  assert.equal(maxAbsDifference(a, b, 1), 0.5);
  assert.throws(() => maxAbsDifference(a, Float64Array.of(1)), RangeError);
});
