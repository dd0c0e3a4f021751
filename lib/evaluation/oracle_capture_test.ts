import assert from "node:assert/strict";
import { createPrng } from "../core/prng.ts";
import { oracleCapture } from "./oracle_capture.ts";

const n = 500, rng = createPrng(9);
const im = Float64Array.from({ length: n }, () => 50 + 50 * rng.next());
const sigma = Float64Array.from({ length: n }, (_, i) => 0.3 + 0.2 * Math.sin(i / 30));
const r = Float64Array.from(sigma, (s) => s * rng.normal());
const loss = Float64Array.from(r, (v, i) => v * im[i]);
const oracle = Float64Array.from(sigma, (s) => 2.326 * s);
const bench = new Float64Array(n).fill(0.9);

Deno.test("oracleCapture: the oracle captures all, the benchmark nothing", () => {
  const o = oracleCapture({ loss, im, r, m: oracle, bench, oracle, tau: 0.99, mpor: 1 });
  assert.equal(o.pinballGainCaptured, 1);
  assert.equal(o.marginSavingCaptured, 1);
  assert.equal(o.maeToOracle, 0);
  const b = oracleCapture({ loss, im, r, m: bench, bench, oracle, tau: 0.99, mpor: 1 });
  assert.equal(b.pinballGainCaptured, 0);
  assert.equal(b.marginSavingCaptured, 0);
  assert.deepEqual([b.dmStat, b.dmP, b.marginRatio], [0, 1, 1]);
});

Deno.test("oracleCapture: halfway to the oracle saves half the margin; distance is the mean gap", () => {
  const half = Float64Array.from(oracle, (v, i) => (v + bench[i]) / 2);
  const c = oracleCapture({ loss, im, r, m: half, bench, oracle, tau: 0.99, mpor: 1 });
  assert.ok(Math.abs(c.marginSavingCaptured - 0.5) < 1e-12);
  let gap = 0;
  for (let i = 0; i < n; i++) gap += Math.abs(half[i] - oracle[i]) / n;
  assert.ok(Math.abs(c.maeToOracle - gap) < 1e-12);
  assert.ok(c.pinballGainCaptured > 0 && c.pinballGainCaptured < 1);
  assert.throws(
    () => oracleCapture({ loss, im, r, m: half, bench, oracle: oracle.subarray(1), tau: 0.99, mpor: 1 }),
    RangeError,
  );
});
