import assert from "node:assert/strict";
import { binomialCdf, binomialPmf, chi2Sf1, chi2Sf2 } from "./distributions.ts";

// Expected values computed independently with python3 (math.comb sums, math.erfc), see lib/backtest/kupiec_test.ts.
Deno.test("binomialCdf: n=250, p=0.01 golden values", () => {
  assert.ok(Math.abs(binomialCdf(4, 250, 0.01) - 0.8921876269036233) < 1e-12);
  assert.ok(Math.abs(binomialCdf(5, 250, 0.01) - 0.9588168159301496) < 1e-12);
  assert.ok(Math.abs(binomialCdf(9, 250, 0.01) - 0.9997498099312573) < 1e-12);
  assert.ok(Math.abs(binomialCdf(10, 250, 0.01) - 0.9999461013709507) < 1e-12);
  assert.equal(binomialCdf(-1, 250, 0.01), 0);
  assert.equal(binomialCdf(250, 250, 0.01), 1);
});

Deno.test("binomialPmf sums to 1 and matches the CDF increments", () => {
  let s = 0;
  for (let k = 0; k <= 40; k++) s += binomialPmf(k, 40, 0.3);
  assert.ok(Math.abs(s - 1) < 1e-12);
  assert.ok(Math.abs(binomialCdf(7, 40, 0.3) - binomialCdf(6, 40, 0.3) - binomialPmf(7, 40, 0.3)) < 1e-14);
});

Deno.test("chi-square survival: 5% critical values", () => {
  assert.ok(Math.abs(chi2Sf1(3.841458820694124) - 0.05) < 1e-12);
  assert.ok(Math.abs(chi2Sf2(5.991464547107979) - 0.05) < 1e-12);
  assert.equal(chi2Sf1(0), 1);
  assert.throws(() => chi2Sf1(NaN), RangeError);
});

Deno.test("binomial: bad arguments are named", () => {
  assert.throws(() => binomialCdf(1, 2.5, 0.1), /n must be an integer >= 0, got 2.5/);
  assert.throws(() => binomialCdf(1, 10, 1.5), /p must lie in \[0, 1\], got 1.5/);
});
