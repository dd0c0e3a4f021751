/**
 * SPAN-like margin for portfolios of energy futures and options on futures,
 * after CME's public description of SPAN (see `SPAN.md` for what is followed
 * and what is simplified).
 *
 * Per instrument, a **risk array** of 16 scenario losses per contract
 * (positive = loss) is computed once and cached: futures price unchanged,
 * ±1/3, ±2/3, ±3/3 of the price scan range, each with volatility up and down
 * by the vol scan range (scenarios 1–14), and two extreme moves of ±2× the
 * scan range with volatility unchanged, of which 35% counts (15–16). Options
 * are fully revalued with Black-76 (`lib/market/black76.ts`) or, for American
 * style, a binomial tree.
 *
 * Per underlying (combined commodity):
 * - **scan risk** = max(0, worst of the 16 summed scenario losses);
 * - **intra-commodity (calendar) spread charge** = spreads × charge per spread,
 *   spreads = min(Σ long tier deltas, Σ |short tier deltas|), a tier = one expiry;
 * - **inter-commodity spread credit** for each configured pair with opposite
 *   net deltas: spreads = min(|Δa|/deltaA, |Δb|/deltaB) (consuming deltas in
 *   priority order), credit on each leg = rate × spread deltas × weighted
 *   futures price risk (scan risk per unit of net delta), capped at scan risk;
 * - **short option minimum** = short option contracts × minimum per contract;
 * - risk = max(scan + intra − credit, short option minimum).
 *
 * Total = max(0, Σ risk − net option value), NOV = Σ quantity × premium ×
 * contract size over options (long positive, short negative): long option
 * value is a credit, short option value a debit (premium-style options).
 *
 * @example
 * ```ts
 * import { defaultSpanParams, spanMargin } from "./span.ts";
 * const market = { WTI: { expiries: [0.25, 1], prices: [70, 68], vols: [0.4, 0.35], rate: 0.04, contractSize: 1000 } };
 * const r = spanMargin({ positions: [{ type: "future", underlying: "WTI", quantity: 2, expiry: 0.25 }] }, market,
 *   defaultSpanParams());
 * r.total; // 2 × 0.1 × 70 × 1000 = 14000 (worst of 16: down a full scan range)
 * ```
 * @module
 */
import type { Instrument, MarketState, Portfolio, Underlying } from "../market/portfolio.ts";
import {
  curveAt,
  instrumentKey,
  UNDERLYINGS,
  unitDelta,
  validateMarket,
  validatePortfolio,
} from "../market/portfolio.ts";
import { unitValues } from "../market/unit_values.ts";

/** One SPAN scenario: price move in scan ranges, vol move in vol scan ranges (−1, 0, +1), fraction counted. */
export interface SpanScenario {
  price: number;
  vol: number;
  weight: number;
}

/**
 * The 16 standard SPAN scenarios in CME's order (extreme move multiple and
 * cover as parameters; defaults 2 and 0.35).
 *
 * @example
 * ```ts
 * spanScenarios().length; // 16
 * ```
 */
export function spanScenarios(extremeMultiple = 2, extremeCover = 0.35): SpanScenario[] {
  const out: SpanScenario[] = [];
  for (const price of [0, 1 / 3, -1 / 3, 2 / 3, -2 / 3, 1, -1]) {
    out.push({ price, vol: 1, weight: 1 }, { price, vol: -1, weight: 1 });
  }
  out.push({ price: extremeMultiple, vol: 0, weight: extremeCover });
  out.push({ price: -extremeMultiple, vol: 0, weight: extremeCover });
  return out;
}

/** SPAN parameters of one underlying. */
export interface SpanUnderlyingParams {
  /** Price scan range as a fraction of each futures price (e.g. 0.1 = 10%). */
  priceScan: number;
  /** Volatility scan range in absolute vol units (e.g. 0.05 = 5 vol points); vol down is floored at 1%. */
  volScan: number;
  /** Charge per calendar spread (currency per futures-equivalent contract spread). */
  intraSpreadCharge: number;
  /** Minimum per short option contract (currency). */
  shortOptionMinimum: number;
}

/** An inter-commodity spread: `deltaA` of `a` against `deltaB` of `b`, credited at `credit` (fraction). */
export interface InterSpread {
  a: Underlying;
  b: Underlying;
  deltaA: number;
  deltaB: number;
  credit: number;
}

/** SPAN-like parameters. */
export interface SpanParams {
  /** Per-underlying scan ranges, spread charges and minima. */
  underlyings: Partial<Record<Underlying, SpanUnderlyingParams>>;
  /** Inter-commodity spreads in priority order. Default none. */
  interSpreads?: InterSpread[];
  /** Extreme move in scan ranges. Default 2. */
  extremeMultiple?: number;
  /** Fraction of the extreme-move loss counted. Default 0.35. */
  extremeCover?: number;
  /** Binomial steps for American options. Default 50. */
  treeSteps?: number;
}

/**
 * Illustrative SPAN-like parameters for WTI, Brent and Henry Hub (not CME's
 * published values; calibrate scan ranges with `scanRangeFromHistory`).
 *
 * @example
 * ```ts
 * defaultSpanParams().underlyings.WTI?.priceScan; // 0.1
 * ```
 */
export function defaultSpanParams(): SpanParams {
  return {
    underlyings: {
      WTI: { priceScan: 0.1, volScan: 0.05, intraSpreadCharge: 800, shortOptionMinimum: 200 },
      BRENT: { priceScan: 0.1, volScan: 0.05, intraSpreadCharge: 800, shortOptionMinimum: 200 },
      HH: { priceScan: 0.15, volScan: 0.08, intraSpreadCharge: 600, shortOptionMinimum: 150 },
    },
    interSpreads: [{ a: "WTI", b: "BRENT", deltaA: 1, deltaB: 1, credit: 0.7 }],
    extremeMultiple: 2,
    extremeCover: 0.35,
    treeSteps: 50,
  };
}

/** Precomputed risk of one instrument, per contract. */
export interface InstrumentRisk {
  /** 16 scenario losses per contract (positive = loss), weights applied. */
  riskArray: Float64Array;
  /** Futures-equivalent delta per contract. */
  delta: number;
  /** Premium per contract (options), 0 for futures. */
  value: number;
  /** Value of one unit of underlying today (`unitValue` at today's price and vol: futures `F`, options the premium). */
  unitValue: number;
}

/** SPAN-like result for one underlying. */
export interface SpanCommodityResult {
  /** Summed scenario losses (16). */
  scenarioLosses: Float64Array;
  /** max(0, worst scenario loss). */
  scanRisk: number;
  /** 1-based index of the worst scenario. */
  worstScenario: number;
  /** Net futures-equivalent delta (contracts). */
  netDelta: number;
  intraSpreadCharge: number;
  interSpreadCredit: number;
  shortOptionMinimum: number;
  /** max(scan + intra − credit, short option minimum). */
  risk: number;
}

/** SPAN-like result for a portfolio. */
export interface SpanResult {
  /** max(0, riskRequirement − netOptionValue). */
  total: number;
  /** Σ per-underlying risk. */
  riskRequirement: number;
  /** Σ option quantity × premium × contract size. */
  netOptionValue: number;
  byUnderlying: Partial<Record<Underlying, SpanCommodityResult>>;
}

/** A SPAN-like engine bound to one market state and parameter set, caching risk arrays per instrument. */
export interface SpanEngine {
  /** Risk array, delta and premium of one instrument (cached). */
  riskArray(inst: Instrument): InstrumentRisk;
  /** SPAN-like margin of a portfolio (validated). */
  margin(portfolio: Portfolio): SpanResult;
  /** Totals of many portfolios. */
  marginBatch(portfolios: readonly Portfolio[]): Float64Array;
}

function checkParams(params: SpanParams, market: MarketState): void {
  const fn = "createSpanEngine";
  if (params === null || typeof params !== "object" || typeof params.underlyings !== "object") {
    throw new TypeError(`${fn}: params.underlyings must be an object keyed by underlying`);
  }
  for (const [u, p] of Object.entries(params.underlyings)) {
    if (!(UNDERLYINGS as readonly string[]).includes(u)) {
      throw new RangeError(`${fn}: params.underlyings has unknown underlying "${u}"`);
    }
    if (p === undefined) continue;
    for (const k of ["priceScan", "volScan", "intraSpreadCharge", "shortOptionMinimum"] as const) {
      const v = p[k];
      if (typeof v !== "number" || !Number.isFinite(v) || v < 0 || (k === "priceScan" && v === 0)) {
        throw new RangeError(
          `${fn}: params.underlyings.${u}.${k} must be finite and ${k === "priceScan" ? "> 0" : ">= 0"}, got ${v}`,
        );
      }
    }
  }
  for (const [i, s] of (params.interSpreads ?? []).entries()) {
    for (const k of ["a", "b"] as const) {
      if (!(UNDERLYINGS as readonly string[]).includes(s[k])) {
        throw new RangeError(`${fn}: params.interSpreads[${i}].${k}: unknown underlying "${s[k]}"`);
      }
    }
    if (s.a === s.b) throw new RangeError(`${fn}: params.interSpreads[${i}] pairs ${s.a} with itself`);
    for (const k of ["deltaA", "deltaB"] as const) {
      if (!(s[k] > 0) || !Number.isFinite(s[k])) {
        throw new RangeError(`${fn}: params.interSpreads[${i}].${k} must be finite and > 0, got ${s[k]}`);
      }
    }
    if (!(s.credit >= 0 && s.credit <= 1)) {
      throw new RangeError(`${fn}: params.interSpreads[${i}].credit must lie in [0, 1], got ${s.credit}`);
    }
  }
  const em = params.extremeMultiple ?? 2, ec = params.extremeCover ?? 0.35, ts = params.treeSteps ?? 50;
  if (!(em > 0) || !Number.isFinite(em)) {
    throw new RangeError(`${fn}: params.extremeMultiple must be finite and > 0, got ${em}`);
  }
  if (!(ec >= 0 && ec <= 1)) throw new RangeError(`${fn}: params.extremeCover must lie in [0, 1], got ${ec}`);
  if (!Number.isInteger(ts) || ts < 1) {
    throw new RangeError(`${fn}: params.treeSteps must be an integer >= 1, got ${ts}`);
  }
  validateMarket(market);
}

/**
 * Create a SPAN-like engine for a market state and parameters (validated once).
 *
 * @throws {RangeError} on bad parameters or market state (naming the field and value)
 * @example
 * ```ts
 * import type { MarketState, Portfolio } from "../market/portfolio.ts";
 * const market: MarketState = {
 *   WTI: { expiries: [0.1, 0.5, 1], prices: [72, 71, 70], vols: [0.4, 0.37, 0.35], rate: 0.04, contractSize: 1000 },
 * };
 * const portfolios: Portfolio[] = [{ positions: [{ type: "future", underlying: "WTI", quantity: 1, expiry: 0.5 }] }];
 * const engine = createSpanEngine(market, defaultSpanParams());
 * const totals = engine.marginBatch(portfolios);
 * ```
 */
export function createSpanEngine(market: MarketState, params: SpanParams): SpanEngine {
  checkParams(params, market);
  const scenarios = spanScenarios(params.extremeMultiple ?? 2, params.extremeCover ?? 0.35);
  const treeSteps = params.treeSteps ?? 50;
  const cache = new Map<string, InstrumentRisk>();
  const U = UNDERLYINGS.length;
  const pointF = new Float64Array(17), pointVol = new Float64Array(17), values = new Float64Array(17);
  const powCache = new Map<number, Float64Array>(); // the American trees' d^i tables of this market state

  const riskArray = (inst: Instrument): InstrumentRisk => {
    const key = instrumentKey(inst);
    const hit = cache.get(key);
    if (hit !== undefined) return hit;
    const m = market[inst.underlying];
    const up = params.underlyings[inst.underlying];
    if (m === undefined) throw new RangeError(`createSpanEngine: no market state for "${inst.underlying}"`);
    if (up === undefined) throw new RangeError(`createSpanEngine: no SPAN parameters for "${inst.underlying}"`);
    const { price: F, vol } = curveAt(market, inst.underlying, inst.expiry);
    // today's value and the 16 scenario values in one call (American trees that share a vol run as one batch)
    const scan = up.priceScan * Math.abs(F);
    pointF[0] = F;
    pointVol[0] = vol;
    for (let i = 0; i < 16; i++) {
      const sc = scenarios[i];
      const sig = Math.max(0.01, vol + sc.vol * up.volScan);
      pointF[1 + i] = F + sc.price * scan;
      pointVol[1 + i] = sc.vol === 0 ? vol : sig;
    }
    unitValues(inst, pointF, pointVol, m.rate, treeSteps, values, powCache);
    const v0 = values[0];
    const arr = new Float64Array(16);
    for (let i = 0; i < 16; i++) arr[i] = scenarios[i].weight * (v0 - values[1 + i]) * m.contractSize;
    const risk: InstrumentRisk = {
      riskArray: arr,
      delta: unitDelta(inst, F, vol, m.rate),
      value: inst.type === "future" ? 0 : v0 * m.contractSize,
      unitValue: v0,
    };
    cache.set(key, risk);
    return risk;
  };

  const margin = (portfolio: Portfolio): SpanResult => {
    validatePortfolio(portfolio, market);
    const losses = new Float64Array(U * 16);
    const used = new Uint8Array(U);
    const netDelta = new Float64Array(U), shorts = new Float64Array(U);
    const tiers: { e: number; d: number }[][] = UNDERLYINGS.map(() => []);
    let nov = 0;
    for (const p of portfolio.positions) {
      const u = UNDERLYINGS.indexOf(p.underlying);
      const r = riskArray(p);
      used[u] = 1;
      const o = u * 16;
      for (let i = 0; i < 16; i++) losses[o + i] += p.quantity * r.riskArray[i];
      const d = p.quantity * r.delta;
      netDelta[u] += d;
      const t = tiers[u].find((x) => x.e === p.expiry);
      if (t) t.d += d;
      else tiers[u].push({ e: p.expiry, d });
      if (p.type !== "future") {
        nov += p.quantity * r.value;
        if (p.quantity < 0) shorts[u] += -p.quantity;
      }
    }
    const scanRisk = new Float64Array(U), worst = new Int32Array(U), intra = new Float64Array(U);
    for (let u = 0; u < U; u++) {
      if (!used[u]) continue;
      let w = 0, wi = 0;
      for (let i = 0; i < 16; i++) {
        if (losses[u * 16 + i] > w) {
          w = losses[u * 16 + i];
          wi = i;
        }
      }
      scanRisk[u] = w;
      worst[u] = wi + 1;
      let lo = 0, sh = 0;
      for (const t of tiers[u]) t.d > 0 ? (lo += t.d) : (sh -= t.d);
      intra[u] = Math.min(lo, sh) * (params.underlyings[UNDERLYINGS[u]] as SpanUnderlyingParams).intraSpreadCharge;
    }
    const credit = new Float64Array(U);
    const remaining = Float64Array.from(netDelta, Math.abs);
    for (const s of params.interSpreads ?? []) {
      const a = UNDERLYINGS.indexOf(s.a), b = UNDERLYINGS.indexOf(s.b);
      if (!used[a] || !used[b] || netDelta[a] * netDelta[b] >= 0) continue;
      const n = Math.min(remaining[a] / s.deltaA, remaining[b] / s.deltaB);
      if (!(n > 0)) continue;
      remaining[a] -= n * s.deltaA;
      remaining[b] -= n * s.deltaB;
      credit[a] += s.credit * n * s.deltaA * (scanRisk[a] / Math.abs(netDelta[a]));
      credit[b] += s.credit * n * s.deltaB * (scanRisk[b] / Math.abs(netDelta[b]));
    }
    const byUnderlying: Partial<Record<Underlying, SpanCommodityResult>> = {};
    let riskReq = 0;
    for (let u = 0; u < U; u++) {
      if (!used[u]) continue;
      const up = params.underlyings[UNDERLYINGS[u]] as SpanUnderlyingParams;
      const cr = Math.min(credit[u], scanRisk[u]);
      const som = shorts[u] * up.shortOptionMinimum;
      const risk = Math.max(scanRisk[u] + intra[u] - cr, som);
      riskReq += risk;
      byUnderlying[UNDERLYINGS[u]] = {
        scenarioLosses: losses.slice(u * 16, u * 16 + 16),
        scanRisk: scanRisk[u],
        worstScenario: worst[u],
        netDelta: netDelta[u],
        intraSpreadCharge: intra[u],
        interSpreadCredit: cr,
        shortOptionMinimum: som,
        risk,
      };
    }
    return { total: Math.max(0, riskReq - nov), riskRequirement: riskReq, netOptionValue: nov, byUnderlying };
  };

  const marginBatch = (portfolios: readonly Portfolio[]): Float64Array => {
    if (!Array.isArray(portfolios)) {
      throw new TypeError(`marginBatch: portfolios must be an array, got ${String(portfolios)}`);
    }
    const out = new Float64Array(portfolios.length);
    for (let i = 0; i < portfolios.length; i++) out[i] = margin(portfolios[i]).total;
    return out;
  };

  return { riskArray, margin, marginBatch };
}

/**
 * SPAN-like margin of one portfolio (creates a one-off engine; use
 * {@link createSpanEngine} for many portfolios on the same market).
 *
 * @throws {RangeError}/{TypeError} on a bad portfolio (unknown type/underlying, expired option, zero quantity),
 *   market state or parameters, naming the field and value
 * @example
 * ```ts
 * import type { MarketState, Portfolio } from "../market/portfolio.ts";
 * const market: MarketState = {
 *   WTI: { expiries: [0.1, 0.5, 1], prices: [72, 71, 70], vols: [0.4, 0.37, 0.35], rate: 0.04, contractSize: 1000 },
 * };
 * const portfolio: Portfolio = { positions: [{ type: "call", underlying: "WTI", quantity: -2, expiry: 0.5, strike: 75 }] };
 * spanMargin(portfolio, market, defaultSpanParams()).total;
 * ```
 */
export function spanMargin(portfolio: Portfolio, market: MarketState, params: SpanParams): SpanResult {
  return createSpanEngine(market, params).margin(portfolio);
}
