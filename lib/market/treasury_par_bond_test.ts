import assert from "node:assert/strict";
import fc from "fast-check";
import { bondAccrued, bondFullPrice, bondRisk, parBondHoldingPnl, parYieldAt } from "./treasury_par_bond.ts";

const close = (a: number, b: number, tol: number, what = "") =>
  assert.ok(Math.abs(a - b) <= tol, `${what} ${a} vs ${b} (tol ${tol})`);

Deno.test("treasury_par_bond golden: a par bond prices at 100 at its own yield (2, 10, 30 years, 0–15%)", () => {
  for (const T of [0.5, 2, 10, 30]) {
    for (const y of [0, 0.001, 0.02, 0.045, 0.08, 0.15]) close(bondFullPrice(y, y, T), 100, 1e-10, `T=${T} y=${y}`);
  }
});

Deno.test("treasury_par_bond golden: textbook prices and durations", () => {
  // 5-year 10% semi-annual bond at 8%: 5·(1 − 1.04^−10)/0.04 + 100·1.04^−10
  close(bondFullPrice(0.10, 0.08, 5), 108.110895779355, 1e-9, "5y 10% @ 8%");
  // a zero-coupon bond: 100·(1 + y/2)^−2T, Macaulay duration = maturity
  close(bondFullPrice(0, 0.05, 10), 100 * Math.pow(1.025, -20), 1e-12, "zero");
  close(bondRisk(0, 0.05, 10).macaulayDuration, 10, 1e-12, "zero Macaulay");
  // par bond closed forms: modified duration (1 − (1 + y/2)^−2T) / y; 10-year 6%: 7.4387 (Fabozzi's 7.44)
  for (const [T, y] of [[2, 0.04], [10, 0.06], [30, 0.08]]) {
    const r = bondRisk(y, y, T);
    close(r.modifiedDuration, (1 - Math.pow(1 + y / 2, -2 * T)) / y, 1e-12, `ModDur ${T}y`);
    close(r.macaulayDuration, r.modifiedDuration * (1 + y / 2), 1e-12, `Macaulay ${T}y`);
    close(r.dv01, r.modifiedDuration * r.price * 1e-4, 1e-15, `DV01 ${T}y`);
  }
  close(bondRisk(0.06, 0.06, 10).modifiedDuration, 7.4387, 5e-5, "10y 6% ModDur");
  close(bondRisk(0.06, 0.06, 10).macaulayDuration, 7.6619, 5e-5, "10y 6% Macaulay");
  close(bondRisk(0.08, 0.08, 30).modifiedDuration, 11.3117, 5e-5, "30y 8% ModDur");
});

Deno.test("treasury_par_bond: analytic DV01 and convexity match central differences", () => {
  for (const [c, y, T] of [[0.05, 0.05, 2], [0.03, 0.045, 10], [0.06, 0.02, 29.75]]) {
    const r = bondRisk(c, y, T), h = 1e-5;
    const up = bondFullPrice(c, y + h, T), dn = bondFullPrice(c, y - h, T);
    close(r.dv01, ((dn - up) / (2 * h)) * 1e-4, 1e-7 * r.dv01, `dv01 ${T}`);
    close(r.convexity, (up - 2 * r.price + dn) / (h * h) / r.price, 1e-3 * r.convexity, `convexity ${T}`);
  }
});

Deno.test("treasury_par_bond property: price strictly decreasing and convex in the yield, DV01 > 0", () => {
  fc.assert(
    fc.property(
      fc.double({ min: 0, max: 0.15, noNaN: true }),
      fc.double({ min: -0.01, max: 0.2, noNaN: true }),
      fc.double({ min: 0.0001, max: 0.05, noNaN: true }),
      fc.integer({ min: 1, max: 60 }),
      fc.double({ min: 0, max: 0.49, noNaN: true }),
      (c, y, dy, halfYears, age) => {
        const T = halfYears / 2 - age > 0 ? halfYears / 2 - age : halfYears / 2;
        const p0 = bondFullPrice(c, y - dy, T), p1 = bondFullPrice(c, y, T), p2 = bondFullPrice(c, y + dy, T);
        assert.ok(p0 > p1 && p1 > p2, `not decreasing: ${p0}, ${p1}, ${p2}`);
        // convexity: the midpoint lies below the chord (relative slack for rounding)
        assert.ok(p0 + p2 - 2 * p1 > -1e-9 * p1, `not convex: ${p0 + p2 - 2 * p1}`);
        const r = bondRisk(c, y, T);
        assert.ok(r.dv01 > 0 && r.convexity > 0 && r.macaulayDuration <= T + 1e-12);
      },
    ),
    { numRuns: 300 },
  );
});

Deno.test("treasury_par_bond: holding P&L — zero when nothing moves at issue, carry when aged, sign of a move", () => {
  close(parBondHoldingPnl(0.04, 0.04, 10, 0), 0, 1e-10);
  // aged by a day at an unchanged yield: the full price grows by about y × age (carry)
  const carry = parBondHoldingPnl(0.04, 0.04, 10, 1 / 365.25);
  close(carry, 100 * (Math.pow(1.02, 2 / 365.25) - 1), 1e-9, "carry");
  assert.ok(parBondHoldingPnl(0.04, 0.045, 30, 2 / 365.25) < 0); // yields up: a long position loses
  assert.ok(parBondHoldingPnl(0.04, 0.035, 2, 2 / 365.25) > 0);
  // first-order: P&L ≈ −DV01 × Δy(bp) for a small move
  const r = bondRisk(0.04, 0.04, 10);
  close(parBondHoldingPnl(0.04, 0.0401, 10, 0), -r.dv01, 1e-4, "1 bp");
  // a coupon date inside the holding period is paid in cash: price + coupon is continuous across it
  const before = parBondHoldingPnl(0.05, 0.05, 10, 0.5 - 1e-7), after = parBondHoldingPnl(0.05, 0.05, 10, 0.5);
  close(before, after, 1e-4, "coupon date");
  close(bondAccrued(0.05, 9.5), 0, 0);
});

Deno.test("treasury_par_bond: par curve interpolation is linear between tenors and flat outside", () => {
  const curve = { tenors: [1, 2, 5, 10, 20, 30], yields: [0.01, 0.02, 0.03, 0.04, 0.045, 0.05] };
  close(parYieldAt(curve, 10), 0.04, 0);
  close(parYieldAt(curve, 9.99), 0.04 - 0.01 * 0.01 / 5, 1e-15);
  close(parYieldAt(curve, 29.5), 0.045 + 0.005 * 0.95, 1e-15);
  assert.equal(parYieldAt(curve, 0.5), 0.01);
  assert.equal(parYieldAt(curve, 40), 0.05);
  assert.ok(Number.isNaN(parYieldAt({ tenors: [5, 10], yields: [NaN, 0.04] }, 9)));
});

Deno.test("treasury_par_bond: bad input names the argument and the value", () => {
  assert.throws(() => bondFullPrice(0.04, NaN, 10), /bondFullPrice: yld .* got NaN/);
  assert.throws(() => bondFullPrice(-0.01, 0.04, 10), /coupon .* got -0.01/);
  assert.throws(() => bondFullPrice(0.04, 0.04, 0), /maturity .* got 0/);
  assert.throws(() => parBondHoldingPnl(0.04, 0.04, 10.3, 0), /multiple of ½ year, got 10.3/);
  assert.throws(() => parBondHoldingPnl(0.04, 0.04, 10, 10), /age .* got 10/);
  assert.throws(() => parBondHoldingPnl(-0.001, 0.04, 10, 0), /parYieldAtIssue .* got -0.001/);
  assert.throws(() => parYieldAt({ tenors: [2, 1], yields: [0.01, 0.02] }, 1.5), /tenors must increase, got 1 after 2/);
  assert.throws(() => parYieldAt({ tenors: [1], yields: [] }, 1), /equal, non-zero length/);
});
