import { generateSyntheticMarket } from "../market/synthetic_market.ts";
import { buildSyntheticFeatures } from "./synthetic_features.ts";

const withChains = generateSyntheticMarket(1, { days: 10_000, chains: false });
const small = generateSyntheticMarket(1, { days: 250 });

Deno.bench("buildSyntheticFeatures: 10,000 days, historical + curve only (surface: false)", () => {
  buildSyntheticFeatures(withChains, { surface: false });
});

Deno.bench("buildSyntheticFeatures: 250 days with surface features (4 slices: SVI, SABR, RR/BF, BKM)", {
  n: 3,
  warmup: 1,
}, () => {
  buildSyntheticFeatures(small);
});
