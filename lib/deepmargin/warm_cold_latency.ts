/**
 * Warm and cold single-portfolio latency (issue 15, DeepMargin v2) of the three ways to get a SPAN 2-like margin
 * on one market day, over many portfolios (the bench uses ≥ 1,000), each portfolio timed on its own (p50, p99,
 * mean in milliseconds):
 *
 * - **surrogate**: tokenizer (validation, SPAN-like margin, tokens, aggregates) + network (`createPredictor`) +
 *   `marginFromY`;
 * - **exact cache**: the exact per-date cache `createSpan2Cache(...).margin` (`span2_cache.ts`);
 * - **exact engine**: `span2Margin` from scratch (`lib/margin/span2.ts`; it keeps nothing between calls).
 *
 * **Warm**: one tokenizer and one cache for the day, every portfolio priced once untimed first (every instrument's
 * risk arrays, tokens and scenario revaluations cached, the JIT warm), then each portfolio timed. **Cold**: each
 * portfolio timed on a *fresh* tokenizer / cache (created just before, untimed — its per-day set-up is timed on its
 * own as `setupMs`: the SPAN-like engine, or the FHS and stressed-window scenario sets of the exact cache), so
 * every instrument of the portfolio is revalued inside the timed call; the JIT is warm (an untimed pass runs
 * first). The exact engine has no cache: its warm and cold figures time the same computation (second and first
 * timed pass). All wall-clock: machine- and load-dependent (report `uptime` next to them); the clock is an input.
 *
 * @example
 * ```ts
 * import { buildMarketDay, createPrng, generatePortfolio, initWeights, syntheticPanel } from "./mod.ts";
 * import { measureWarmColdLatency } from "./warm_cold_latency.ts";
 * const day = buildMarketDay(syntheticPanel(1, 2700), 2699, { span2TreeSteps: 10 });
 * const rng = createPrng(1);
 * const portfolios = Array.from({ length: 4 }, () => generatePortfolio(rng, day, { maxPositions: 2 }));
 * const weights = initWeights({ kind: "transformer", dModel: 8, heads: 2, layers: 1, dff: 16, hidden: 8, seed: 1 });
 * const r = measureWarmColdLatency({ day, weights, portfolios, exactPortfolios: 1, now: () => performance.now() });
 * console.log(r.surrogate.warm.p50, r.exactCache.cold.p99, r.exactEngine.warm.n);
 * ```
 * @module
 */
import { quantileSorted } from "../core/quantile.ts";
import type { Portfolio } from "../market/portfolio.ts";
import { span2Margin } from "../margin/span2.ts";
import { createPredictor, marginFromY } from "./inference.ts";
import type { MarketDay } from "./market_day.ts";
import type { ModelWeights } from "./model.ts";
import { createSpan2Cache } from "./span2_cache.ts";
import { createTokenizer, type Tokenizer } from "./tokenizer.ts";

/** What {@link measureWarmColdLatency} needs. */
export interface WarmColdInput {
  day: MarketDay;
  /** Network weights in the tokenizer's widths (latency does not depend on their values). */
  weights: ModelWeights;
  portfolios: readonly Portfolio[];
  /** Tokenizer of a day (default `createTokenizer(day, { offset })`; e.g. the anchor tokenizer's `"v1"` layout). */
  tokenizer?: (day: MarketDay) => Tokenizer;
  /** Portfolio scale offset of the target. Default 1,000. */
  offset?: number;
  /** Portfolios (the first ones) priced by the exact cache cold and by the exact engine. Default all. */
  exactPortfolios?: number;
  /** Milliseconds (e.g. `() => performance.now()`). */
  now: () => number;
  /** Called between phases (progress). */
  log?: (message: string) => void;
}

/** Latency statistics of one phase (milliseconds). */
export interface LatencyStats {
  n: number;
  p50: number;
  p99: number;
  mean: number;
  max: number;
}

/** Result of {@link measureWarmColdLatency}. */
export interface WarmColdLatency {
  date: string;
  portfolios: number;
  meanPositions: number;
  surrogate: { warm: LatencyStats; cold: LatencyStats; setupMs: LatencyStats };
  exactCache: { warm: LatencyStats; cold: LatencyStats; setupMs: LatencyStats };
  exactEngine: { warm: LatencyStats; cold: LatencyStats };
  /** p50 ratios: how many times faster the surrogate is than each exact way. */
  speedupP50: { warmCache: number; coldCache: number; engine: number; coldSurrogateOverWarmCache: number };
}

/**
 * Statistics of per-call times (milliseconds), type-7 quantiles.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { latencyStats } from "./warm_cold_latency.ts";
 * assert.deepEqual(latencyStats([3, 1, 2]), { n: 3, p50: 2, p99: 2.98, mean: 2, max: 3 });
 * ```
 */
export function latencyStats(times: readonly number[]): LatencyStats {
  const s = Float64Array.from(times).sort();
  let sum = 0;
  for (const t of s) sum += t;
  return {
    n: s.length,
    p50: quantileSorted(s, 0.5),
    p99: quantileSorted(s, 0.99),
    mean: sum / s.length,
    max: s.length ? s[s.length - 1] : NaN,
  };
}

/**
 * Time the surrogate, the exact per-date cache and the exact engine, warm and cold (see the module doc).
 *
 * @throws {RangeError} when there are no portfolios or `exactPortfolios` is not an integer in [1, portfolios]
 * @example
 * ```ts ignore
 * const r = measureWarmColdLatency({ day, weights, portfolios, now: () => performance.now() });
 * r.surrogate.warm.p99; // ms
 * ```
 */
export function measureWarmColdLatency(input: WarmColdInput): WarmColdLatency {
  const fn = "measureWarmColdLatency";
  const { day, now } = input;
  const offset = input.offset ?? 1000;
  const pfs = input.portfolios;
  if (pfs.length === 0) throw new RangeError(`${fn}: portfolios is empty`);
  const nExact = input.exactPortfolios ?? pfs.length;
  if (!Number.isInteger(nExact) || nExact < 1 || nExact > pfs.length) {
    throw new RangeError(`${fn}: exactPortfolios must be an integer in [1, ${pfs.length}], got ${nExact}`);
  }
  const log = input.log ?? (() => {});
  const makeTok = input.tokenizer ?? ((d: MarketDay) => createTokenizer(d, { offset }));
  const predict = createPredictor(input.weights);
  const surrogate = (tok: Tokenizer, pf: Portfolio): number => {
    const t = tok.tokenize(pf);
    return marginFromY(predict(t.tokens, t.n, t.context, tok.aggregate(t)), t.rr, t.nov, offset);
  };
  let sink = 0; // keeps the results observable
  const timeEach = (list: readonly Portfolio[], f: (pf: Portfolio) => number): number[] =>
    list.map((pf) => {
      const a = now();
      sink += f(pf);
      return now() - a;
    });

  // surrogate, warm: one tokenizer, every portfolio once untimed, then timed
  const tok = makeTok(day);
  for (const pf of pfs) sink += surrogate(tok, pf);
  const sWarm = timeEach(pfs, (pf) => surrogate(tok, pf));
  log(`surrogate warm: ${pfs.length} portfolios`);
  // surrogate, cold: a fresh tokenizer per portfolio (set-up timed apart)
  const sSetup: number[] = [], sCold: number[] = [];
  for (const pf of pfs) {
    const a = now();
    const fresh = makeTok(day);
    const b = now();
    sink += surrogate(fresh, pf);
    const c = now();
    sSetup.push(b - a);
    sCold.push(c - b);
  }
  log(`surrogate cold: ${pfs.length} portfolios`);

  // exact cache, warm
  const cache = createSpan2Cache(day.market, day.history, day.span2Params);
  for (const pf of pfs) sink += cache.margin(pf).total;
  const cWarm = timeEach(pfs, (pf) => cache.margin(pf).total);
  log(`exact cache warm: ${pfs.length} portfolios`);
  // exact cache, cold: a fresh cache per portfolio (its scenario sets built untimed, timed apart)
  const exact = pfs.slice(0, nExact);
  const cSetup: number[] = [], cCold: number[] = [];
  for (const pf of exact) {
    const a = now();
    const fresh = createSpan2Cache(day.market, day.history, day.span2Params);
    const b = now();
    sink += fresh.margin(pf).total;
    const c = now();
    cSetup.push(b - a);
    cCold.push(c - b);
  }
  log(`exact cache cold: ${nExact} portfolios`);

  // exact engine from scratch: first timed pass ("cold"), second ("warm")
  sink += span2Margin(exact[0], day.market, day.history, day.span2Params).total; // JIT
  const eCold = timeEach(exact, (pf) => span2Margin(pf, day.market, day.history, day.span2Params).total);
  log(`exact engine pass 1: ${nExact} portfolios`);
  const eWarm = timeEach(exact, (pf) => span2Margin(pf, day.market, day.history, day.span2Params).total);
  log(`exact engine pass 2: ${nExact} portfolios`);
  if (!Number.isFinite(sink)) throw new RangeError(`${fn}: a margin was not finite`);

  const st = latencyStats;
  const r = {
    surrogate: { warm: st(sWarm), cold: st(sCold), setupMs: st(sSetup) },
    exactCache: { warm: st(cWarm), cold: st(cCold), setupMs: st(cSetup) },
    exactEngine: { warm: st(eWarm), cold: st(eCold) },
  };
  let positions = 0;
  for (const pf of pfs) positions += pf.positions.length;
  return {
    date: day.date,
    portfolios: pfs.length,
    meanPositions: positions / pfs.length,
    ...r,
    speedupP50: {
      warmCache: r.exactCache.warm.p50 / r.surrogate.warm.p50,
      coldCache: r.exactCache.cold.p50 / r.surrogate.cold.p50,
      engine: r.exactEngine.warm.p50 / r.surrogate.warm.p50,
      coldSurrogateOverWarmCache: r.exactCache.warm.p50 / r.surrogate.cold.p50,
    },
  };
}
