import assert from "node:assert/strict";
import { createPrng } from "../core/prng.ts";
import { generateSyntheticMarket, serializeSyntheticMarket } from "./synthetic_market.ts";
import {
  defaultSkewJumpParams,
  generateSkewJumpMarket,
  skewJumpMixture,
  skewJumpOracleSeries,
  skewJumpParams,
} from "./synthetic_nonlinear.ts";

async function sha256(s: string): Promise<string> {
  const d = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(s));
  return Array.from(new Uint8Array(d), (b) => b.toString(16).padStart(2, "0")).join("");
}

Deno.test("generateSkewJumpMarket: same seed → byte-identical market and oracle; other seed differs", async () => {
  const a = generateSkewJumpMarket(123, { days: 120 }), b = generateSkewJumpMarket(123, { days: 120 });
  assert.equal(await sha256(serializeSyntheticMarket(a)), await sha256(serializeSyntheticMarket(b)));
  const c = generateSkewJumpMarket(124, { days: 120 });
  assert.notEqual(await sha256(serializeSyntheticMarket(a)), await sha256(serializeSyntheticMarket(c)));
  const qa = skewJumpOracleSeries(a, 2, 1, 0.99, createPrng(5), { paths: 100 });
  const qb = skewJumpOracleSeries(b, 2, 1, 0.99, createPrng(5), { paths: 100 });
  assert.deepEqual(qa, qb);
});

Deno.test("baseline market unchanged: golden hash of generateSyntheticMarket(123, { days: 120 })", async () => {
  // Recorded before the skew-jump DGP was added; the base generator must keep consuming the PRNG as it did.
  assert.equal(
    await sha256(serializeSyntheticMarket(generateSyntheticMarket(123, { days: 120 }))),
    BASELINE_GOLDEN,
  );
});

const BASELINE_GOLDEN = "35d52026abde3e2342063caab670641439c603a6ff16d173f116da1997eaa8d6";

Deno.test("generateSkewJumpMarket: alert switches, crashes cluster in stressed-and-alert days, chains follow options", () => {
  const m = generateSkewJumpMarket(3, { days: 6000, chains: false });
  const n = { calm: 0, stressAlert: 0 }, crashes = { calm: 0, stressAlert: 0 };
  let on = 0;
  for (let t = 1; t < m.front.length; t++) {
    on += m.alert[t];
    const k = m.regime[t - 1] === 1 && m.alert[t - 1] === 1 ? "stressAlert" : m.regime[t - 1] === 0 ? "calm" : null;
    if (k === null) continue;
    n[k]++;
    if (m.jumps[t] < -0.1) crashes[k]++;
  }
  assert.ok(on > 1000 && on < 3000, `alert days ${on}`);
  const p = defaultSkewJumpParams();
  const rate = (k: "calm" | "stressAlert") => crashes[k] / n[k] * 252;
  // Expected crash rates: 0.3 a year calm, 10.3 stressed and on alert (loose bounds: Poisson counts).
  assert.ok(rate("calm") < 1.5, `calm crash rate ${rate("calm")}`);
  assert.ok(n.stressAlert > 150, `stressed-and-alert days ${n.stressAlert}`);
  assert.ok(rate("stressAlert") > 4 && rate("stressAlert") < 20, `stress-alert crash rate ${rate("stressAlert")}`);
  assert.equal(m.skewJump.crashIntensity, p.crashIntensity);
  const withChains = generateSkewJumpMarket(3, { days: 40 });
  assert.deepEqual(withChains.front, generateSkewJumpMarket(3, { days: 40, chains: false }).front);
  assert.equal(withChains.chains.length, 40);
  assert.deepEqual(withChains.chains[0].slices.map((s) => s.expiryDays), [21, 42]);
});

Deno.test("skewJumpMixture / oracle: the quantile jumps only when stressed AND on alert", () => {
  const p = defaultSkewJumpParams();
  const q = (s: number, z: number) => {
    const y = p.market.thetaV[s];
    return skewJumpMixture(p, s, z, y, [2], 2000, createPrng(11));
  };
  const spread = (s: number, z: number) => {
    const mix = q(s, z);
    let v = 0;
    for (let i = 0; i < mix.nPaths; i++) v += mix.variance[i] + mix.mean[i] * mix.mean[i];
    return Math.sqrt(v / mix.nPaths);
  };
  const base = spread(1, 0), both = spread(1, 1), calmAlert = spread(0, 1), calm = spread(0, 0);
  assert.ok(both > 1.5 * base, `stress+alert ${both} vs stress ${base}`);
  assert.ok(calmAlert < 1.1 * calm, `calm+alert ${calmAlert} vs calm ${calm}`);
});

Deno.test("skewJumpOracleSeries: the realised breach rate of the 99% oracle is about 1% (model and oracle agree)", () => {
  const m = generateSkewJumpMarket(21, { days: 4000, chains: false });
  const q = skewJumpOracleSeries(m, 2, 1, 0.99, createPrng(9), { paths: 300 });
  let breaches = 0, n = 0;
  for (let t = 0; t + 2 < m.front.length; t++) {
    n++;
    if (-1000 * (m.front[t + 2] - m.front[t]) > q[t]) breaches++;
  }
  assert.ok(breaches / n > 0.004 && breaches / n < 0.02, `breach rate ${breaches / n}`);
});

Deno.test("skewJumpParams / generateSkewJumpMarket: bad input names the argument", () => {
  assert.throws(() => skewJumpParams({ nope: 1 } as never), TypeError);
  assert.throws(() => skewJumpParams({ pAlertOn: 2 }), /pAlertOn/);
  assert.throws(() => skewJumpParams({ crashIntensity: -1 }), /crashIntensity/);
  assert.throws(() => skewJumpParams({ market: { rho: 2 } }), /rho/);
  assert.throws(() => generateSkewJumpMarket(1.5), /seed/);
  const p = defaultSkewJumpParams();
  assert.throws(() => skewJumpMixture(p, 2, 0, 0, [2], 10, createPrng(1)), /regime/);
  assert.throws(() => skewJumpMixture(p, 0, 3, 0, [2], 10, createPrng(1)), /alert/);
  assert.throws(() => skewJumpMixture(p, 0, 0, 0, [2, 1], 10, createPrng(1)), /horizons/);
  const m = generateSkewJumpMarket(1, { days: 10, chains: false });
  assert.throws(() => skewJumpOracleSeries(m, 0, 1, 0.99, createPrng(1)), /mpor/);
  assert.throws(() => skewJumpOracleSeries(m, 2, 0, 0.99, createPrng(1)), /position/);
  assert.throws(() => skewJumpOracleSeries(m, 2, 1, 1, createPrng(1)), /tau/);
});
