/**
 * An exact, cached evaluation of `span2Margin` (lib/margin/span2.ts) for many
 * portfolios on one market date — how the study labels 100,000+ portfolios.
 *
 * `span2Margin` revalues every option of a portfolio in every scenario; for
 * portfolios drawn from a finite instrument universe the revaluations are the
 * same from portfolio to portfolio. This cache computes, once per instrument,
 * the per-contract value changes in the FHS scenarios, in the fixed stressed
 * window and in the hypothetical scenarios, then aggregates a portfolio with
 * **the same arithmetic in the same order** as `span2Margin` (line order =
 * first appearance, `pnl[s] += (qty·size)·Δv[s]`), so totals are bitwise equal
 * (`span2_cache_test.ts` checks it against `span2Margin` itself).
 *
 * Scope: the stressed period must be fixed (`params.stressPeriod`), the history must carry no vol series (vols stay
 * unchanged in historical scenarios) — both hold for {@link MarketDay}.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { createPrng } from "../core/prng.ts";
 * import { span2Margin } from "../margin/span2.ts";
 * import { createSpan2Cache } from "./span2_cache.ts";
 * import { buildMarketDay } from "./market_day.ts";
 * import { generatePortfolio } from "./generator.ts";
 * import { syntheticPanel } from "./synthetic_panel.ts";
 * const day = buildMarketDay(syntheticPanel(1, 2700), 2699, { span2TreeSteps: 50 });
 * const pf = generatePortfolio(createPrng(3), day, { maxPositions: 4 });
 * const cached = createSpan2Cache(day.market, day.history, day.span2Params).margin(pf).total;
 * assert.equal(cached, span2Margin(pf, day.market, day.history, day.span2Params).total); // bitwise
 * ```
 * @module
 */
import { black76Greeks } from "../market/black76.ts";
import { unitValues } from "../market/unit_values.ts";
import { buildFhsScenarios } from "../margin/fhs.ts";
import { buildScenarios } from "../margin/scenarios.ts";
import { varEs } from "../margin/var_es.ts";
import {
  curveAt,
  type Instrument,
  instrumentKey,
  type MarketState,
  type Portfolio,
  type Underlying,
  UNDERLYINGS,
  unitDelta,
  validateMarket,
  validatePortfolio,
} from "../market/portfolio.ts";
import {
  aggregateSpan2,
  defaultHypotheticalScenarios,
  type Span2History,
  type Span2Line,
  type Span2Params,
} from "../margin/span2.ts";

/** Cached per-instrument data. */
interface Unit {
  inst: Instrument;
  u: Underlying;
  F: number;
  vol: number;
  rate: number;
  size: number;
  v0: number;
  fhs: Float64Array;
  stress: Float64Array;
  hyp: Float64Array;
  vega: number;
  delta: number;
}

/** Components of the SPAN 2-like margin (as in `Span2Result`, without the scenario vector). */
export interface Span2CacheResult {
  total: number;
  riskRequirement: number;
  netOptionValue: number;
  hvar: number;
  stress: number;
  liquidity: number;
  concentration: number;
}

/** A per-date cache. */
export interface Span2Cache {
  /** SPAN 2-like margin of a portfolio, bitwise equal to `span2Margin(portfolio, market, history, params)`. */
  margin(portfolio: Portfolio): Span2CacheResult;
  /** Number of distinct instruments revalued so far. */
  readonly instruments: number;
}

/**
 * Build the cache for one market date.
 *
 * @throws {RangeError} when `params.stressPeriod` is missing, `history.vols` is given, or the inputs are invalid
 * @example
 * ```ts
 * import { buildMarketDay } from "./market_day.ts";
 * import { syntheticPanel } from "./synthetic_panel.ts";
 * const day = buildMarketDay(syntheticPanel(1, 2700), 2699);
 * const cache = createSpan2Cache(day.market, day.history, day.span2Params);
 * console.log(cache.margin({ positions: [{ type: "future", underlying: "WTI", quantity: 2, expiry: day.expiries[0] }] }).total);
 * ```
 */
export function createSpan2Cache(market: MarketState, history: Span2History, params: Span2Params): Span2Cache {
  const fn = "createSpan2Cache";
  validateMarket(market);
  if (params.stressPeriod === undefined) {
    throw new RangeError(`${fn}: params.stressPeriod must be fixed (the cache does not search the stressed window)`);
  }
  if (history.vols !== undefined) throw new RangeError(`${fn}: history.vols is not supported (vols stay unchanged)`);
  const conf = params.tau ?? 0.99;
  const h = params.mpor ?? 2;
  const lookback = params.lookback ?? 2520;
  const mode = params.mode ?? "absolute";
  if (mode !== "absolute") throw new RangeError(`${fn}: params.mode must be "absolute", got ${mode}`);
  const x = params.hvarWeight ?? 0.75;
  const participation = params.participation ?? 0.1;
  const treeSteps = params.treeSteps ?? 200;
  const hyp = params.hypothetical ?? defaultHypotheticalScenarios();
  const { first, last } = params.stressPeriod;
  const series = UNDERLYINGS.map((u) => {
    const s = history.prices[u];
    if (s === undefined) throw new RangeError(`${fn}: history.prices.${u} is missing`);
    return s;
  });
  const T = series[0].length;
  const fhs = buildFhsScenarios(series, {
    mpor: h,
    lookback,
    mode,
    lambda: params.lambda ?? 0.97,
    volFloorFraction: params.volFloorFraction ?? 0.5,
  });
  const all = buildScenarios(series, { mpor: h, lookback: T - h, mode });
  const W = last - first + 1;
  const cache = new Map<string, Unit>();
  const points = 1 + lookback + W + hyp.length;
  const pointF = new Float64Array(points), pointVol = new Float64Array(points), values = new Float64Array(points);
  const powCache = new Map<number, Float64Array>(); // the American trees' d^i tables of this date

  const unit = (inst: Instrument): Unit => {
    const key = instrumentKey(inst);
    const hit = cache.get(key);
    if (hit !== undefined) return hit;
    const m = market[inst.underlying]!;
    const k = UNDERLYINGS.indexOf(inst.underlying);
    const { price: F, vol } = curveAt(market, inst.underlying, inst.expiry);
    // today's value, the FHS and stressed-window moves (today's vol) and the hypothetical scenarios in one call:
    // unitValues is bitwise unitValue point by point (a future's value is its price, so its P&L is (F + d) − F as
    // before), and an American option's trees that share a vol run as one batch (lib/market/binomial_batch.ts)
    const S = T - h;
    pointF[0] = F;
    pointVol[0] = vol;
    for (let s = 0; s < lookback; s++) {
      pointF[1 + s] = F + fhs.scenarios.data[k * lookback + s];
      pointVol[1 + s] = vol;
    }
    for (let j = 0; j < W; j++) {
      pointF[1 + lookback + j] = F + all.data[k * S + (first - h + j)];
      pointVol[1 + lookback + j] = vol;
    }
    for (const [i, sc] of hyp.entries()) {
      const dp = sc.price?.[inst.underlying] ?? 0, dvol = sc.vol?.[inst.underlying] ?? 0;
      pointF[1 + lookback + W + i] = F + dp * Math.abs(F);
      pointVol[1 + lookback + W + i] = vol * (1 + dvol);
    }
    unitValues(inst, pointF, pointVol, m.rate, treeSteps, values, powCache);
    const v0 = values[0];
    const isFut = inst.type === "future";
    const fv = new Float64Array(lookback);
    for (let s = 0; s < lookback; s++) fv[s] = values[1 + s] - v0;
    const sv = new Float64Array(W);
    for (let j = 0; j < W; j++) sv[j] = values[1 + lookback + j] - v0;
    const hv = new Float64Array(hyp.length);
    for (let i = 0; i < hyp.length; i++) hv[i] = values[1 + lookback + W + i] - v0;
    const vega = isFut ? 0 : black76Greeks(
      inst.type === "call",
      Math.max(F, 1e-8),
      inst.strike!,
      inst.expiry,
      vol,
      Math.exp(-m.rate * inst.expiry),
    ).vega;
    const u: Unit = {
      inst,
      u: inst.underlying,
      F,
      vol,
      rate: m.rate,
      size: m.contractSize,
      v0,
      fhs: fv,
      stress: sv,
      hyp: hv,
      vega,
      delta: unitDelta(inst, F, vol, m.rate),
    };
    cache.set(key, u);
    return u;
  };

  const margin = (portfolio: Portfolio): Span2CacheResult => {
    validatePortfolio(portfolio, market);
    const usedU = [...new Set(portfolio.positions.map((p) => p.underlying))];
    for (const u of usedU) {
      if (params.liquidity?.[u] === undefined) throw new RangeError(`${fn}: params.liquidity.${u} is missing`);
    }
    const lines = new Map<string, { unit: Unit; qty: number }>();
    for (const p of portfolio.positions) {
      const key = instrumentKey(p);
      const line = lines.get(key);
      if (line) {
        line.qty += p.quantity;
        continue;
      }
      lines.set(key, {
        unit: unit({ type: p.type, underlying: p.underlying, expiry: p.expiry, strike: p.strike, style: p.style }),
        qty: p.quantity,
      });
    }
    const L: Span2Line[] = [...lines.values()].filter((l) => l.qty !== 0).map(({ unit: c, qty }) => ({
      u: usedU.indexOf(c.u),
      qty,
      size: c.size,
      isFuture: c.inst.type === "future",
      v0: c.v0,
      fhs: c.fhs,
      stress: c.stress,
      hyp: c.hyp,
      vega: c.vega,
      delta: c.delta,
    }));
    const r = aggregateSpan2(L, {
      underlyings: usedU,
      tau: conf,
      mpor: h,
      hvarWeight: x,
      participation,
      liquidity: params.liquidity,
      todayVol: usedU.map((u) => fhs.todayVol[UNDERLYINGS.indexOf(u)]),
      contractSize: usedU.map((u) => market[u]!.contractSize),
      fhsScenarios: lookback,
      stressScenarios: W,
      hypotheticals: hyp.length,
      stressedVar: (spnl) => ({ var: varEs(spnl, conf).var }),
    });
    return {
      total: r.total,
      riskRequirement: r.riskRequirement,
      netOptionValue: r.netOptionValue,
      hvar: r.hvar,
      stress: r.stress,
      liquidity: r.liquidity,
      concentration: r.concentration,
    };
  };

  return {
    margin,
    get instruments() {
      return cache.size;
    },
  };
}
