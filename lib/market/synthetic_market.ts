/**
 * Seeded generation of the synthetic market (ground-truth track): regime-switching
 * stochastic volatility with jumps for the front future, a two-factor futures
 * curve and daily option chains priced from the model. The model is documented in
 * `synthetic_params.ts`, the pricer and quotes in `synthetic_chain.ts`.
 *
 * Random streams: a root `createPrng(seed)` forks, in this order, the path stream,
 * the pricer's common-random-number stream and the quote stream, so switching
 * chains off leaves the price path unchanged. Same seed and params → the same
 * market, byte for byte (`serializeSyntheticMarket`).
 *
 * @example
 * ```ts
 * import { generateSyntheticMarket } from "./synthetic_market.ts";
 * const m = generateSyntheticMarket(42, { days: 60 });
 * m.front[59]; // front futures price on the last day
 * ```
 * @module
 */

import { createPrng, type Prng } from "../core/prng.ts";
import { buildSyntheticChain, type DailyChain } from "./synthetic_chain.ts";
import { drawPaths, stepSynthetic, type SyntheticState } from "./synthetic_dynamics.ts";
import { defaultSyntheticParams, type SyntheticParams, validateSyntheticParams } from "./synthetic_params.ts";

/** A generated synthetic market: state paths, curve and daily chains (all length `days`). */
export interface SyntheticMarket {
  seed: number;
  params: SyntheticParams;
  /** Business days, ISO `YYYY-MM-DD`, strictly increasing. */
  dates: string[];
  /** Regime per day: 0 calm, 1 stress. */
  regime: Uint8Array;
  /** ln of the instantaneous annual variance. */
  logVar: Float64Array;
  /** Short-term curve factor χ. */
  chi: Float64Array;
  /** Front futures price F1 (USD/bbl); P&L of 1 contract = 1,000 × ΔF1. */
  front: Float64Array;
  /** Sum of log-jumps that arrived between the previous day and this one (0 on day 0). */
  jumps: Float64Array;
  /** Curve: `curve[k][t]` = generic contract k+1 at tenor `params.tenors[k]` (`curve[0]` = front). */
  curve: Float64Array[];
  /** Daily option chains on the front future (empty when `params.chains` is false). */
  chains: DailyChain[];
}

/**
 * `count` weekdays starting at `start` (moved forward to a weekday).
 *
 * @example
 * ```ts
 * businessDays("2000-01-07", 2); // ["2000-01-07", "2000-01-10"]
 * ```
 */
export function businessDays(start: string, count: number): string[] {
  const t0 = Date.parse(start + "T00:00:00Z");
  if (!/^\d{4}-\d{2}-\d{2}$/.test(start) || Number.isNaN(t0)) {
    throw new RangeError(`businessDays: start must be an ISO date YYYY-MM-DD, got "${start}"`);
  }
  const out: string[] = [];
  let t = t0;
  while (out.length < count) {
    const dow = new Date(t).getUTCDay();
    if (dow !== 0 && dow !== 6) out.push(new Date(t).toISOString().slice(0, 10));
    t += 86_400_000;
  }
  return out;
}

/**
 * Curve contract price at tenor `tau` given the front price at tenor `tau1` and χ:
 * `F(τ) = F1 · exp((e^{−κ_χ τ} − e^{−κ_χ τ1}) χ + a (τ − τ1))`.
 *
 * @example
 * ```ts
 * import { defaultSyntheticParams } from "./synthetic_params.ts";
 * curvePrice(defaultSyntheticParams(), 70, 0.2, 1 / 12, 4 / 12); // < 70·e^{0.01}: backwardation from χ > 0
 * ```
 */
export function curvePrice(p: SyntheticParams, front: number, chi: number, tau1: number, tau: number): number {
  return front * Math.exp((Math.exp(-p.kappaChi * tau) - Math.exp(-p.kappaChi * tau1)) * chi + p.carry * (tau - tau1));
}

/**
 * The futures curve and the daily option chains of a simulated state path: `curve[k][t]` at `p.tenors[k]`, and
 * (when `p.chains`) one chain per day priced from `pricerRng`'s common paths with quotes drawn from `quoteRng`,
 * under `chainParams(t)` (default `p`: a model may price some days' options under other parameters).
 *
 * @example
 * ```ts
 * import { createPrng } from "../core/prng.ts";
 * import { curveAndChains } from "./synthetic_market.ts";
 * import { defaultSyntheticParams } from "./synthetic_params.ts";
 * const p = { ...defaultSyntheticParams(), chains: false };
 * const path = { dates: ["2000-01-03"], regime: Uint8Array.of(0), logVar: Float64Array.of(-2), chi: Float64Array.of(0),
 *   front: Float64Array.of(60) };
 * curveAndChains(p, path, createPrng(1), createPrng(2)).curve[0][0]; // 60: the front contract
 * ```
 */
export function curveAndChains(
  p: SyntheticParams,
  path: Pick<SyntheticMarket, "dates" | "regime" | "logVar" | "chi" | "front">,
  pricerRng: Prng,
  quoteRng: Prng,
  chainParams: (t: number) => SyntheticParams = () => p,
): { curve: Float64Array[]; chains: DailyChain[] } {
  const { dates, regime, logVar, chi, front } = path, T = front.length;
  const curve = p.tenors.map((tau) => {
    const c = new Float64Array(T);
    for (let t = 0; t < T; t++) c[t] = curvePrice(p, front[t], chi[t], p.tenors[0], tau);
    return c;
  });
  const chains: DailyChain[] = [];
  if (p.chains && p.expiryDays.length > 0) {
    const draws = drawPaths(p.pricerPaths, p.expiryDays[p.expiryDays.length - 1], pricerRng);
    for (let t = 0; t < T; t++) {
      chains.push(buildSyntheticChain(chainParams(t), dates[t], front[t], regime[t], logVar[t], draws, quoteRng));
    }
  }
  return { curve, chains };
}

/**
 * Generate the synthetic market for `seed`; `overrides` replace default parameters
 * (unknown keys or bad values throw).
 *
 * @throws {RangeError} when `seed` is not an integer or a parameter is out of range
 * @example
 * ```ts
 * const m = generateSyntheticMarket(7, { days: 250, chains: false });
 * ```
 */
export function generateSyntheticMarket(seed: number, overrides: Partial<SyntheticParams> = {}): SyntheticMarket {
  if (!Number.isInteger(seed)) throw new RangeError(`generateSyntheticMarket: seed must be an integer, got ${seed}`);
  const p = validateSyntheticParams({ ...defaultSyntheticParams(), ...overrides });
  const root = createPrng(seed);
  const pathRng = root.fork();
  const pricerRng = root.fork();
  const quoteRng = root.fork();
  const T = p.days;
  const dates = businessDays(p.startDate, T);
  const regime = new Uint8Array(T);
  const logVar = new Float64Array(T),
    chi = new Float64Array(T),
    front = new Float64Array(T),
    jumps = new Float64Array(T);
  const state: SyntheticState = { regime: 0, logVar: p.thetaV[0], logPrice: Math.log(p.f0), chi: 0, jump: 0 };
  for (let t = 0; t < T; t++) {
    if (t > 0) stepSynthetic(p, state, pathRng);
    regime[t] = state.regime;
    logVar[t] = state.logVar;
    chi[t] = state.chi;
    front[t] = Math.exp(state.logPrice);
    jumps[t] = t > 0 ? state.jump : 0;
  }
  const { curve, chains } = curveAndChains(p, { dates, regime, logVar, chi, front }, pricerRng, quoteRng);
  return { seed, params: p, dates, regime, logVar, chi, front, jumps, curve, chains };
}

/**
 * Deterministic JSON serialization (typed arrays as arrays, shortest round-trip
 * number formatting), for hashing and caching.
 *
 * @example
 * ```ts
 * const s = serializeSyntheticMarket(generateSyntheticMarket(1, { days: 20 }));
 * ```
 */
export function serializeSyntheticMarket(m: SyntheticMarket): string {
  return JSON.stringify(m, (_k, v) => {
    if (v instanceof Float64Array || v instanceof Uint8Array) {
      return Array.from(v, (x) => (Number.isNaN(x) ? "NaN" : x));
    }
    return v;
  });
}
