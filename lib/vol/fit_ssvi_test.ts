import assert from "node:assert/strict";
import { fitSsvi, type SsviSliceInput } from "./fit_ssvi.ts";
import { ssviTotalVariance } from "./ssvi.ts";

const k = Float64Array.from({ length: 21 }, (_, j) => -1 + 0.1 * j);
const surface = (p: { rho: number; eta: number; gamma: number }, thetas: number[]): SsviSliceInput[] =>
  thetas.map((theta, i) => ({ T: 0.25 * (i + 1), k, w: k.map((x) => ssviTotalVariance(p, theta, x)), label: `S${i}` }));

Deno.test("fitSsvi: recovers power-law parameters and ATM variances; arbitrage-free", () => {
  const truth = { rho: -0.6, eta: 1.1, gamma: 0.35 };
  const fit = fitSsvi(surface(truth, [0.02, 0.05, 0.1, 0.2]));
  assert.ok(Math.abs(fit.params.rho + 0.6) < 1e-6 && Math.abs(fit.params.eta - 1.1) < 1e-6);
  assert.ok(Math.abs(fit.params.gamma - 0.35) < 1e-6);
  assert.ok(Math.abs(fit.thetas[2] - 0.1) < 1e-15);
  assert.ok(fit.rmse < 1e-9 && fit.arbitrage.ok);
});

Deno.test("fitSsvi: unconstrained fit outside the Gatheral–Jacquier region is flagged", () => {
  const truth = { rho: -0.5, eta: 2.5, gamma: 0.7 };
  const fit = fitSsvi(surface(truth, [0.02, 0.05, 0.1]), { noArbitrage: false });
  assert.ok(Math.abs(fit.params.eta - 2.5) < 1e-4, `eta ${fit.params.eta}`);
  assert.equal(fit.arbitrage.gjCondition.ok, false);
  assert.equal(fit.arbitrage.ok, false);
  // the constrained default stays in the region
  const constrained = fitSsvi(surface(truth, [0.02, 0.05, 0.1]));
  assert.ok(constrained.arbitrage.gjCondition.ok && constrained.rmse > fit.rmse);
});

Deno.test("fitSsvi: non-monotone ATM total variance flagged as calendar arbitrage", () => {
  const fit = fitSsvi(surface({ rho: -0.5, eta: 1, gamma: 0.4 }, [0.05, 0.03, 0.1]));
  assert.equal(fit.arbitrage.thetaMonotone.ok, false);
  assert.equal(fit.arbitrage.thetaMonotone.violations[0].label, "S1");
  assert.equal(fit.arbitrage.calendar.ok, false);
  assert.equal(fit.arbitrage.ok, false);
});

Deno.test("fitSsvi: bad slices are RangeErrors naming the slice", () => {
  const good = surface({ rho: -0.5, eta: 1, gamma: 0.4 }, [0.05])[0];
  assert.throws(() => fitSsvi([{ ...good, T: 0 }]), /slice S0: T must be > 0, got 0/);
  assert.throws(
    () => fitSsvi([{ ...good, k: good.k.subarray(0, 10), w: good.w.subarray(0, 10) }]),
    /no strikes on both sides/,
  );
  const w = good.w.slice();
  w[3] = -1;
  assert.throws(() => fitSsvi([{ ...good, w }]), /slice S0: w\[3\] \(k=-0.7\) must be finite and >= 0, got -1/);
  assert.throws(() => fitSsvi([good, { ...good, label: "dup" }]), /share expiry/);
  assert.throws(() => fitSsvi([]), /at least one slice/);
});
