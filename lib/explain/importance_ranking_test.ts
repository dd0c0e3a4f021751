import assert from "node:assert/strict";
import { importanceOrder, importanceShare, importanceTable, orderAgreement } from "./importance_ranking.ts";

Deno.test("importanceOrder: decreasing importance, ties by index; a permutation of the features", () => {
  const v = Float64Array.of(0.2, 0.9, 0.2, 0, 0.5);
  assert.deepEqual(importanceOrder(v), [1, 4, 0, 2, 3]);
  assert.deepEqual([...importanceOrder(v)].sort(), [0, 1, 2, 3, 4]);
});

Deno.test("orderAgreement: 1 for equal orders, −1 for reversed, symmetric, equals Pearson of the ranks", () => {
  const a = [3, 0, 4, 1, 2], b = [0, 3, 4, 2, 1];
  assert.equal(orderAgreement(a, a), 1);
  assert.equal(orderAgreement(a, [...a].reverse()), -1);
  assert.equal(orderAgreement(a, b), orderAgreement(b, a));
  const rank = (o: number[]) => o.reduce((r, j, k) => (r[j] = k, r), new Array(o.length).fill(0));
  const ra = rank(a), rb = rank(b), m = 2;
  let sab = 0, saa = 0, sbb = 0;
  for (let j = 0; j < 5; j++) {
    sab += (ra[j] - m) * (rb[j] - m);
    saa += (ra[j] - m) ** 2;
    sbb += (rb[j] - m) ** 2;
  }
  assert.ok(Math.abs(orderAgreement(a, b) - sab / Math.sqrt(saa * sbb)) < 1e-12);
  assert.throws(() => orderAgreement([0, 1], [0, 0]), RangeError);
});

Deno.test("importanceShare: a subset's share of the total; complementary subsets add up to 1", () => {
  const v = Float64Array.of(1, 2, 3, 4), names = ["a", "b", "c", "d"];
  assert.equal(importanceShare(v, names, ["b", "d"]), 0.6);
  assert.ok(Math.abs(importanceShare(v, names, ["a", "c"]) + importanceShare(v, names, ["b", "d"]) - 1) < 1e-15);
  assert.throws(() => importanceShare(v, names.slice(1), []), /4 values but 3 names/);
});

Deno.test("importanceTable: values per feature, ranks are 1-based positions in each method's order", () => {
  const names = ["a", "b", "c"];
  const t = importanceTable(names, { shap: Float64Array.of(0.1, 0.7, 0.3), perm: Float64Array.of(3, 1, 2) }, {
    permSd: Float64Array.of(0.5, 0.1, 0.2),
  });
  assert.deepEqual(t.orders, { shap: [1, 2, 0], perm: [0, 2, 1] });
  assert.deepEqual(t.rows.a, { shap: 0.1, perm: 3, permSd: 0.5, rankShap: 3, rankPerm: 1 });
  for (const k of ["rankShap", "rankPerm"] as const) {
    assert.deepEqual(names.map((f) => t.rows[f][k]).sort(), [1, 2, 3]);
  }
  assert.throws(() => importanceTable(names, { shap: Float64Array.of(1) }), /"shap" has 1 values, 3 names/);
});
