import { black76Price } from "../market/black76.ts";
import { createPrng } from "../core/prng.ts";
import { impliedVolBlack76, impliedVolBlack76Batch } from "./implied_vol.ts";

// 10,000 options spread over moneyness (±3 sd), expiries 1 day–5 y and vols 5%–150%.
const N = 10_000;
const rng = createPrng(1);
const K = new Float64Array(N), T = new Float64Array(N), prices = new Float64Array(N);
const isCall = new Uint8Array(N);
for (let i = 0; i < N; i++) {
  T[i] = 1 / 365 + rng.next() * 5;
  const vol = 0.05 + rng.next() * 1.45;
  K[i] = 100 * Math.exp(vol * Math.sqrt(T[i]) * 3 * (2 * rng.next() - 1));
  isCall[i] = rng.next() < 0.5 ? 1 : 0;
  prices[i] = black76Price(isCall[i] === 1, 100, K[i], T[i], vol, 0.98);
}
const out = { vol: new Float64Array(N), status: new Uint8Array(N) };

Deno.bench("impliedVolBlack76Batch: 10,000 inversions", () => {
  impliedVolBlack76Batch(prices, 100, K, T, isCall, 0.98, out);
});

Deno.bench("impliedVolBlack76 (scalar, validated, throwing API): 10,000 inversions", () => {
  for (let i = 0; i < N; i++) impliedVolBlack76(prices[i], 100, K[i], T[i], isCall[i] === 1, 0.98);
});
