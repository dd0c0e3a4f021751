import assert from "node:assert/strict";
import { createPrng } from "../core/prng.ts";
import { black76Price } from "./black76.ts";
import { impliedVolOtm, syntheticModelPrices } from "./synthetic_chain.ts";
import { drawPaths, DT } from "./synthetic_dynamics.ts";
import { defaultSyntheticParams } from "./synthetic_params.ts";

Deno.test("impliedVolOtm inverts Black-76", () => {
  for (const [K, s, T] of [[60, 0.3, 0.1], [100, 0.5, 0.5], [140, 0.8, 0.08], [90, 0.05, 1]]) {
    const isCall = K >= 100;
    const pr = black76Price(isCall, 100, K, T, s, 0.99);
    assert.ok(Math.abs(impliedVolOtm(pr, isCall, 100, K, T, 0.99) - s) < 1e-9);
  }
  assert.ok(Number.isNaN(impliedVolOtm(-1, true, 100, 110, 1, 1)));
});

Deno.test("syntheticModelPrices: put–call parity, scale invariance, skew sign, regime level", () => {
  const p = defaultSyntheticParams();
  const d = drawPaths(64, 63, createPrng(1));
  const K = [50, 60, 70, 80, 90];
  const r = syntheticModelPrices(p, 70, 0, p.thetaV[0], [21, 63], [K, K], d);
  const T = 21 * DT, df = Math.exp(-p.rate * T);
  for (let j = 0; j < K.length; j++) {
    assert.ok(Math.abs(r[0].call[j] - r[0].put[j] - df * (70 - K[j])) < 1e-10);
  }
  // Scale invariance: doubling F and K doubles prices, same vols.
  const r2 = syntheticModelPrices(p, 140, 0, p.thetaV[0], [21, 63], [K.map((k) => 2 * k), K.map((k) => 2 * k)], d);
  for (let j = 0; j < K.length; j++) assert.ok(Math.abs(r2[0].vol[j] - r[0].vol[j]) < 1e-9);
  // Negative spot–vol correlation and negative mean jumps → downside vols above upside vols.
  assert.ok(r[1].vol[0] > r[1].vol[4]);
  // The stress regime prices a higher ATM vol.
  const s = syntheticModelPrices(p, 70, 1, p.thetaV[1], [21], [[70]], d);
  assert.ok(s[0].vol[0] > r[0].vol[2] + 0.1);
  assert.ok(Math.abs(r[0].refVol - r[0].vol[2]) < 0.1);
});
