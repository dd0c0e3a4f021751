/**
 * Turn a portfolio into model inputs: one token per position and one
 * market-context token, plus hand-aggregated features for the MLP baseline.
 *
 * Every feature comes from the fast side only — the SPAN-like engine's cached
 * per-contract risk arrays, Black-76 delta/vega, the day's market-context
 * features — never from the SPAN 2-like engine. Quantity-weighted money
 * features are divided by the portfolio scale `S = RR + offset` (RR: the SPAN-like
 * risk requirement before the net option value), so tokens are scale-free and the
 * network predicts a ratio.
 *
 * Position token (numeric, {@link TOKEN_FEATURES}): one-hot instrument type (future/call/put), underlying
 * (WTI/Brent/HH) and exercise style (none/European/American) — multiplied by the first dense layer this is exactly a
 * sum of categorical embeddings —, log-moneyness, time to expiry, vol, vol·√T, sign and log-size of the quantity,
 * delta, delta-dollars/S, premium/S, vega/S, the 16 SPAN scenario losses/S, and the underlying's market regime
 * (EWMA vol ratio, scan range, unit-future 99% VaR vs scan range, long and short, unfiltered 10-year HS, FHS and
 * stressed window), and the position's P&L/S at the day's risk moves (`MarketDay.riskMoves`: FHS and stressed-window
 * quantile moves of its underlying) and in the six hypothetical stress scenarios — a second, wider "risk array" of 14
 * revaluations per instrument, cached per day like SPAN's.
 *
 * Context token ({@link CONTEXT_TOKEN_FEATURES}): the day's market features (`CONTEXT_FEATURES`), SPAN components per underlying
 * (scan risk, intra charge, inter credit, short option minimum, /S), NOV/S, log S, positions/20, a SPAN = 0 flag.
 *
 * @example
 * ```ts
 * import { createPrng } from "../core/prng.ts";
 * import { createTokenizer } from "./tokenizer.ts";
 * import { buildMarketDay } from "./market_day.ts";
 * import { generatePortfolio } from "./generator.ts";
 * import { syntheticPanel } from "./synthetic_panel.ts";
 * const day = buildMarketDay(syntheticPanel(1, 2700), 2699);
 * const tok = createTokenizer(day, { offset: 1000 });
 * const t = tok.tokenize(generatePortfolio(createPrng(1), day));
 * console.log(t.n, t.tokens.length, t.span); // positions, n × TOKEN_FEATURES values, the SPAN-like total
 * ```
 * @module
 */
import { black76Greeks } from "../market/black76.ts";
import { createSpanEngine, type InstrumentRisk, type SpanEngine } from "../margin/span.ts";
import { curveAt, type Instrument, type Portfolio, UNDERLYINGS, validatePortfolio } from "../market/portfolio.ts";
import { checkModelPortfolio, MAX_POSITIONS } from "./generator.ts";
import { CONTEXT_FEATURES, type MarketDay, RISK_MOVES } from "./market_day.ts";
import { defaultHypotheticalScenarios } from "../margin/span2.ts";
import { unitValues } from "../market/unit_values.ts";

/** Hypothetical scenarios revalued per instrument (SPAN 2-like defaults). */
const HYP = 6;

/** Numeric features per position token. */
export const TOKEN_FEATURES = 9 + 12 + 16 + 8 + RISK_MOVES + HYP;
/** Features of the context token. */
export const CONTEXT_TOKEN_FEATURES = CONTEXT_FEATURES + 12 + 4;
/** Features of the MLP baseline (context + per-underlying sums of the money features + counts). */
export const AGG_FEATURES = CONTEXT_TOKEN_FEATURES + 3 * (3 + 16 + 3 + RISK_MOVES + HYP) + HYP;

/** Model inputs of one portfolio. */
export interface Tokens {
  /** Number of position tokens (1..20). */
  n: number;
  /** `n × TOKEN_FEATURES`, row-major. */
  tokens: Float32Array;
  /** `CONTEXT_TOKEN_FEATURES`. */
  context: Float32Array;
  /** SPAN-like total margin (USD). */
  span: number;
  /** SPAN-like risk requirement (USD, before the net option value). */
  rr: number;
  /** Net option value (USD), shared by both engines. */
  nov: number;
  /** Portfolio scale `rr + offset`. */
  scale: number;
}

/** Options of {@link createTokenizer}. */
export interface TokenizerOptions {
  /** USD added to both risk requirements in the log-ratio target (keeps it finite where RR = 0). Default 1,000. */
  offset?: number;
  /** Maximum positions. Default {@link MAX_POSITIONS}. */
  maxPositions?: number;
}

/** A tokenizer bound to one market day (caches the SPAN-like risk arrays). */
export interface Tokenizer {
  tokenize(portfolio: Portfolio): Tokens;
  /** Hand-aggregated features of the MLP baseline (length {@link AGG_FEATURES}). */
  aggregate(t: Tokens): Float32Array;
  /**
   * Build the per-instrument caches of `instruments` now (the SPAN-like risk array, the token template and the
   * revaluations at the day's risk moves and stress scenarios — the same values a first `tokenize` would build),
   * e.g. the day's listed grid ({@link dayInstruments}) at the open, so that the day's first portfolios find them
   * warm. Returns the number of instruments built (those already cached are skipped).
   *
   * @throws {RangeError} on an instrument that is not valid on the day's market (naming it)
   */
  prepare(instruments: Iterable<Instrument>): number;
  readonly engine: SpanEngine;
}

/** Strike tick per underlying (as `generator.ts` rounds its strikes). */
const STRIKE_TICK: Record<string, number> = { WTI: 0.5, BRENT: 0.5, HH: 0.05 };

/**
 * The day's listed instruments as the portfolio generator draws them: per underlying with a market and curve
 * pillar, the future and calls and puts, European and American, at strikes `F·(1 + 0.05·step)` rounded to the
 * underlying's tick, `step = −strikeSteps..strikeSteps` (the generator's strike grid, bit for bit).
 *
 * @throws {RangeError} when `strikeSteps` is not an integer in [0, 10]
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { buildMarketDay } from "./market_day.ts";
 * import { syntheticPanel } from "./synthetic_panel.ts";
 * const day = buildMarketDay(syntheticPanel(1, 2700), 2699);
 * assert.equal(dayInstruments(day, 0).length, 3 * day.expiries.length * 5); // future + 2 types × 2 styles
 * ```
 */
export function dayInstruments(day: MarketDay, strikeSteps = 4): Instrument[] {
  if (!Number.isInteger(strikeSteps) || strikeSteps < 0 || strikeSteps > 10) {
    throw new RangeError(`dayInstruments: strikeSteps must be an integer in [0, 10], got ${strikeSteps}`);
  }
  const out: Instrument[] = [];
  for (const u of UNDERLYINGS) {
    if (day.market[u] === undefined) continue;
    const tick = STRIKE_TICK[u];
    for (const expiry of day.expiries) {
      out.push({ type: "future", underlying: u, expiry });
      const F = curveAt(day.market, u, expiry).price;
      for (let step = -strikeSteps; step <= strikeSteps; step++) {
        const strike = Math.max(tick, Math.round((F * (1 + 0.05 * step)) / tick) * tick);
        for (const type of ["call", "put"] as const) {
          for (const style of ["european", "american"] as const) {
            out.push({ type, underlying: u, expiry, strike, style });
          }
        }
      }
    }
  }
  return out;
}

/**
 * Create the tokenizer of a market day.
 *
 * @throws {RangeError} when `opts.offset` is not finite and > 0
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { buildMarketDay } from "./market_day.ts";
 * import { syntheticPanel } from "./synthetic_panel.ts";
 * const day = buildMarketDay(syntheticPanel(1, 2700), 2699);
 * const t = createTokenizer(day).tokenize({
 *   positions: [{ type: "future", underlying: "WTI", quantity: 1, expiry: day.expiries[0] }],
 * });
 * assert.deepEqual(Array.from(t.tokens.subarray(0, 9)), [1, 0, 0, 1, 0, 0, 1, 0, 0]); // future, WTI, no exercise style
 * ```
 */
export function createTokenizer(day: MarketDay, opts: TokenizerOptions = {}): Tokenizer {
  const offset = opts.offset ?? 1000;
  if (!(offset > 0) || !Number.isFinite(offset)) {
    throw new RangeError(`createTokenizer: opts.offset must be finite and > 0, got ${offset}`);
  }
  const maxPositions = opts.maxPositions ?? MAX_POSITIONS;
  const engine = createSpanEngine(day.market, day.spanParams);
  const market = day.market;
  const ctxDay = day.context;
  const hyp = day.span2Params.hypothetical ?? defaultHypotheticalScenarios();
  if (hyp.length !== HYP) {
    throw new RangeError(`createTokenizer: expected ${HYP} hypothetical scenarios, got ${hyp.length}`);
  }
  const steps = day.spanParams.treeSteps ?? 50;
  const NF = TOKEN_FEATURES;
  const pointF = new Float64Array(RISK_MOVES + HYP), pointVol = new Float64Array(RISK_MOVES + HYP);
  const values = new Float64Array(RISK_MOVES + HYP);
  const powCache = new Map<number, Float64Array>(); // the American trees' d^i tables of this day
  /**
   * What a token needs from its instrument, computed once per instrument and day (like the SPAN-like risk arrays):
   * the quantity-independent features as they are written (float32) and the per-contract money values.
   */
  interface InstrumentEntry {
    isOpt: boolean;
    template: Float32Array;
    risk: InstrumentRisk;
    F: number;
    contractSize: number;
    vega: number;
    /** Per-contract P&L (USD) at the day's risk moves and in the hypothetical scenarios. */
    moves: Float64Array;
  }
  const build = (p: Instrument, u: number): InstrumentEntry => {
    const r = engine.riskArray(p);
    const m = market[p.underlying]!;
    const { price: F, vol } = curveAt(market, p.underlying, p.expiry);
    const isOpt = p.type !== "future";
    const vega = isOpt
      ? black76Greeks(p.type === "call", F, p.strike!, p.expiry, vol, Math.exp(-m.rate * p.expiry)).vega
      : 0;
    // today's value (the SPAN-like engine's, the same unitValue at the same tree steps), then the values at the risk
    // moves and in the hypothetical scenarios in one call (American trees that share a vol run as one batch)
    const v0 = r.unitValue;
    const mv = day.riskMoves[p.underlying];
    for (let j = 0; j < RISK_MOVES; j++) {
      pointF[j] = F + mv[j];
      pointVol[j] = vol;
    }
    for (let j = 0; j < HYP; j++) {
      const dp = hyp[j].price?.[p.underlying] ?? 0, dv = hyp[j].vol?.[p.underlying] ?? 0;
      pointF[RISK_MOVES + j] = F + dp * Math.abs(F);
      pointVol[RISK_MOVES + j] = vol * (1 + dv);
    }
    unitValues(p, pointF, pointVol, m.rate, steps, values, powCache);
    const moves = new Float64Array(RISK_MOVES + HYP);
    for (let j = 0; j < RISK_MOVES + HYP; j++) moves[j] = (values[j] - v0) * m.contractSize;
    const t = new Float32Array(NF);
    t[p.type === "future" ? 0 : p.type === "call" ? 1 : 2] = 1;
    t[3 + u] = 1;
    t[6 + (!isOpt ? 0 : p.style === "american" ? 2 : 1)] = 1;
    t[9] = isOpt ? Math.log(p.strike! / F) : 0;
    t[10] = p.expiry * 4;
    t[11] = vol;
    t[12] = vol * Math.sqrt(p.expiry);
    t[15] = r.delta;
    t[19] = isOpt ? 1 : 0;
    for (let j = 0; j < 8; j++) t[37 + j] = ctxDay[8 * u + j];
    return { isOpt, template: t, risk: r, F, contractSize: m.contractSize, vega, moves };
  };
  // entries by instrument kind (type × underlying × exercise style), then expiry, then strike (0 for a future):
  // number-keyed maps, no string keys on the hot path
  const entries = Array.from({ length: 15 }, () => new Map<number, Map<number, InstrumentEntry>>());
  let built = 0;
  const entry = (p: Instrument): InstrumentEntry => {
    const u = UNDERLYINGS.indexOf(p.underlying);
    const kind = p.type === "future"
      ? u
      : 3 + 6 * (p.type === "call" ? 0 : 1) + 3 * (p.style === "american" ? 1 : 0) + u;
    const byExpiry = entries[kind];
    let byStrike = byExpiry.get(p.expiry);
    if (byStrike === undefined) byExpiry.set(p.expiry, byStrike = new Map());
    const strike = p.type === "future" ? 0 : p.strike!;
    let e = byStrike.get(strike);
    if (e === undefined) {
      byStrike.set(strike, e = build(p, u));
      built++;
    }
    return e;
  };

  const prepare = (instruments: Iterable<Instrument>): number => {
    const before = built;
    let i = 0;
    for (const inst of instruments) {
      try {
        validatePortfolio({ positions: [{ ...inst, quantity: 1 }] }, market);
      } catch (err) {
        throw new RangeError(`prepare: instruments[${i}] ${JSON.stringify(inst)}: ${(err as Error).message}`);
      }
      entry(inst);
      i++;
    }
    return built - before;
  };

  const tokenize = (pf: Portfolio): Tokens => {
    const res = engine.margin(pf); // validates the portfolio first, as checkModelPortfolio does
    const n = pf.positions.length;
    if (n === 0 || n > maxPositions) checkModelPortfolio(pf, market, maxPositions); // throws
    const span = res.total;
    const S = res.riskRequirement + offset;
    const tokens = new Float32Array(n * NF);
    for (let i = 0; i < n; i++) {
      const p = pf.positions[i];
      const e = entry(p);
      const r = e.risk, q = p.quantity, o = i * NF;
      tokens.set(e.template, o);
      tokens[o + 13] = Math.sign(q);
      tokens[o + 14] = Math.log1p(Math.abs(q)) / 4;
      tokens[o + 16] = (q * r.delta * e.F * e.contractSize) / S;
      tokens[o + 17] = (q * r.value) / S;
      tokens[o + 18] = (q * e.vega * e.contractSize * 0.01) / S;
      tokens[o + 20] = q > 0 && e.isOpt ? 1 : 0;
      const ra = r.riskArray;
      for (let s = 0; s < 16; s++) tokens[o + 21 + s] = (q * ra[s]) / S;
      const mv = e.moves;
      for (let j = 0; j < RISK_MOVES + HYP; j++) tokens[o + 45 + j] = (q * mv[j]) / S;
    }
    const context = new Float32Array(CONTEXT_TOKEN_FEATURES);
    context.set(ctxDay);
    let k = CONTEXT_FEATURES;
    for (const u of UNDERLYINGS) {
      const c = res.byUnderlying[u];
      context[k++] = c ? c.scanRisk / S : 0;
      context[k++] = c ? c.intraSpreadCharge / S : 0;
      context[k++] = c ? c.interSpreadCredit / S : 0;
      context[k++] = c ? c.shortOptionMinimum / S : 0;
    }
    context[k++] = res.netOptionValue / S;
    context[k++] = Math.log(S) / 10;
    context[k++] = n / MAX_POSITIONS;
    context[k++] = span === 0 ? 1 : 0;
    return { n, tokens, context, span, rr: res.riskRequirement, nov: res.netOptionValue, scale: S };
  };

  const aggregate = (t: Tokens): Float32Array => {
    const out = new Float32Array(AGG_FEATURES);
    out.set(t.context);
    const base = CONTEXT_TOKEN_FEATURES;
    for (let i = 0; i < t.n; i++) {
      const o = i * TOKEN_FEATURES;
      const u = t.tokens[o + 4] === 1 ? 1 : t.tokens[o + 5] === 1 ? 2 : 0;
      const b = base + u * (22 + RISK_MOVES + HYP);
      out[b] += t.tokens[o + 16]; // delta-dollars
      out[b + 1] += t.tokens[o + 17]; // premium
      out[b + 2] += t.tokens[o + 18]; // vega
      for (let s = 0; s < 16; s++) out[b + 3 + s] += t.tokens[o + 21 + s];
      out[b + 19] += 1 / MAX_POSITIONS; // count
      out[b + 20] += t.tokens[o + 19] / MAX_POSITIONS; // options
      out[b + 21] += Math.abs(t.tokens[o + 16]); // gross delta-dollars
      for (let j = 0; j < RISK_MOVES + HYP; j++) out[b + 22 + j] += t.tokens[o + 45 + j];
      // portfolio P&L in each hypothetical scenario (joint across underlyings)
      for (let j = 0; j < HYP; j++) out[AGG_FEATURES - HYP + j] += t.tokens[o + 45 + RISK_MOVES + j];
    }
    return out;
  };

  return { tokenize, aggregate, prepare, engine };
}
