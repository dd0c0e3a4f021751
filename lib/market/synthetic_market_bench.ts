import { createPrng } from "../core/prng.ts";
import { generateSyntheticMarket } from "./synthetic_market.ts";
import { oracleQuantileSeries } from "./synthetic_oracle.ts";

Deno.bench("generateSyntheticMarket: 2,500 days with chains (4 slices × 21 strikes, 64 pricer paths)", {
  n: 5,
  warmup: 1,
}, () => {
  generateSyntheticMarket(1, { days: 2500 });
});

Deno.bench("generateSyntheticMarket: 2,500 days without chains", () => {
  generateSyntheticMarket(1, { days: 2500, chains: false });
});

const m = generateSyntheticMarket(1, { days: 2500, chains: false });
Deno.bench("oracleQuantileSeries: 2,500 days, h = 10, 1,000 paths/day", { n: 3, warmup: 1 }, () => {
  oracleQuantileSeries(m, 10, 1, 0.99, createPrng(2), { paths: 1000 });
});
