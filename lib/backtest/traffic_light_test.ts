import assert from "node:assert/strict";
import { createPrng } from "../core/prng.ts";
import { overlappingZoneLimits, simulateOverlappingCounts, trafficLight, trafficLightZones } from "./traffic_light.ts";

Deno.test("trafficLightZones: Basel table for 250 obs at 99%", () => {
  const z = trafficLightZones(250, 0.99);
  assert.deepEqual(z, { greenMax: 4, yellowMax: 9 });
  assert.equal(trafficLight(0, z), "green");
  assert.equal(trafficLight(4, z), "green");
  assert.equal(trafficLight(5, z), "yellow");
  assert.equal(trafficLight(9, z), "yellow");
  assert.equal(trafficLight(10, z), "red");
});

Deno.test("overlappingZoneLimits: h = 1 reproduces the binomial green limit; h = 10 widens the zones", () => {
  const one = overlappingZoneLimits(250, 1, 0.99, createPrng(1), { nSims: 20000 });
  assert.equal(one.greenMax, 4);
  const ten = overlappingZoneLimits(250, 10, 0.99, createPrng(2), { nSims: 20000 });
  assert.ok(ten.greenMax > 4, `greenMax ${ten.greenMax}`);
  assert.ok(ten.yellowMax > ten.greenMax);
  // deterministic under a seed
  const again = overlappingZoneLimits(250, 10, 0.99, createPrng(2), { nSims: 20000 });
  assert.deepEqual([again.greenMax, again.yellowMax], [ten.greenMax, ten.yellowMax]);
});

Deno.test("traffic light: bad input is named", () => {
  assert.throws(() => trafficLightZones(0, 0.99), /n must be an integer >= 1, got 0/);
  assert.throws(() => trafficLight(-1, { greenMax: 4, yellowMax: 9 }), /exceptions must be an integer >= 0, got -1/);
  assert.throws(() => overlappingZoneLimits(250, 0, 0.99, createPrng(1)), /mpor must be an integer >= 1, got 0/);
});

Deno.test("simulateOverlappingCounts: the histogram behind overlappingZoneLimits (same seed, same draws)", () => {
  const hist = simulateOverlappingCounts(120, 3, 0.99, createPrng(5), 2000);
  assert.equal(hist.length, 121);
  assert.equal(hist.reduce((a, b) => a + b, 0), 2000);
  const z = overlappingZoneLimits(120, 3, 0.99, createPrng(5), { nSims: 2000 });
  let acc = 0;
  for (let k = 0; k <= 120; k++) {
    acc += hist[k];
    assert.equal(z.distribution[k], acc / 2000);
  }
  assert.throws(() => simulateOverlappingCounts(10, 0, 0.99, createPrng(1), 10), /mpor must be an integer >= 1, got 0/);
});
