import assert from "node:assert/strict";
import { trafficLightZones } from "../backtest/mod.ts";
import { createPrng } from "../core/prng.ts";
import { evaluateMultiplier } from "./evaluate.ts";
import { evaluateBacktest } from "./evaluate_backtest.ts";

function sample(n: number, seed: number) {
  const rng = createPrng(seed);
  const im = Float64Array.from({ length: n }, () => 100 + 20 * rng.next());
  const r = Float64Array.from({ length: n }, () => 0.4 * rng.normal());
  const loss = Float64Array.from(r, (v, i) => v * im[i]);
  return { im, r, loss };
}

Deno.test("evaluateBacktest: extends evaluateMultiplier with the same shared values", () => {
  const n = 400, s = sample(n, 2);
  const m = Float64Array.from({ length: n }, (_, i) => 0.9 + 0.2 * Math.sin(i / 20));
  const bench = new Float64Array(n).fill(1.1);
  const groups = Array.from({ length: n }, (_, i) => 2020 + Math.floor(i / 200));
  const e = evaluateBacktest({
    ...s,
    m,
    bench,
    tau: 0.99,
    mpor: 2,
    zone: trafficLightZones(n, 0.99),
    groups,
    groupZone: (k) => trafficLightZones(k, 0.99),
  });
  const b = evaluateMultiplier({ ...s, m, bench, tau: 0.99 });
  for (const [k, v] of Object.entries(b)) assert.ok(Object.is(e[k as keyof typeof e], v), k);
  assert.equal(Object.keys(e).length, 26);
  assert.ok(e.dmP > 0 && e.dmP < 1);
  assert.ok(e.yellowYears + e.redYears <= 2);
  assert.ok(e.meanAbsChangeMult > 0 && e.peakToTrough >= 1);
});

Deno.test("evaluateBacktest: the benchmark itself has DM 0 / p 1; many breaches in one group make it red", () => {
  const n = 300, s = sample(n, 5);
  const m = new Float64Array(n).fill(0.5);
  const groups = Array.from({ length: n }, (_, i) => (i < 150 ? 1 : 2));
  const e = evaluateBacktest({
    ...s,
    m,
    bench: m,
    tau: 0.99,
    mpor: 1,
    zone: trafficLightZones(n, 0.99),
    groups,
    groupZone: (k) => trafficLightZones(k, 0.99),
  });
  assert.deepEqual([e.dmStat, e.dmP], [0, 1]);
  assert.equal(e.redYears, 2);
  assert.equal(e.zoneScore, 2);
  assert.equal(e.marginRatio, 1);
});

Deno.test("evaluateBacktest: bad inputs are RangeErrors", () => {
  const s = sample(10, 1), m = new Float64Array(10).fill(1), zone = trafficLightZones(10, 0.99);
  const base = { ...s, m, bench: m, tau: 0.99, mpor: 1, zone, groupZone: () => zone };
  assert.throws(() => evaluateBacktest({ ...base, groups: [1, 2] }), /groups has length 2/);
  assert.throws(() => evaluateBacktest({ ...base, groups: new Array(10).fill(1), mpor: 0 }), /mpor must be/);
});
