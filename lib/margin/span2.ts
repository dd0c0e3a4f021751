/**
 * SPAN 2-like reference margin, after the structure CME has published for
 * SPAN 2 (see `SPAN.md`):
 *
 * `riskRequirement = x·HVaR + (1 − x)·Stress + Liquidity + Concentration`
 *
 * - **HVaR**: filtered-HS VaR (`fhs.ts`: per-underlying EWMA devolatilize /
 *   re-volatilize, optional vol floor) of the portfolio's h-day P&L over a
 *   lookback of at least 10 years (2,520 days), every option **fully
 *   revalued** in every scenario (Black-76; American style on a binomial tree);
 * - **Stress**: max of the stressed-period VaR (unfiltered HS VaR on the
 *   `stressLength`-day window of history where that VaR is largest, or a given
 *   window) and the worst loss under hypothetical scenarios (price and vol shocks);
 * - **Liquidity**: bid/ask close-out cost, Σ |q| × size × half-spread
 *   (futures: price half-spread; options: vega × half the vol spread);
 * - **Concentration**: for an underlying whose net futures-equivalent delta
 *   exceeds `participation × ADV × h` contracts (what can be liquidated within
 *   the MPOR), the excess is held `D = excess/(participation × ADV)` days
 *   longer: add-on = excess × |F| × size × σ_daily × z_α × (√(h + D) − √h).
 *
 * Then, as in the SPAN-like engine, `total = max(0, riskRequirement − NOV)`
 * (premium-style options: long option value is a credit, short a debit), so
 * both engines answer the same question for the same portfolio.
 *
 * Scenarios act on whole curves: an underlying's historical h-day change of
 * its (front) futures price series is applied to every tenor — additively in
 * `absolute` mode (default; negative prices such as WTI on 2020-04-20 are
 * handled honestly; options are then priced at `max(F, 1e-8)`), or as a
 * return in `relative` mode — and its ATM implied-vol series (if given) moves
 * every tenor's vol by the same h-day ratio. All underlyings share scenario
 * dates, so cross-commodity correlation is historical.
 *
 * Deliberately heavy: it is the "slow, accurate" target that a DeepMargin-style
 * surrogate learns to approximate.
 *
 * @example
 * ```ts
 * import { defaultSpan2Params, span2Margin } from "./span2.ts";
 * import type { MarketState, Portfolio } from "../market/portfolio.ts";
 * const market: MarketState = {
 *   WTI: { expiries: [0.1, 0.5, 1], prices: [72, 71, 70], vols: [0.4, 0.37, 0.35], rate: 0.04, contractSize: 1000 },
 * };
 * const portfolio: Portfolio = { positions: [{ type: "call", underlying: "WTI", quantity: -2, expiry: 0.5, strike: 75 }] };
 * const wti = Float64Array.from({ length: 2600 }, (_, t) => 70 + 5 * Math.sin(t / 20) + Math.sin(t * 1.7));
 * const history = { prices: { WTI: wti } };
 * const r = span2Margin(portfolio, market, history, defaultSpan2Params());
 * r.total; r.hvar; r.stress; r.liquidity; r.concentration;
 * ```
 * @module
 */
import { black76Greeks } from "../market/black76.ts";
import { buildFhsScenarios } from "./fhs.ts";
import { stressedPeriod } from "./rolling_margin.ts";
import { varEs } from "./var_es.ts";
import {
  curveAt,
  type Instrument,
  instrumentKey,
  type MarketState,
  type Portfolio,
  type Underlying,
  unitDelta,
  unitValue,
  validateMarket,
  validatePortfolio,
} from "../market/portfolio.ts";
import { buildScenarios, checkPriceSeries, type ScenarioMode } from "./scenarios.ts";
import { checkConfidence, checkFiniteArray as checkFinite, checkInt, checkRange } from "../core/check.ts";
import { normInv } from "../core/normal.ts";

/** Daily history per underlying (aligned dates, oldest first, last = today). */
export interface Span2History {
  /** Futures price series (e.g. front month) per underlying. */
  prices: Partial<Record<Underlying, ArrayLike<number>>>;
  /** Optional ATM implied-vol series per underlying (same length, > 0). Without it vols stay unchanged. */
  vols?: Partial<Record<Underlying, ArrayLike<number>>>;
}

/** A hypothetical stress scenario: relative price and vol shocks per underlying (missing = 0). */
export interface HypotheticalScenario {
  name: string;
  /** Relative futures price move, e.g. −0.25. */
  price: Partial<Record<Underlying, number>>;
  /** Relative vol move, e.g. +0.5. */
  vol?: Partial<Record<Underlying, number>>;
}

/** Liquidity and concentration inputs of one underlying. */
export interface Span2LiquidityParams {
  /** Full bid/ask spread of a futures price (price units). */
  futuresBidAsk: number;
  /** Full bid/ask spread of option implied vol (vol units, e.g. 0.01 = 1 point). */
  optionVolBidAsk: number;
  /** Average daily volume (contracts). */
  adv: number;
}

/** SPAN 2-like parameters. */
export interface Span2Params {
  /** Quantile level τ of the VaR, in (0, 1). Default 0.99. */
  tau?: number;
  /** MPOR h in days. Default 2 (CME energy). */
  mpor?: number;
  /** FHS lookback in h-day scenarios, ≥ 2,520 (10 years). Default 2,520. */
  lookback?: number;
  /** Scenario construction. Default `"absolute"`. */
  mode?: ScenarioMode;
  /** EWMA decay for volatility scaling. Default 0.97. */
  lambda?: number;
  /** FHS vol floor as a fraction of the mean EWMA vol. Default 0.5. */
  volFloorFraction?: number;
  /** Weight x of HVaR (1 − x on Stress). Default 0.75. */
  hvarWeight?: number;
  /** Stressed-period length in scenarios. Default 250. */
  stressLength?: number;
  /** Fixed stressed period [first, last] as indices into the price history (window end dates); default: searched. */
  stressPeriod?: { first: number; last: number };
  /** Hypothetical scenarios. Default: {@link defaultHypotheticalScenarios}. */
  hypothetical?: HypotheticalScenario[];
  /** Liquidity/concentration inputs per underlying (required for each underlying used). */
  liquidity: Partial<Record<Underlying, Span2LiquidityParams>>;
  /** Fraction of ADV that can be traded per day. Default 0.1. */
  participation?: number;
  /** Binomial steps for American options. Default 200. */
  treeSteps?: number;
}

/**
 * Default hypothetical scenarios (joint moves of every underlying).
 *
 * @example
 * ```ts
 * defaultHypotheticalScenarios().map((s) => s.name);
 * ```
 */
export function defaultHypotheticalScenarios(): HypotheticalScenario[] {
  const all = (x: number) => ({ WTI: x, BRENT: x, HH: x });
  return [
    { name: "crash -25%, vol +50%", price: all(-0.25), vol: all(0.5) },
    { name: "spike +25%, vol +50%", price: all(0.25), vol: all(0.5) },
    { name: "drop -10%, vol +100%", price: all(-0.1), vol: all(1) },
    { name: "rise +10%, vol +100%", price: all(0.1), vol: all(1) },
    { name: "vol crush -40%", price: all(0), vol: all(-0.4) },
    { name: "oil -30% / gas +30%", price: { WTI: -0.3, BRENT: -0.3, HH: 0.3 }, vol: all(0.5) },
  ];
}

/**
 * Illustrative SPAN 2-like parameters (liquidity inputs are plausible orders of magnitude, not CME's).
 *
 * @example
 * ```ts
 * defaultSpan2Params().hvarWeight; // 0.75
 * ```
 */
export function defaultSpan2Params(): Span2Params {
  return {
    tau: 0.99,
    mpor: 2,
    lookback: 2520,
    mode: "absolute",
    lambda: 0.97,
    volFloorFraction: 0.5,
    hvarWeight: 0.75,
    stressLength: 250,
    hypothetical: defaultHypotheticalScenarios(),
    liquidity: {
      WTI: { futuresBidAsk: 0.02, optionVolBidAsk: 0.01, adv: 300_000 },
      BRENT: { futuresBidAsk: 0.02, optionVolBidAsk: 0.01, adv: 200_000 },
      HH: { futuresBidAsk: 0.002, optionVolBidAsk: 0.015, adv: 150_000 },
    },
    participation: 0.1,
    treeSteps: 200,
  };
}

/**
 * SPAN 2-like result: the {@link Span2Aggregation} with the stressed window always found, the worst hypothetical
 * scenario by name, and the work done.
 */
export interface Span2Result extends Omit<Span2Aggregation, "stressWindow" | "worstHypotheticalIndex"> {
  /** Stressed window as indices into the price history. */
  stressWindow: { first: number; last: number };
  worstHypotheticalName: string;
  /** Number of option revaluations performed. */
  revaluations: number;
}

interface Line {
  inst: Instrument;
  u: number;
  qty: number;
  F: number;
  vol: number;
  rate: number;
  size: number;
  v0: number;
}

/** One net position line of a portfolio, with its per-contract value changes in every scenario. */
export interface Span2Line {
  /** Index of the line's underlying in {@link Span2AggregationSetup.underlyings}. */
  u: number;
  /** Net quantity (non-zero). */
  qty: number;
  /** Contract size. */
  size: number;
  isFuture: boolean;
  /** Per-contract value today (premium for options). */
  v0: number;
  /** Per-contract value change in each FHS scenario (oldest first). */
  fhs: ArrayLike<number>;
  /** Per-contract value change in each stress scenario (see {@link Span2AggregationSetup.stressedVar}). */
  stress: ArrayLike<number>;
  /** Per-contract value change in each hypothetical scenario. */
  hyp: ArrayLike<number>;
  /** Per-contract Black-76 vega (options; unused for futures). */
  vega: number;
  /** Per-contract futures-equivalent delta. */
  delta: number;
}

/** What {@link aggregateSpan2} needs besides the lines. */
export interface Span2AggregationSetup {
  /** The portfolio's underlyings (first appearance). */
  underlyings: readonly Underlying[];
  tau: number;
  mpor: number;
  /** x in x·HVaR + (1 − x)·Stress. */
  hvarWeight: number;
  participation: number;
  liquidity: Span2Params["liquidity"];
  /** Today's daily vol per underlying, in price units. */
  todayVol: ArrayLike<number>;
  /** Contract size per underlying (market). */
  contractSize: ArrayLike<number>;
  /** Lengths of the lines' `fhs`, `stress` and `hyp` vectors (the scenario counts, also with no lines). */
  fhsScenarios: number;
  stressScenarios: number;
  hypotheticals: number;
  /** Stressed VaR (and the window as history indices, when searched) of the portfolio's stress-scenario P&L. */
  stressedVar(stressPnl: Float64Array): { var: number; window?: { first: number; last: number } };
}

/** The components of {@link aggregateSpan2}. */
export interface Span2Aggregation {
  /** max(0, riskRequirement − netOptionValue). */
  total: number;
  /** x·HVaR + (1 − x)·Stress + Liquidity + Concentration. */
  riskRequirement: number;
  /** Σ option quantity × premium × contract size. */
  netOptionValue: number;
  /** max(0, FHS VaR). */
  hvar: number;
  /** max(0, stressedVar, worstHypothetical). */
  stress: number;
  stressedVar: number;
  /** Stressed window as indices into the price history (when the stressed VaR names one). */
  stressWindow?: { first: number; last: number };
  worstHypothetical: number;
  /** Index of the worst hypothetical scenario (-1 when there are no hypothetical scenarios). */
  worstHypotheticalIndex: number;
  liquidity: number;
  concentration: number;
  /** FHS scenario P&L of the portfolio (profit positive), oldest first. */
  pnl: Float64Array;
}

/**
 * The SPAN 2-like aggregation of a portfolio's lines — scenario P&L, HVaR, stress, liquidity, concentration,
 * NOV and total — shared by {@link span2Margin} (which revalues every line in every scenario) and the
 * per-date cache of lib/deepmargin (which revalues each instrument once): one arithmetic, in one order (lines
 * in first-appearance order), so both give bitwise-equal totals.
 *
 * @example
 * ```ts
 * import { aggregateSpan2 } from "./span2.ts";
 * const line = { u: 0, qty: 2, size: 1000, isFuture: true, v0: 70, fhs: [-1, 0.5, 1], stress: [-3, 2], hyp: [-2],
 *   vega: 0, delta: 1 };
 * const r = aggregateSpan2([line], {
 *   underlyings: ["WTI"], tau: 0.5, mpor: 2, hvarWeight: 0.75, participation: 0.1,
 *   liquidity: { WTI: { futuresBidAsk: 0.02, optionVolBidAsk: 0.01, adv: 1e6 } },
 *   todayVol: [1.5], contractSize: [1000], fhsScenarios: 3, stressScenarios: 2, hypotheticals: 1,
 *   stressedVar: (p) => ({ var: Math.max(...p.map((x) => -x)) }),
 * });
 * console.log(r.hvar, r.stress, r.liquidity, r.total);
 * ```
 */
export function aggregateSpan2(lines: readonly Span2Line[], setup: Span2AggregationSetup): Span2Aggregation {
  const { underlyings, tau: conf, mpor: h, hvarWeight: x, participation } = setup;
  let nov = 0;
  for (const l of lines) if (!l.isFuture) nov += l.qty * l.v0 * l.size;
  const S = setup.fhsScenarios, W = setup.stressScenarios;
  const pnl = new Float64Array(S);
  const spnl = new Float64Array(W);
  for (const l of lines) {
    const w = l.qty * l.size;
    const fv = l.fhs, sv = l.stress;
    for (let s = 0; s < S; s++) pnl[s] += w * fv[s];
    for (let j = 0; j < W; j++) spnl[j] += w * sv[j];
  }
  const hvar = Math.max(0, varEs(pnl, conf).var);
  const sv = setup.stressedVar(spnl);
  let worstHyp = -Infinity, worstIndex = -1;
  for (let i = 0; i < setup.hypotheticals; i++) {
    let pl = 0;
    for (const l of lines) pl += l.qty * l.size * l.hyp[i];
    if (-pl > worstHyp) {
      worstHyp = -pl;
      worstIndex = i;
    }
  }
  if (worstHyp === -Infinity) worstHyp = 0;
  const stress = Math.max(0, sv.var, worstHyp);
  let liquidity = 0;
  const netDelta = new Float64Array(underlyings.length);
  for (const l of lines) {
    const lp = setup.liquidity[underlyings[l.u]]!;
    const absQ = Math.abs(l.qty) * l.size;
    if (l.isFuture) liquidity += absQ * lp.futuresBidAsk / 2;
    else liquidity += absQ * l.vega * lp.optionVolBidAsk / 2;
    netDelta[l.u] += l.qty * l.delta;
  }
  let concentration = 0;
  const z = normInv(conf);
  for (let k = 0; k < underlyings.length; k++) {
    const lp = setup.liquidity[underlyings[k]]!;
    const perDay = participation * lp.adv;
    const excess = Math.abs(netDelta[k]) - perDay * h;
    if (!(excess > 0)) continue;
    const D = excess / perDay;
    concentration += excess * setup.contractSize[k] * setup.todayVol[k] * z * (Math.sqrt(h + D) - Math.sqrt(h));
  }
  const riskRequirement = x * hvar + (1 - x) * stress + liquidity + concentration;
  return {
    total: Math.max(0, riskRequirement - nov),
    riskRequirement,
    netOptionValue: nov,
    hvar,
    stress,
    stressedVar: sv.var,
    stressWindow: sv.window,
    worstHypothetical: worstHyp,
    worstHypotheticalIndex: worstIndex,
    liquidity,
    concentration,
    pnl,
  };
}

/**
 * SPAN 2-like margin of one portfolio.
 *
 * @throws {RangeError}/{TypeError} on a bad portfolio, market, history (unequal lengths, NaN, shorter than
 *   lookback + mpor, missing underlying) or parameters (lookback < 2,520, tau outside (0, 1), …),
 *   naming the field and value
 * @example
 * ```ts
 * import type { MarketState, Portfolio } from "../market/portfolio.ts";
 * const market: MarketState = {
 *   WTI: { expiries: [0.1, 0.5, 1], prices: [72, 71, 70], vols: [0.4, 0.37, 0.35], rate: 0.04, contractSize: 1000 },
 * };
 * const portfolio: Portfolio = { positions: [{ type: "call", underlying: "WTI", quantity: -2, expiry: 0.5, strike: 75 }] };
 * const wti = Float64Array.from({ length: 2600 }, (_, t) => 70 + 5 * Math.sin(t / 20) + Math.sin(t * 1.7));
 * const history = { prices: { WTI: wti } };
 * span2Margin(portfolio, market, history, defaultSpan2Params()).total;
 * ```
 */
export function span2Margin(
  portfolio: Portfolio,
  market: MarketState,
  history: Span2History,
  params: Span2Params,
): Span2Result {
  const fn = "span2Margin";
  validateMarket(market);
  validatePortfolio(portfolio, market);
  if (params === null || typeof params !== "object") throw new TypeError(`${fn}: params must be an object`);
  const conf = params.tau ?? 0.99;
  checkConfidence(fn, conf, "params.tau");
  const h = params.mpor ?? 2;
  checkInt(fn, "params.mpor", h, 1);
  const lookback = params.lookback ?? 2520;
  checkInt(fn, "params.lookback (>= 10 years of daily scenarios)", lookback, 2520);
  const mode = params.mode ?? "absolute";
  const lambda = params.lambda ?? 0.97;
  const x = params.hvarWeight ?? 0.75;
  checkRange(fn, "params.hvarWeight", x, 0, 1);
  const stressLength = params.stressLength ?? 250;
  checkInt(fn, "params.stressLength", stressLength, 1);
  const participation = params.participation ?? 0.1;
  checkRange(fn, "params.participation", participation, 1e-12, 1);
  const treeSteps = params.treeSteps ?? 200;
  checkInt(fn, "params.treeSteps", treeSteps, 1);
  const hyp = params.hypothetical ?? defaultHypotheticalScenarios();

  // underlyings used, their history
  const usedU = [...new Set(portfolio.positions.map((p) => p.underlying))];
  const series: ArrayLike<number>[] = [];
  const volSeries: (ArrayLike<number> | undefined)[] = [];
  for (const u of usedU) {
    const s = history?.prices?.[u];
    if (s === undefined) throw new RangeError(`${fn}: history.prices.${u} is missing (the portfolio holds ${u})`);
    series.push(s);
    const v = history.vols?.[u];
    if (v !== undefined) {
      checkFinite(fn, `history.vols.${u}`, v);
      if (v.length !== s.length) {
        throw new RangeError(
          `${fn}: history.vols.${u}.length must equal history.prices.${u}.length = ${s.length}, got ${v.length}`,
        );
      }
      for (let i = 0; i < v.length; i++) {
        if (!(v[i] > 0)) throw new RangeError(`${fn}: history.vols.${u}[${i}] must be > 0, got ${v[i]}`);
      }
    }
    volSeries.push(v);
    const lp = params.liquidity?.[u];
    if (lp === undefined) throw new RangeError(`${fn}: params.liquidity.${u} is missing (the portfolio holds ${u})`);
    for (const k of ["futuresBidAsk", "optionVolBidAsk", "adv"] as const) {
      const val = lp[k];
      if (typeof val !== "number" || !Number.isFinite(val) || val < 0 || (k === "adv" && val === 0)) {
        throw new RangeError(
          `${fn}: params.liquidity.${u}.${k} must be finite and ${k === "adv" ? "> 0" : ">= 0"}, got ${val}`,
        );
      }
    }
  }
  const T = checkPriceSeries(fn, series);
  if (T < lookback + h) {
    throw new RangeError(`${fn}: history has ${T} days; lookback ${lookback} with mpor ${h} needs ${lookback + h}`);
  }

  // net quantity per unique instrument
  const lines = new Map<string, Line>();
  for (const p of portfolio.positions) {
    const m = market[p.underlying]!;
    const key = instrumentKey(p);
    const line = lines.get(key);
    if (line) {
      line.qty += p.quantity;
      continue;
    }
    const { price: F, vol } = curveAt(market, p.underlying, p.expiry);
    const inst: Instrument = {
      type: p.type,
      underlying: p.underlying,
      expiry: p.expiry,
      strike: p.strike,
      style: p.style,
    };
    lines.set(key, {
      inst,
      u: usedU.indexOf(p.underlying),
      qty: p.quantity,
      F,
      vol,
      rate: m.rate,
      size: m.contractSize,
      v0: unitValue(inst, F, vol, m.rate, treeSteps),
    });
  }
  const L = [...lines.values()].filter((l) => l.qty !== 0);

  let revaluations = 0;
  // per-contract value change of line l for scenario columns of a price-change matrix (rows = usedU)
  const changes = (l: Line, dF: Float64Array, S: number, ends: (s: number) => number, volMult: boolean) => {
    const dv = new Float64Array(S);
    const vs = volSeries[l.u];
    for (let s = 0; s < S; s++) {
      const d = dF[l.u * S + s];
      const Fs = mode === "absolute" ? l.F + d : l.F * (1 + d / series[l.u][T - 1]);
      if (l.inst.type === "future") {
        dv[s] = Fs - l.F;
        continue;
      }
      let sig = l.vol;
      if (volMult && vs !== undefined) {
        const t = ends(s);
        sig = l.vol * (vs[t] / vs[t - h]);
      }
      dv[s] = unitValue(l.inst, Fs, sig, l.rate, treeSteps) - l.v0;
      revaluations++;
    }
    return dv;
  };

  // HVaR: FHS over the lookback; Stress: unfiltered HS over all history (the stressed window is chosen below)
  const fhs = buildFhsScenarios(series, {
    mpor: h,
    lookback,
    mode,
    lambda,
    volFloorFraction: params.volFloorFraction ?? 0.5,
  });
  const all = buildScenarios(series, { mpor: h, lookback: T - h, mode });
  for (const [i, sc] of hyp.entries()) {
    for (const l of L) {
      const u = usedU[l.u];
      const dp = sc.price?.[u] ?? 0, dv = sc.vol?.[u] ?? 0;
      if (!Number.isFinite(dp) || !Number.isFinite(dv) || dv <= -1) {
        throw new RangeError(
          `${fn}: params.hypothetical[${i}] (${sc.name}) has a bad shock for ${u}: price ${dp}, vol ${dv}`,
        );
      }
    }
  }
  const span2Lines: Span2Line[] = L.map((l) => {
    const fhsDv = changes(l, fhs.scenarios.data, lookback, (s) => T - lookback + s, true);
    const stressDv = changes(l, all.data, T - h, (s) => h + s, true);
    const u = usedU[l.u];
    const hypDv = hyp.map((sc) => {
      const dp = sc.price?.[u] ?? 0, dv = sc.vol?.[u] ?? 0;
      return unitValue(l.inst, l.F + dp * Math.abs(l.F), l.vol * (1 + dv), l.rate, treeSteps) - l.v0;
    });
    const isFuture = l.inst.type === "future";
    const vega = isFuture ? 0 : black76Greeks(
      l.inst.type === "call",
      Math.max(l.F, 1e-8),
      l.inst.strike!,
      l.inst.expiry,
      l.vol,
      Math.exp(-l.rate * l.inst.expiry),
    ).vega;
    return {
      u: l.u,
      qty: l.qty,
      size: l.size,
      isFuture,
      v0: l.v0,
      fhs: fhsDv,
      stress: stressDv,
      hyp: hypDv,
      vega,
      delta: unitDelta(l.inst, l.F, l.vol, l.rate),
    };
  });
  let stressedVar: Span2AggregationSetup["stressedVar"];
  if (params.stressPeriod !== undefined) {
    const { first, last } = params.stressPeriod;
    checkInt(fn, "params.stressPeriod.first", first, h);
    checkInt(fn, "params.stressPeriod.last", last, first);
    if (last > T - 1) throw new RangeError(`${fn}: params.stressPeriod.last must be <= ${T - 1}, got ${last}`);
    stressedVar = (allPnl) => ({
      var: varEs(allPnl.subarray(first - h, last - h + 1), conf).var,
      window: { first, last },
    });
  } else {
    if (stressLength > T - h) {
      throw new RangeError(`${fn}: params.stressLength ${stressLength} exceeds the ${T - h} scenarios`);
    }
    stressedVar = (allPnl) => {
      const best = stressedPeriod(allPnl, (w) => varEs(w, conf).var, stressLength);
      return { var: best.margin, window: { first: best.start + h, last: best.end + h } };
    };
  }
  const agg = aggregateSpan2(span2Lines, {
    underlyings: usedU,
    tau: conf,
    mpor: h,
    hvarWeight: x,
    participation,
    liquidity: params.liquidity,
    // today's daily vol in price units
    todayVol: usedU.map((u, k) =>
      mode === "absolute" ? fhs.todayVol[k] : fhs.todayVol[k] * Math.abs(market[u]!.prices[0])
    ),
    contractSize: usedU.map((u) => market[u]!.contractSize),
    fhsScenarios: lookback,
    stressScenarios: T - h,
    hypotheticals: hyp.length,
    stressedVar,
  });
  return {
    total: agg.total,
    riskRequirement: agg.riskRequirement,
    netOptionValue: agg.netOptionValue,
    hvar: agg.hvar,
    stress: agg.stress,
    stressedVar: agg.stressedVar,
    stressWindow: agg.stressWindow!,
    worstHypothetical: agg.worstHypothetical,
    worstHypotheticalName: agg.worstHypotheticalIndex < 0 ? "" : hyp[agg.worstHypotheticalIndex].name,
    liquidity: agg.liquidity,
    concentration: agg.concentration,
    pnl: agg.pnl,
    revaluations,
  };
}
