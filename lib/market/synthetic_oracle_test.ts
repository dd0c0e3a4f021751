import assert from "node:assert/strict";
import { createPrng } from "../core/prng.ts";
import { conditionalMixture, stepSynthetic } from "./synthetic_dynamics.ts";
import { generateSyntheticMarket } from "./synthetic_market.ts";
import {
  mixtureLossQuantile,
  oracleLossDistribution,
  oracleQuantile,
  oracleQuantileSeries,
} from "./synthetic_oracle.ts";
import { defaultSyntheticParams } from "./synthetic_params.ts";

/** Brute-force h-day losses of 1 contract by stepping the full model from a state. */
function bruteLosses(regime: number, logVar: number, F0: number, h: number, n: number, seed: number, pos: number) {
  const p = defaultSyntheticParams();
  const rng = createPrng(seed);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const s = { regime, logVar, logPrice: Math.log(F0), chi: 0, jump: 0 };
    for (let k = 0; k < h; k++) stepSynthetic(p, s, rng);
    out[i] = -pos * 1000 * (Math.exp(s.logPrice) - F0);
  }
  return out;
}

Deno.test("oracle: brute-force simulations from the state breach the 99% oracle ≈ 1% of the time", () => {
  const p = defaultSyntheticParams();
  for (const [regime, pos] of [[0, 1], [1, -1], [1, 1]]) {
    const logVar = p.thetaV[regime];
    const mix = conditionalMixture(p, regime, logVar, [5], 4000, createPrng(100 + regime));
    const q99 = mixtureLossQuantile(60, mix, 0, pos, 0.99);
    const losses = bruteLosses(regime, logVar, 60, 5, 20000, 7 + regime, pos);
    let breaches = 0;
    for (const l of losses) if (l > q99) breaches++;
    const rate = breaches / losses.length;
    assert.ok(rate > 0.0075 && rate < 0.0125, `regime ${regime} pos ${pos}: breach rate ${rate}`);
    // The mixture mean of F_T equals F0 (martingale) within MC error.
    let mF = 0;
    for (let i = 0; i < mix.nPaths; i++) mF += Math.exp(mix.mean[i] + 0.5 * mix.variance[i]);
    assert.ok(Math.abs(mF / mix.nPaths - 1) < 0.01);
  }
});

Deno.test("oracle: monotone in q and h, long tail heavier (negative skew), deterministic per seed", () => {
  const m = generateSyntheticMarket(21, { days: 60, chains: false });
  const long99 = oracleQuantile(m, 30, 10, 1, 0.99, createPrng(1), { paths: 2000 });
  const long95 = oracleQuantile(m, 30, 10, 1, 0.95, createPrng(1), { paths: 2000 });
  const long99h1 = oracleQuantile(m, 30, 1, 1, 0.99, createPrng(1), { paths: 2000 });
  const short99 = oracleQuantile(m, 30, 10, -1, 0.99, createPrng(1), { paths: 2000 });
  assert.ok(long99 > long95 && long95 > 0);
  assert.ok(long99 > long99h1);
  assert.ok(long99 > short99 && short99 > 0);
  assert.equal(long99, oracleQuantile(m, 30, 10, 1, 0.99, createPrng(1), { paths: 2000 }));
  // Two contracts: twice the loss quantile.
  assert.ok(Math.abs(oracleQuantile(m, 30, 10, 2, 0.99, createPrng(1), { paths: 2000 }) - 2 * long99) < 1e-6);
  assert.throws(() => oracleQuantile(m, 60, 1, 1, 0.99, createPrng(1)), /t must be/);
  assert.throws(() => oracleQuantile(m, 0, 0, 1, 0.99, createPrng(1)), /mpor must be/);
  assert.throws(() => oracleQuantile(m, 0, 1, 0, 0.99, createPrng(1)), /position/);
  assert.throws(() => oracleQuantile(m, 0, 1, 1, 1, createPrng(1)), /tau must be/);
});

Deno.test("oracle: the realized market breaches its own 1-day 99% oracle about 1% of days", () => {
  const m = generateSyntheticMarket(8, { days: 2500, chains: false });
  const o = oracleQuantileSeries(m, 1, 1, 0.99, createPrng(2), { paths: 300 });
  let breaches = 0;
  for (let t = 0; t + 1 < m.front.length; t++) if (-1000 * (m.front[t + 1] - m.front[t]) > o[t]) breaches++;
  assert.ok(breaches >= 10 && breaches <= 45, `breaches ${breaches} of 2499`);
});

Deno.test("oracleLossDistribution: CDF inverts the quantile, ES matches brute force, mean ≈ 0", () => {
  const m = generateSyntheticMarket(31, { days: 40, chains: false });
  for (const pos of [1, -1]) {
    const d = oracleLossDistribution(m, 20, 5, pos, createPrng(9), { paths: 3000 });
    for (const q of [0.9, 0.99, 0.999]) assert.ok(Math.abs(d.cdf(d.quantile(q)) - q) < 1e-9);
    assert.ok(d.expectedShortfall(0.99) > d.quantile(0.99));
    assert.ok(Math.abs(d.expectedLoss()) < 0.02 * d.quantile(0.99));
    const losses = bruteLosses(m.regime[20], m.logVar[20], m.front[20], 5, 40000, 77, pos).sort();
    const v = losses[Math.floor(0.975 * losses.length)];
    let es = 0, n = 0;
    for (const l of losses) if (l >= v) (es += l, n++);
    es /= n;
    const rel = Math.abs(d.expectedShortfall(0.975) - es) / es;
    assert.ok(rel < 0.05, `pos ${pos}: ES ${d.expectedShortfall(0.975)} vs brute ${es}`);
  }
});
