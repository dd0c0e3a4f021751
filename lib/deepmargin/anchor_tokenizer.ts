/**
 * An *anchor-like* tokenizer (issue 15, DeepMargin v2): the inputs the published anchor (ION DeepMargin) gives its
 * network — position descriptors and the SPAN risk array — and nothing else. Unlike `tokenizer.ts` (e06 v1) it
 * never reads anything the SPAN 2-like engine computes or scans: no P&L at the FHS or stressed-window quantile
 * moves (`MarketDay.riskMoves`), no hypothetical stress scenarios (`span2Params.hypothetical`), no 10-year HS, FHS
 * or stressed-window VaR and no EWMA vol regime (the FHS scaling) from `MarketDay.context`, and never
 * `MarketDay.history` or `span2Params`. What it reads from the market day: `market` (curves, ATM vols, rate,
 * contract sizes), `spanParams` (the SPAN-like risk parameter file: scan ranges) and three market observables of
 * `context` — OVX, VIX and the 3-month rate ({@link ANCHOR_CONTEXT_SOURCES}).
 *
 * It has the same interface as `createTokenizer` ({@link Tokenizer}: `tokenize`, `aggregate`, `prepare`, `engine`;
 * {@link Tokens}), so the model code can take either:
 *
 * - `layout: "compact"` (default): tokens of {@link ANCHOR_TOKEN_FEATURES}, a context token of
 *   {@link ANCHOR_CONTEXT_FEATURES} and aggregates of {@link ANCHOR_AGG_FEATURES} values, named one by one in
 *   {@link ANCHOR_TOKEN_FEATURE_NAMES}, {@link ANCHOR_CONTEXT_FEATURE_NAMES}, {@link ANCHOR_AGG_FEATURE_NAMES}
 *   (a model sized by these widths; `model.ts` / `inference.ts` read the v1 widths as module constants today);
 * - `layout: "v1"`: the same values written into the v1 widths (`TOKEN_FEATURES`, `CONTEXT_TOKEN_FEATURES`,
 *   `AGG_FEATURES`) at the v1 positions of the same quantities, every v1 feature the anchor does not see left at
 *   zero ({@link anchorV1Index}) — the existing `model.ts`, `inference.ts` and `training.ts` take these tokens
 *   unchanged (a constant zero column standardises to zero: `fitNormalisation` sets its scale to 1).
 *
 * Position token (compact, 38): one-hot instrument type (future/call/put), underlying (WTI/Brent/HH) and exercise
 * style (none/European/American), log-moneyness, time to expiry ×4, ATM vol, vol·√T, sign and log1p|q|/4 of the
 * quantity, delta, delta-dollars/S, premium/S, vega/S (per vol point), option flag, long-option flag, the 16 SPAN
 * scenario losses/S (the risk array, quantity-weighted), and the underlying's SPAN price scan range ×10. `S = RR +
 * offset` (RR: the SPAN-like risk requirement), as in v1, so tokens are scale-free; indices 0..36 are v1's.
 *
 * Context token (compact, 22): the three scan ranges ×10, OVX/100, VIX/100, rate ×10, per underlying the SPAN
 * components/S (scan risk, intra-commodity charge, inter-commodity credit, short option minimum), NOV/S, ln(S)/10,
 * positions/20, a SPAN = 0 flag.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { createPrng } from "../core/prng.ts";
 * import { ANCHOR_TOKEN_FEATURES, createAnchorTokenizer } from "./anchor_tokenizer.ts";
 * import { buildMarketDay } from "./market_day.ts";
 * import { generatePortfolio } from "./generator.ts";
 * import { syntheticPanel } from "./synthetic_panel.ts";
 * const day = buildMarketDay(syntheticPanel(1, 2700), 2699);
 * const tok = createAnchorTokenizer(day, { offset: 1000 });
 * const t = tok.tokenize(generatePortfolio(createPrng(1), day));
 * assert.equal(t.tokens.length, t.n * ANCHOR_TOKEN_FEATURES);
 * ```
 * @module
 */
import { black76Greeks } from "../market/black76.ts";
import { createSpanEngine, type InstrumentRisk } from "../margin/span.ts";
import { curveAt, type Instrument, type Portfolio, UNDERLYINGS, validatePortfolio } from "../market/portfolio.ts";
import { checkModelPortfolio, MAX_POSITIONS } from "./generator.ts";
import type { MarketDay } from "./market_day.ts";
import {
  AGG_FEATURES,
  CONTEXT_TOKEN_FEATURES,
  TOKEN_FEATURES,
  type Tokenizer,
  type TokenizerOptions,
  type Tokens,
} from "./tokenizer.ts";

const SCENARIOS = 16;

/** Names of the compact position-token features, in order (length {@link ANCHOR_TOKEN_FEATURES}). */
export const ANCHOR_TOKEN_FEATURE_NAMES: readonly string[] = Object.freeze([
  "type_future",
  "type_call",
  "type_put",
  "underlying_wti",
  "underlying_brent",
  "underlying_hh",
  "style_none",
  "style_european",
  "style_american",
  "log_moneyness",
  "expiry_x4",
  "atm_vol",
  "vol_sqrt_t",
  "quantity_sign",
  "log1p_abs_quantity_div4",
  "delta",
  "delta_dollars_div_s",
  "premium_div_s",
  "vega_div_s",
  "is_option",
  "is_long_option",
  ...Array.from({ length: SCENARIOS }, (_, s) => `span_scenario_${s + 1}_loss_div_s`),
  "span_price_scan_x10",
]);

/** Names of the compact context-token features, in order (length {@link ANCHOR_CONTEXT_FEATURES}). */
export const ANCHOR_CONTEXT_FEATURE_NAMES: readonly string[] = Object.freeze([
  "span_price_scan_wti_x10",
  "span_price_scan_brent_x10",
  "span_price_scan_hh_x10",
  "ovx_div100",
  "vix_div100",
  "rate_x10",
  ...UNDERLYINGS.flatMap((u) =>
    ["scan_risk", "intra_charge", "inter_credit", "short_option_minimum"].map((c) => `${u.toLowerCase()}_${c}_div_s`)
  ),
  "nov_div_s",
  "log_s_div10",
  "positions_div20",
  "span_is_zero",
]);

/** Per-underlying aggregate block of the MLP baseline's features (compact layout). */
const AGG_BLOCK_NAMES = [
  "delta_dollars",
  "premium",
  "vega",
  ...Array.from({ length: SCENARIOS }, (_, s) => `span_scenario_${s + 1}`),
  "count_div20",
  "options_div20",
  "gross_delta_dollars",
];

/** Names of the compact aggregate features (context token, then per underlying sums), length {@link ANCHOR_AGG_FEATURES}. */
export const ANCHOR_AGG_FEATURE_NAMES: readonly string[] = Object.freeze([
  ...ANCHOR_CONTEXT_FEATURE_NAMES,
  ...UNDERLYINGS.flatMap((u) => AGG_BLOCK_NAMES.map((n) => `${u.toLowerCase()}_sum_${n}`)),
]);

/** Numeric features per compact anchor position token (38). */
export const ANCHOR_TOKEN_FEATURES = ANCHOR_TOKEN_FEATURE_NAMES.length;
/** Features of the compact anchor context token (22). */
export const ANCHOR_CONTEXT_FEATURES = ANCHOR_CONTEXT_FEATURE_NAMES.length;
/** Features of the compact anchor MLP aggregates (88). */
export const ANCHOR_AGG_FEATURES = ANCHOR_AGG_FEATURE_NAMES.length;

/**
 * The `MarketDay.context` entries the anchor tokenizer reads (index → meaning), all plain market observables; every
 * other entry of the 27 (EWMA vol regime, HS / FHS / stressed-window VaR per underlying, and the scan ranges, read
 * from `spanParams` instead) is never read.
 */
export const ANCHOR_CONTEXT_SOURCES: Readonly<Record<number, string>> = Object.freeze({
  24: "OVX/100",
  25: "VIX/100",
  26: "3-month rate ×10",
});

/** Token layout of {@link createAnchorTokenizer}. */
export type AnchorLayout = "compact" | "v1";

/** Options of {@link createAnchorTokenizer}. */
export interface AnchorTokenizerOptions extends TokenizerOptions {
  /** `"compact"` (default) or `"v1"` (the v1 tokenizer's widths, anchor-invisible features zero). */
  layout?: AnchorLayout;
}

/** Widths of a layout. */
export interface AnchorWidths {
  token: number;
  context: number;
  agg: number;
}

/**
 * Widths (token, context, aggregates) of a layout.
 *
 * @throws {RangeError} on an unknown layout
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { anchorWidths } from "./anchor_tokenizer.ts";
 * assert.deepEqual(anchorWidths("compact"), { token: 38, context: 22, agg: 88 });
 * ```
 */
export function anchorWidths(layout: AnchorLayout): AnchorWidths {
  if (layout === "compact") {
    return { token: ANCHOR_TOKEN_FEATURES, context: ANCHOR_CONTEXT_FEATURES, agg: ANCHOR_AGG_FEATURES };
  }
  if (layout === "v1") return { token: TOKEN_FEATURES, context: CONTEXT_TOKEN_FEATURES, agg: AGG_FEATURES };
  throw new RangeError(`anchorWidths: layout must be "compact" or "v1", got ${JSON.stringify(layout)}`);
}

/** v1 per-underlying aggregate block width (`tokenizer.ts`: 22 money/count features + risk moves + hypotheticals). */
const V1_AGG_BLOCK = (AGG_FEATURES - CONTEXT_TOKEN_FEATURES - 6) / 3;
/** v1 context: 27 day features, then the SPAN components. */
const V1_DAY_FEATURES = CONTEXT_TOKEN_FEATURES - 16;

/**
 * Where each compact feature sits in the v1 layout: `token[j]`, `context[j]`, `agg[j]` give the v1 index of compact
 * feature `j` (the v1 feature with the same definition).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { anchorV1Index } from "./anchor_tokenizer.ts";
 * const ix = anchorV1Index();
 * assert.equal(ix.token[21], 21); // the first SPAN scenario loss: same place
 * assert.equal(ix.token[37], 38); // the scan range: v1's regime block, second entry
 * ```
 */
export function anchorV1Index(): { token: Int32Array; context: Int32Array; agg: Int32Array } {
  const token = new Int32Array(ANCHOR_TOKEN_FEATURES);
  for (let j = 0; j < 37; j++) token[j] = j;
  token[37] = 38;
  const context = new Int32Array(ANCHOR_CONTEXT_FEATURES);
  for (let u = 0; u < 3; u++) context[u] = 8 * u + 1;
  context[3] = 24;
  context[4] = 25;
  context[5] = 26;
  for (let j = 6; j < ANCHOR_CONTEXT_FEATURES; j++) context[j] = V1_DAY_FEATURES + (j - 6);
  const agg = new Int32Array(ANCHOR_AGG_FEATURES);
  agg.set(context);
  const block = AGG_BLOCK_NAMES.length;
  for (let u = 0; u < 3; u++) {
    for (let j = 0; j < block; j++) {
      agg[ANCHOR_CONTEXT_FEATURES + u * block + j] = CONTEXT_TOKEN_FEATURES + u * V1_AGG_BLOCK + j;
    }
  }
  return { token, context, agg };
}

/**
 * Create the anchor-like tokenizer of a market day (same interface as `createTokenizer`).
 *
 * @throws {RangeError} when `opts.offset` is not finite and > 0, or `opts.layout` is unknown
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { buildMarketDay } from "./market_day.ts";
 * import { syntheticPanel } from "./synthetic_panel.ts";
 * import { TOKEN_FEATURES } from "./tokenizer.ts";
 * const day = buildMarketDay(syntheticPanel(1, 2700), 2699);
 * const pf = { positions: [{ type: "future" as const, underlying: "WTI" as const, quantity: 1, expiry: day.expiries[0] }] };
 * const t = createAnchorTokenizer(day).tokenize(pf);
 * assert.deepEqual(Array.from(t.tokens.subarray(0, 9)), [1, 0, 0, 1, 0, 0, 1, 0, 0]); // future, WTI, no exercise style
 * assert.equal(createAnchorTokenizer(day, { layout: "v1" }).tokenize(pf).tokens.length, TOKEN_FEATURES);
 * ```
 */
export function createAnchorTokenizer(day: MarketDay, opts: AnchorTokenizerOptions = {}): Tokenizer {
  const fn = "createAnchorTokenizer";
  const offset = opts.offset ?? 1000;
  if (!(offset > 0) || !Number.isFinite(offset)) {
    throw new RangeError(`${fn}: opts.offset must be finite and > 0, got ${offset}`);
  }
  const layout = opts.layout ?? "compact";
  const W = anchorWidths(layout);
  const v1 = layout === "v1";
  const maxPositions = opts.maxPositions ?? MAX_POSITIONS;
  const market = day.market;
  const engine = createSpanEngine(market, day.spanParams);
  const scan10 = UNDERLYINGS.map((u) => (day.spanParams.underlyings[u]?.priceScan ?? 0) * 10);
  const observables = [day.context[24], day.context[25], day.context[26]];
  const NF = W.token;
  // token slots that differ between layouts
  const SCAN_SLOT = v1 ? 38 : 37;
  // context slots
  const ctxScan = v1 ? [1, 9, 17] : [0, 1, 2];
  const ctxObs = v1 ? [24, 25, 26] : [3, 4, 5];
  const ctxSpan = v1 ? V1_DAY_FEATURES : 6;
  const aggBlock = v1 ? V1_AGG_BLOCK : AGG_BLOCK_NAMES.length;

  interface Entry {
    isOpt: boolean;
    template: Float32Array;
    risk: InstrumentRisk;
    F: number;
    contractSize: number;
    vega: number;
  }
  const build = (p: Instrument, u: number): Entry => {
    const r = engine.riskArray(p);
    const m = market[p.underlying]!;
    const { price: F, vol } = curveAt(market, p.underlying, p.expiry);
    const isOpt = p.type !== "future";
    const vega = isOpt
      ? black76Greeks(p.type === "call", F, p.strike!, p.expiry, vol, Math.exp(-m.rate * p.expiry)).vega
      : 0;
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
    t[SCAN_SLOT] = scan10[u];
    return { isOpt, template: t, risk: r, F, contractSize: m.contractSize, vega };
  };
  // number-keyed maps: kind (type × underlying × style) → expiry → strike
  const entries = Array.from({ length: 15 }, () => new Map<number, Map<number, Entry>>());
  let built = 0;
  const entry = (p: Instrument): Entry => {
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
    const res = engine.margin(pf); // validates the portfolio first
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
      for (let s = 0; s < SCENARIOS; s++) tokens[o + 21 + s] = (q * ra[s]) / S;
    }
    const context = new Float32Array(W.context);
    for (let u = 0; u < 3; u++) context[ctxScan[u]] = scan10[u];
    for (let j = 0; j < 3; j++) context[ctxObs[j]] = observables[j];
    let k = ctxSpan;
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
    if (t.tokens.length !== t.n * NF || t.context.length !== W.context) {
      throw new RangeError(
        `${fn}.aggregate: tokens of ${t.tokens.length} values for n = ${t.n} and a context of ${t.context.length} ` +
          `do not fit the "${layout}" layout (token ${NF}, context ${W.context})`,
      );
    }
    const out = new Float32Array(W.agg);
    out.set(t.context);
    const base = W.context;
    for (let i = 0; i < t.n; i++) {
      const o = i * NF;
      const u = t.tokens[o + 4] === 1 ? 1 : t.tokens[o + 5] === 1 ? 2 : 0;
      const b = base + u * aggBlock;
      out[b] += t.tokens[o + 16]; // delta-dollars
      out[b + 1] += t.tokens[o + 17]; // premium
      out[b + 2] += t.tokens[o + 18]; // vega
      for (let s = 0; s < SCENARIOS; s++) out[b + 3 + s] += t.tokens[o + 21 + s];
      out[b + 19] += 1 / MAX_POSITIONS; // count
      out[b + 20] += t.tokens[o + 19] / MAX_POSITIONS; // options
      out[b + 21] += Math.abs(t.tokens[o + 16]); // gross delta-dollars
    }
    return out;
  };

  return { tokenize, aggregate, prepare, engine };
}
