import { createPrng } from "../core/prng.ts";
import { fitSabr } from "./fit_sabr.ts";
import { sabrVolArray } from "./sabr.ts";

// 1,000 slices × 50 strikes: random SABR smiles (β = 0.5) with 0.2 vol-point noise.
const rng = createPrng(12);
const F = 100, T = 0.5;
const K = Float64Array.from({ length: 50 }, (_, i) => 60 + 80 * i / 49);
const slices: Float64Array[] = [];
for (let s = 0; s < 1000; s++) {
  const p = { alpha: 1 + 3 * rng.next(), beta: 0.5, nu: 0.2 + 1.2 * rng.next(), rho: -0.8 + 1.2 * rng.next() };
  const v = sabrVolArray(K, F, T, p);
  for (let i = 0; i < v.length; i++) v[i] += 0.002 * rng.normal();
  slices.push(v);
}

Deno.bench("fitSabr: 1,000 slices × 50 strikes", { n: 3, warmup: 1 }, () => {
  for (const v of slices) fitSabr(F, T, K, v, 0.5);
});
