import assert from "node:assert/strict";
import { buildMarketDay } from "./market_day.ts";
import { syntheticPanel } from "./synthetic_panel.ts";
import { generatePortfolio } from "./generator.ts";
import { initWeights } from "./model.ts";
import { createPrng } from "../core/prng.ts";
import { measureLatency } from "./latency.ts";

Deno.test("measureLatency: with a counting clock every interval and speed-up is a ratio of counts", () => {
  const day = buildMarketDay(syntheticPanel(1, 2700), 2699, { span2TreeSteps: 10 });
  const rng = createPrng(2);
  const portfolios = Array.from({ length: 4 }, () => generatePortfolio(rng, day, { maxPositions: 3 }));
  const weights = initWeights({ kind: "transformer", dModel: 8, heads: 2, layers: 1, dff: 16, hidden: 8, seed: 1 });
  let t = 0;
  const lat = measureLatency({
    day,
    weights,
    portfolios,
    offset: 1000,
    referencePortfolios: 2,
    repeats: 2,
    now: () => ++t,
  });
  assert.equal(lat.measured, true);
  assert.equal(lat.portfolios, 4);
  // tokenization a→b and network b→e: one tick each
  assert.deepEqual(lat.endToEndMs, { p50: 2, p99: 2 });
  assert.deepEqual(lat.networkMs, { p50: 1, p99: 1 });
  assert.equal(lat.throughputPerSec, 8 / (1 / 1000));
  assert.deepEqual(lat.referenceMs, { n: 2, p50: 1, p99: 1, mean: 1 });
  assert.equal(lat.referenceTree200Ms.n, 2);
  assert.equal(lat.speedupP50, 0.5);
  assert.equal(lat.date, day.date);
});
