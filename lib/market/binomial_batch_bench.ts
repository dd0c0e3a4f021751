/**
 * American trees one after another (`binomialUnchecked`) against `binomialAmericanBatch`, on the work the engines
 * do: one option revalued at the 2,770 FHS and stressed-window moves of the SPAN 2-like per-date cache (50-step
 * trees, as the labels), and the SPAN-like risk array's 7 scenario prices at one vol. Same doubles either way
 * (`binomial_batch_test.ts`).
 *
 * Run: `deno bench --frozen --deny-net --allow-read=. lib/market/binomial_batch_bench.ts`
 * @module
 */
import { createPrng } from "../core/prng.ts";
import { binomialUnchecked } from "./american.ts";
import { binomialAmericanBatch } from "./binomial_batch.ts";

const rng = createPrng(3);
const F0 = 72, T = 0.15, sigma = 0.42, r = 0.03;
const scenarios = Float64Array.from({ length: 2770 }, () => F0 + 14 * (rng.next() - 0.5));
const out = new Float64Array(scenarios.length);
const powCache = new Map<number, Float64Array>();

for (const [isCall, K] of [[false, 68.5], [true, 75.5]] as const) {
  const kind = `American ${isCall ? "call" : "put"} K = ${K}`;
  Deno.bench({
    name: `${kind}: 2,770 scenario prices, one tree after another (binomialUnchecked)`,
    group: `${kind}, 2,770 prices`,
    baseline: true,
    n: 20,
    fn() {
      for (let k = 0; k < scenarios.length; k++) {
        out[k] = binomialUnchecked(isCall, scenarios[k], K, T, sigma, r, true, 50);
      }
    },
  });
  Deno.bench({
    name: `${kind}: 2,770 scenario prices, binomialAmericanBatch`,
    group: `${kind}, 2,770 prices`,
    fn() {
      binomialAmericanBatch(isCall, scenarios, K, T, sigma, r, 50, out, powCache);
    },
  });
  const seven = scenarios.subarray(0, 7);
  Deno.bench({
    name: `${kind}: 7 prices (a SPAN-like vol group), one tree after another`,
    group: `${kind}, 7 prices`,
    baseline: true,
    fn() {
      for (let k = 0; k < 7; k++) out[k] = binomialUnchecked(isCall, seven[k], K, T, sigma, r, true, 50);
    },
  });
  Deno.bench({
    name: `${kind}: 7 prices, binomialAmericanBatch`,
    group: `${kind}, 7 prices`,
    fn() {
      binomialAmericanBatch(isCall, seven, K, T, sigma, r, 50, out, powCache);
    },
  });
}
