import { createPrng } from "../core/prng.ts";
import { createSpanEngine, defaultSpanParams } from "./span.ts";
import { type Instrument, type MarketState, type Portfolio, type Position, UNDERLYINGS } from "../market/portfolio.ts";

// Target: 10,000 portfolios of ≤ 20 positions ≤ 0.5 s (risk arrays precomputed per instrument).
const curve = (prices: number[], vols: number[], contractSize: number) => ({
  expiries: [0.1, 0.25, 0.5, 1],
  prices,
  vols,
  rate: 0.04,
  contractSize,
});
const market: MarketState = {
  WTI: curve([72, 71.5, 71, 70], [0.4, 0.38, 0.37, 0.35], 1000),
  BRENT: curve([76, 75.5, 75, 74], [0.38, 0.36, 0.35, 0.33], 1000),
  HH: curve([3, 3.2, 3.4, 3.5], [0.7, 0.65, 0.6, 0.5], 10000),
};
const universe: Instrument[] = [];
for (const u of UNDERLYINGS) {
  const m = market[u]!;
  m.expiries.forEach((e, i) => {
    universe.push({ type: "future", underlying: u, expiry: e });
    for (const k of [0.7, 0.8, 0.9, 1, 1.1, 1.2, 1.3]) {
      const strike = Math.round(m.prices[i] * k * 100) / 100;
      universe.push({ type: "call", underlying: u, expiry: e, strike, style: k === 1 ? "american" : "european" });
      universe.push({ type: "put", underlying: u, expiry: e, strike, style: k === 1 ? "american" : "european" });
    }
  });
}
const rng = createPrng(7);
const portfolios: Portfolio[] = [];
for (let i = 0; i < 10_000; i++) {
  const n = 1 + rng.int(20);
  const positions: Position[] = [];
  for (let j = 0; j < n; j++) {
    const q = (1 + rng.int(10)) * (rng.next() < 0.5 ? -1 : 1);
    positions.push({ ...universe[rng.int(universe.length)], quantity: q });
  }
  portfolios.push({ positions });
}
const warm = createSpanEngine(market, defaultSpanParams());
warm.marginBatch(portfolios);

Deno.bench({
  name: `SPAN-like 10k portfolios ≤ 20 positions (risk arrays cached, ${universe.length} instruments)`,
  n: 5,
  warmup: 1,
  fn() {
    warm.marginBatch(portfolios);
  },
});

Deno.bench({
  name: "SPAN-like 10k portfolios, cold engine (includes building all risk arrays)",
  n: 3,
  warmup: 0,
  fn() {
    createSpanEngine(market, defaultSpanParams()).marginBatch(portfolios);
  },
});
