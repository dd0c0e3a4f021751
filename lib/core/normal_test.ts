import assert from "node:assert/strict";
import { erfc, normCdf, normInv, normInvApprox, normPdf } from "./normal.ts";

const close = (a: number, b: number, tol: number) => assert.ok(Math.abs(a - b) <= tol, `${a} vs ${b} (tol ${tol})`);

// Golden values: Abramowitz & Stegun tables and scipy.stats.norm (cdf/ppf), computed independently.
Deno.test("normCdf: golden values", () => {
  close(normCdf(0), 0.5, 1e-16);
  close(normCdf(1), 0.8413447460685429, 1e-15);
  close(normCdf(1.96), 0.9750021048517795, 1e-15);
  close(normCdf(-1.959963984540054), 0.025, 1e-15);
  close(normCdf(-2.3263478740408408), 0.01, 1e-15);
  // deep tail: Φ(-10) = 7.61985302416e-24
  close(normCdf(-10) / 7.619853024160527e-24, 1, 1e-12);
  assert.ok(Number.isNaN(normCdf(NaN)));
});

Deno.test("normPdf and erfc: golden values", () => {
  assert.equal(normPdf(0), 0.3989422804014327);
  close(normPdf(1), 0.24197072451914337, 1e-16);
  assert.equal(erfc(0), 1);
  close(erfc(1), 0.15729920705028516, 1e-16);
  close(erfc(-1), 1.8427007929497148, 1e-15);
  close(erfc(5) / 1.5374597944280347e-12, 1, 1e-14);
});

Deno.test("normInv: golden values and round trip through normCdf across the range", () => {
  close(normInv(0.99), 2.3263478740408408, 1e-15);
  close(normInv(0.975), 1.959963984540054, 1e-15);
  assert.ok(Math.abs(normInv(0.5)) < 1e-15);
  close(normInv(1e-10), -6.361340902404056, 1e-9);
  for (const p of [1e-12, 1e-6, 0.001, 0.02, 0.3, 0.5, 0.7, 0.975, 0.99, 0.999999]) {
    assert.ok(Math.abs(normCdf(normInv(p)) - p) < 1e-13 * Math.max(1, p / (1 - p)), `p = ${p}`);
  }
});

Deno.test("normInvApprox: Acklam's starting point within 1.2e-9 relative, infinite outside (0, 1)", () => {
  for (const p of [1e-8, 0.01, 0.3, 0.5, 0.9, 0.99, 1 - 1e-8]) {
    const x = normInv(p), a = normInvApprox(p);
    assert.ok(Math.abs(a - x) <= 1.2e-9 * Math.max(Math.abs(x), 1e-3), `p = ${p}: ${a} vs ${x}`);
  }
  assert.ok(Math.abs(normInvApprox(1e-10) + 6.361340902404056) < 1e-7);
  assert.equal(normInvApprox(0), -Infinity);
  assert.equal(normInvApprox(1), Infinity);
});

Deno.test("normInv: bad input is named", () => {
  assert.throws(() => normInv(0), /p must lie in \(0, 1\), got 0/);
  assert.throws(() => normInv(1), /p must lie in \(0, 1\), got 1/);
  assert.throws(() => normInv(NaN), /got NaN/);
});
