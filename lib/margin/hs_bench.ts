import { createPrng } from "../core/prng.ts";
import { hsVarEsBatch } from "./hs.ts";
import { createMatrix } from "./matrix.ts";

// Target: 10,000 portfolios × 2,500 scenarios × 20 instruments ≤ 1.5 s on one core.
const P = 10_000, I = 20, S = 2_500;
const rng = createPrng(2024);
const positions = createMatrix(P, I);
for (let k = 0; k < P * I; k++) positions.data[k] = Math.round(rng.normal() * 10);
const instrumentPnl = createMatrix(I, S);
for (let k = 0; k < I * S; k++) instrumentPnl.data[k] = rng.normal() * 1000;

Deno.bench({
  name: "hsVarEsBatch 10k portfolios × 2.5k scenarios × 20 instruments (VaR+ES 99%)",
  n: 3,
  warmup: 1,
  fn() {
    hsVarEsBatch(positions, instrumentPnl, 0.99);
  },
});
