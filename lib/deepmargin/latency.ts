/**
 * Wall-clock latency of the DeepMargin estimate against the SPAN 2-like
 * reference on one market day: single-portfolio p50/p99 of tokenization (with
 * the SPAN-like margin) plus the network, of the network alone, batched
 * throughput, and `span2Margin` itself (at the day's tree steps and at 200).
 * The clock is an explicit input (results are machine-dependent: the e06 stage
 * declares them volatile and measures them in the full profile only).
 *
 * @example
 * ```ts
 * import { buildMarketDay, createPrng, generatePortfolio, initWeights, syntheticPanel } from "./mod.ts";
 * import { measureLatency } from "./latency.ts";
 * const day = buildMarketDay(syntheticPanel(1, 2700), 2699, { span2TreeSteps: 20 });
 * const rng = createPrng(1);
 * const portfolios = Array.from({ length: 10 }, () => generatePortfolio(rng, day, { maxPositions: 3 }));
 * const weights = initWeights({ kind: "transformer", dModel: 8, heads: 2, layers: 1, dff: 16, hidden: 8, seed: 1 });
 * const lat = measureLatency({ day, weights, portfolios, offset: 1000, referencePortfolios: 1, repeats: 1, now: () => performance.now() });
 * console.log(lat.endToEndMs.p50 > 0, lat.speedupP50);
 * ```
 * @module
 */
import { quantileSorted } from "../core/quantile.ts";
import type { Portfolio } from "../market/portfolio.ts";
import { span2Margin } from "../margin/span2.ts";
import { mean } from "./evaluation.ts";
import { createPredictor } from "./inference.ts";
import type { MarketDay } from "./market_day.ts";
import type { ModelWeights } from "./model.ts";
import { createTokenizer } from "./tokenizer.ts";

/** What {@link measureLatency} needs. */
export interface LatencyInput {
  day: MarketDay;
  weights: ModelWeights;
  portfolios: readonly Portfolio[];
  offset: number;
  /** Portfolios priced with `span2Margin` (the slow reference). */
  referencePortfolios: number;
  /** Timed passes over the portfolios (default 5). */
  repeats?: number;
  /** Milliseconds (e.g. `() => performance.now()`). */
  now: () => number;
}

/**
 * Measure the latencies (milliseconds) and the speed-ups over the reference.
 *
 * @example
 * ```ts ignore
 * measureLatency({ day, weights, portfolios, offset: 1000, referencePortfolios: 30, now: () => performance.now() });
 * ```
 */
export function measureLatency(input: LatencyInput) {
  const { day, now } = input;
  const repeats = input.repeats ?? 5;
  const tok = createTokenizer(day, { offset: input.offset });
  const predict = createPredictor(input.weights);
  const pfs = input.portfolios.map((p) => ({ positions: p.positions }));
  for (const pf of pfs) {
    predict(tok.tokenize(pf).tokens, pf.positions.length, new Float32Array(0), tok.aggregate(tok.tokenize(pf))); // warm-up
  }
  const endToEnd: number[] = [], netOnly: number[] = [];
  for (let rep = 0; rep < repeats; rep++) {
    for (const pf of pfs) {
      const a = now();
      const t = tok.tokenize(pf);
      const agg = tok.aggregate(t);
      const b = now();
      predict(t.tokens, t.n, t.context, agg);
      const e = now();
      endToEnd.push(e - a);
      netOnly.push(e - b);
    }
  }
  endToEnd.sort((a, b) => a - b);
  netOnly.sort((a, b) => a - b);
  const tb = now();
  let count = 0;
  for (let rep = 0; rep < repeats; rep++) {
    for (const pf of pfs) {
      const t = tok.tokenize(pf);
      predict(t.tokens, t.n, t.context, tok.aggregate(t));
      count++;
    }
  }
  const throughput = count / ((now() - tb) / 1000);
  const timed = (list: readonly Portfolio[], treeSteps?: number) =>
    list.map((pf) => {
      const a = now();
      span2Margin(pf, day.market, day.history, treeSteps ? { ...day.span2Params, treeSteps } : day.span2Params);
      return now() - a;
    }).sort((a, b) => a - b);
  const ref = timed(pfs.slice(0, input.referencePortfolios));
  const refDefault = timed(pfs.slice(0, Math.min(5, input.referencePortfolios)), 200);
  const q = quantileSorted;
  return {
    measured: true as const,
    date: day.date,
    portfolios: pfs.length,
    endToEndMs: { p50: q(endToEnd, 0.5), p99: q(endToEnd, 0.99) },
    networkMs: { p50: q(netOnly, 0.5), p99: q(netOnly, 0.99) },
    throughputPerSec: throughput,
    referenceMs: { n: ref.length, p50: q(ref, 0.5), p99: q(ref, 0.99), mean: mean(ref) },
    referenceTree200Ms: { n: refDefault.length, p50: q(refDefault, 0.5) },
    speedupP50: q(ref, 0.5) / q(endToEnd, 0.5),
    speedupMean: mean(ref) / mean(endToEnd),
    speedupTree200P50: q(refDefault, 0.5) / q(endToEnd, 0.5),
  };
}

/** The latency block of the e06 metrics. */
export type Latency = ReturnType<typeof measureLatency>;
