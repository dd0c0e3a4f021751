import assert from "node:assert/strict";
import { createPrng } from "../core/prng.ts";
import { buildMarketDay, type MarketDay } from "./market_day.ts";
import { syntheticPanel } from "./synthetic_panel.ts";
import { generatePortfolio } from "./generator.ts";
import { initWeights } from "./model.ts";
import { createAnchorTokenizer } from "./anchor_tokenizer.ts";
import { latencyStats, measureWarmColdLatency } from "./warm_cold_latency.ts";

const day = buildMarketDay(syntheticPanel(1, 2700), 2699, { span2TreeSteps: 10 });
const rng = createPrng(2);
const portfolios = Array.from({ length: 5 }, () => generatePortfolio(rng, day, { maxPositions: 3 }));
const weights = initWeights({ kind: "transformer", dModel: 8, heads: 2, layers: 1, dff: 16, hidden: 8, seed: 1 });

Deno.test("latencyStats: type-7 quantiles, mean, max", () => {
  assert.deepEqual(latencyStats([4, 1, 3, 2]), { n: 4, p50: 2.5, p99: 3 + 0.97, mean: 2.5, max: 4 });
  const e = latencyStats([]);
  assert.equal(e.n, 0);
  assert.ok(Number.isNaN(e.p50) && Number.isNaN(e.max) && Number.isNaN(e.mean));
});

Deno.test("measureWarmColdLatency: with a counting clock every phase is one tick per portfolio", () => {
  let t = 0, made = 0;
  const r = measureWarmColdLatency({
    day,
    weights,
    portfolios,
    exactPortfolios: 2,
    tokenizer: (d: MarketDay) => {
      made++;
      return createAnchorTokenizer(d, { layout: "v1" });
    },
    now: () => ++t,
  });
  assert.equal(made, 1 + portfolios.length); // one warm tokenizer, one fresh one per portfolio
  const one = (n: number) => ({ n, p50: 1, p99: 1, mean: 1, max: 1 });
  assert.deepEqual(r.surrogate, { warm: one(5), cold: one(5), setupMs: one(5) });
  assert.deepEqual(r.exactCache, { warm: one(5), cold: one(2), setupMs: one(2) });
  assert.deepEqual(r.exactEngine, { warm: one(2), cold: one(2) });
  assert.deepEqual(r.speedupP50, { warmCache: 1, coldCache: 1, engine: 1, coldSurrogateOverWarmCache: 1 });
  assert.equal(r.portfolios, 5);
  assert.equal(r.date, day.date);
  assert.equal(r.meanPositions, portfolios.reduce((s, p) => s + p.positions.length, 0) / 5);
  // the clock is read twice per timed call and three times per cold call (set-up, then the call)
  assert.equal(t, 2 * 5 + 3 * 5 + 2 * 5 + 3 * 2 + 2 * 2 + 2 * 2); // surrogate warm, cold; cache warm, cold; engine ×2
});

Deno.test("measureWarmColdLatency: real clock gives positive times; bad inputs are named", () => {
  const r = measureWarmColdLatency({ day, weights, portfolios, exactPortfolios: 1, now: () => performance.now() });
  for (const s of [r.surrogate.warm, r.surrogate.cold, r.exactCache.warm, r.exactCache.cold, r.exactEngine.warm]) {
    assert.ok(s.p50 >= 0 && s.p99 >= s.p50 && s.max >= s.p99);
  }
  assert.throws(
    () => measureWarmColdLatency({ day, weights, portfolios: [], now: () => 0 }),
    /measureWarmColdLatency: portfolios is empty/,
  );
  assert.throws(
    () => measureWarmColdLatency({ day, weights, portfolios, exactPortfolios: 6, now: () => 0 }),
    /exactPortfolios must be an integer in \[1, 5\], got 6/,
  );
});
