import assert from "node:assert/strict";
import { buildFhsScenarios } from "./fhs.ts";
import { buildScenarios } from "./scenarios.ts";
import { ewmaVol } from "./ewma.ts";
import { hsMargin } from "./hs.ts";
import { createPrng } from "../core/prng.ts";

function path(n: number, seed: number, volAt: (t: number) => number): number[] {
  const rng = createPrng(seed);
  const p = [80];
  for (let t = 1; t < n; t++) p.push(p[t - 1] + volAt(t) * rng.normal());
  return p;
}

Deno.test("fhs: one-day absolute scenario = change × today's vol / vol at the time", () => {
  const p = path(200, 1, () => 1);
  const r = buildFhsScenarios([p], { lookback: 50, lambda: 0.94 });
  const c = Float64Array.from({ length: 199 }, (_, i) => p[i + 1] - p[i]);
  const s = ewmaVol(c, { lambda: 0.94 });
  assert.ok(Math.abs(r.todayVol[0] - s[199]) < 1e-12);
  const t = 199 - 50 + 7; // scenario 7
  assert.ok(Math.abs(r.scenarios.data[7] - c[t] * s[199] / s[t]) < 1e-10);
});

Deno.test("fhs: h-day scenario is the sum of filtered daily changes; with constant vol ≈ HS", () => {
  const p = path(400, 2, () => 1);
  const fhs = buildFhsScenarios([p], { mpor: 5, lookback: 300, lambda: 0.97 });
  const hs = buildScenarios([p], { mpor: 5, lookback: 300 });
  const ratio = hsMargin(fhs.scenarios.data, { tau: 0.99 }) / hsMargin(hs.data, { tau: 0.99 });
  assert.ok(ratio > 0.6 && ratio < 1.6, `ratio ${ratio}`);
});

Deno.test("fhs: after a calm period the vol floor lifts the margin", () => {
  const p = path(600, 3, (t) => (t < 400 ? 2 : 0.2));
  const noFloor = buildFhsScenarios([p], { lookback: 500 });
  const floored = buildFhsScenarios([p], { lookback: 500, volFloorFraction: 1 });
  assert.ok(floored.todayVol[0] > noFloor.todayVol[0]);
  assert.equal(floored.rawVol[0], noFloor.rawVol[0]);
  assert.ok(hsMargin(floored.scenarios.data) > hsMargin(noFloor.scenarios.data));
  const abs = buildFhsScenarios([p], { lookback: 500, volFloor: 5 });
  assert.equal(abs.todayVol[0], 5);
});

Deno.test("fhs: relative mode compounds filtered returns and scales to today's price", () => {
  const p = [100, 110, 121, 133.1];
  const r = buildFhsScenarios([p], { mode: "relative", mpor: 2, lookback: 1, lambda: 0.5 });
  // constant 10% returns: EWMA vol constant at 0.1, filtering is the identity
  assert.ok(Math.abs(r.scenarios.data[0] - (1.1 * 1.1 - 1) * 133.1) < 1e-9);
});

Deno.test("fhs: bad input is named", () => {
  assert.throws(() => buildFhsScenarios([[1, 2, 3]], { lambda: 1 }), /lambda must be < 1, got 1/);
  assert.throws(() => buildFhsScenarios([[1, 2, 3]], { volFloor: -1 }), /volFloor must be a finite number/);
  assert.throws(() => buildFhsScenarios([[1, 2, 3]], { lookback: 5 }), /lookback 5 needs 6 prices/);
  assert.throws(() => buildFhsScenarios([[1, -2, 3]], { mode: "relative" }), /prices\[0\]\[1\] = -2/);
});
