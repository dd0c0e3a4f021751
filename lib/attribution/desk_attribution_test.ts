import assert from "node:assert/strict";
import { attributeMeasure, deskAttribution, standaloneVsHsVarEs } from "./desk_attribution.ts";
import { createMatrix } from "../margin/matrix.ts";
import { createPrng } from "../core/prng.ts";

/** Units A (long), B (a near hedge of A) and C (independent). */
function desks(n = 500) {
  const rng = createPrng(9), data = new Float64Array(3 * n);
  for (let s = 0; s < n; s++) {
    const a = 1000 * rng.normal();
    data[s] = a;
    data[n + s] = -0.9 * a + 100 * rng.normal();
    data[2 * n + s] = 300 * rng.normal();
  }
  return createMatrix(3, n, data);
}
const opts = { unitIds: ["A", "B", "C"], tau: 0.99, marginalEps: 1e-4 };

Deno.test("attributeMeasure: Euler, pro-rata and Shapley add up to the total; the hedge's Euler component is negative", () => {
  for (const measure of ["es", "var"] as const) {
    const a = attributeMeasure(desks(), measure, opts);
    const sum = (x: Record<string, number>) => Object.values(x).reduce((p, q) => p + q, 0);
    assert.ok(Math.abs(sum(a.proRata) - a.total) < 1e-9 * a.total);
    assert.ok(Math.abs(sum(a.shapley) - a.total) < 1e-9 * a.total);
    assert.ok(a.diversificationBenefit > 0 && a.sumStandalone > a.total);
    assert.deepEqual(a.negativeEuler, ["B"]);
    assert.equal(Object.keys(a.coalitions).length, 7);
    assert.equal(a.coalitions.ABC, a.total);
    assert.equal(a.coalitions.A, a.standalone.A);
    if (measure === "es") assert.ok(a.checks.eulerSumRelErr < 1e-12);
    else assert.ok(a.kernel !== undefined && a.kernel.rescale > 0);
  }
});

Deno.test("deskAttribution enforces its tolerances; standaloneVsHsVarEs is 0 for the matrix engine", () => {
  const m = desks(), full = { ...opts, eulerEsTol: 1e-9, shapleyTol: 1e-9, label: "2020-03-31" };
  const a = deskAttribution(m, full);
  assert.ok(a.es.total >= a.var.total);
  assert.equal(standaloneVsHsVarEs(m, a, opts), 0);
  assert.throws(() => deskAttribution(m, { ...full, eulerEsTol: -1 }), /2020-03-31: Euler ES contributions miss/);
});
