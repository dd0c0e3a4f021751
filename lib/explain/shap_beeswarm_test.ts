import assert from "node:assert/strict";
import { createPrng } from "../core/prng.ts";
import { beeswarmRows, evenRowIndices, treeShapBeeswarm } from "./shap_beeswarm.ts";
import { decisionTree } from "./tree_ensemble.ts";
import { treeShap } from "./tree_shap.ts";
import { gatherRows } from "./sample_rows.ts";

Deno.test("evenRowIndices: k distinct increasing rows spanning first to last; all rows when k ≥ n", () => {
  for (const [n, k] of [[10, 4], [1000, 300], [301, 300], [7, 2], [5, 1]]) {
    const idx = evenRowIndices(n, k);
    assert.equal(idx.length, k);
    assert.equal(idx[0], 0);
    if (k > 1) assert.equal(idx[k - 1], n - 1);
    assert.ok(idx.every((v, i) => i === 0 || v > idx[i - 1]), `${n}, ${k}`);
  }
  assert.deepEqual(evenRowIndices(3, 3), [0, 1, 2]);
  assert.deepEqual(evenRowIndices(0, 5), []);
  assert.deepEqual(evenRowIndices(4, 0), []);
  assert.throws(() => evenRowIndices(-1, 2), /shap_beeswarm.ts.*n = -1/);
  assert.throws(() => evenRowIndices(3, 1.5), /k = 1.5/);
});

Deno.test("beeswarmRows: rows of both matrices, rounded; size mismatch is a RangeError", () => {
  const b = beeswarmRows(Float64Array.of(1, 2, 3, 4, 5, 6), Float64Array.of(6, 5, 4, 3, 2, 1), 3, 2, (v) => -v);
  assert.deepEqual(b.phi, [[-1, -2], [-3, -4], [-5, -6]]);
  assert.deepEqual(b.x, [[-6, -5], [-4, -3], [-2, -1]]);
  assert.throws(() => beeswarmRows(new Float64Array(5), new Float64Array(6), 3, 2), /values has length 5/);
  assert.throws(() => beeswarmRows(new Float64Array(6), new Float64Array(4), 3, 2), /x has length 4/);
});

Deno.test("treeShapBeeswarm: TreeSHAP of the sampled rows, local accuracy, deterministic", () => {
  const t1 = decisionTree({
    feature: [0, 1, -1, -1, -1],
    threshold: [0.5, 0.2, 0, 0, 0],
    left: [1, 2, -1, -1, -1],
    right: [4, 3, -1, -1, -1],
    value: [0, 0, 1, 2, 5],
    cover: [10, 6, 3, 3, 4],
  });
  const t2 = decisionTree({
    feature: [1, -1, -1],
    threshold: [0.6, 0, 0],
    left: [1, -1, -1],
    right: [2, -1, -1],
    value: [0, -1, 1],
    cover: [10, 5, 5],
  });
  const ens = { trees: [t1, t2], nFeatures: 3 }, n = 50, d = 3, rng = createPrng(5);
  const x = Float64Array.from({ length: n * d }, () => rng.next());
  const b = treeShapBeeswarm(ens, x, n, d, 20);
  assert.deepEqual(b.rows, evenRowIndices(n, 20));
  const ref = treeShap(ens, gatherRows(x, d, b.rows), 20, d);
  b.rows.forEach((r, i) => {
    assert.deepEqual(b.x[i], Array.from(x.subarray(r * d, r * d + d)));
    assert.deepEqual(b.phi[i], Array.from(ref.values.subarray(i * d, i * d + d)));
    const sum = b.phi[i].reduce((s, v) => s + v, ref.baseValue);
    assert.ok(Math.abs(sum - ref.predictions[i]) < 1e-12);
    assert.equal(b.phi[i][2], 0); // feature 2 is never split on
  });
  assert.deepEqual(treeShapBeeswarm(ens, x, n, d, 20), b);
  assert.equal(treeShapBeeswarm(ens, x, n, d, 300).rows.length, n);
});
