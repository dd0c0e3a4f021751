import { createPrng } from "../core/prng.ts";
import { fitSvi } from "./fit_svi.ts";
import { sviTotalVarianceArray } from "./svi.ts";

// 1,000 slices × 50 strikes: random SVI smiles with 0.5% multiplicative noise.
const rng = createPrng(11);
const k = Float64Array.from({ length: 50 }, (_, i) => -0.8 + 1.4 * i / 49);
const slices: Float64Array[] = [];
for (let s = 0; s < 1000; s++) {
  const p = {
    a: 0.005 + 0.03 * rng.next(),
    b: 0.05 + 0.3 * rng.next(),
    rho: -0.9 + 1.3 * rng.next(),
    m: -0.2 + 0.4 * rng.next(),
    sigma: 0.05 + 0.4 * rng.next(),
  };
  const w = sviTotalVarianceArray(p, k);
  for (let i = 0; i < w.length; i++) w[i] *= 1 + 0.005 * rng.normal();
  slices.push(w);
}

Deno.bench("fitSvi: 1,000 slices × 50 strikes", { n: 3, warmup: 1 }, () => {
  for (const w of slices) fitSvi(k, w);
});
