import { createPrng } from "../core/prng.ts";
import { defaultSpan2Params, type Span2History, span2Margin } from "./span2.ts";
import { type MarketState, type Portfolio, type Position, UNDERLYINGS } from "../market/portfolio.ts";

// SPAN 2-like for one portfolio of 20 positions (12 European, 4 American options, 4 futures), 10-year FHS
// lookback (2,520 two-day scenarios) + full-history stress search, every option fully revalued.
const T = 2600;
const rng = createPrng(11);
const prices: Record<string, Float64Array> = {}, vols: Record<string, Float64Array> = {};
for (const [u, p0, sd] of [["WTI", 60, 1.3], ["BRENT", 64, 1.3], ["HH", 3, 0.1]] as const) {
  const p = new Float64Array(T), v = new Float64Array(T);
  p[0] = p0;
  for (let t = 0; t < T; t++) {
    if (t > 0) p[t] = p[t - 1] + sd * rng.normal();
    v[t] = 0.4 * Math.exp(0.2 * rng.normal());
  }
  prices[u] = p;
  vols[u] = v;
}
const history: Span2History = { prices, vols };
const market: MarketState = {
  WTI: { expiries: [0.1, 0.5, 1], prices: [72, 71, 70], vols: [0.4, 0.37, 0.35], rate: 0.04, contractSize: 1000 },
  BRENT: { expiries: [0.1, 0.5, 1], prices: [76, 75, 74], vols: [0.38, 0.35, 0.33], rate: 0.04, contractSize: 1000 },
  HH: { expiries: [0.25, 1], prices: [3, 3.5], vols: [0.6, 0.5], rate: 0.04, contractSize: 10000 },
};
const positions: Position[] = [];
for (let i = 0; i < 20; i++) {
  const u = UNDERLYINGS[i % 3];
  const m = market[u]!;
  const expiry = [0.25, 0.5, 1][i % 3];
  const q = (1 + rng.int(10)) * (rng.next() < 0.5 ? -1 : 1);
  if (i < 4) positions.push({ type: "future", underlying: u, quantity: q, expiry });
  else {
    positions.push({
      type: i % 2 ? "call" : "put",
      underlying: u,
      quantity: q,
      expiry,
      strike: Math.round(m.prices[0] * (0.8 + 0.03 * i) * 100) / 100,
      style: i >= 16 ? "american" : "european",
    });
  }
}
const portfolio: Portfolio = { positions };
const params = defaultSpan2Params();

Deno.bench({
  name: "SPAN 2-like, 1 portfolio × 20 positions (4 American, tree 200 steps), 2,520-scenario FHS + stress",
  n: 3,
  warmup: 1,
  fn() {
    span2Margin(portfolio, market, history, params);
  },
});

Deno.bench({
  name: "SPAN 2-like, same portfolio, European options only",
  n: 3,
  warmup: 1,
  fn() {
    span2Margin({ positions: positions.map((p) => ({ ...p, style: undefined })) }, market, history, params);
  },
});
