/**
 * One market date of the DeepMargin study: the market state (futures curves,
 * ATM vols, rate, contract sizes) of WTI, Brent and Henry Hub built from the
 * real crude panel, the price history the SPAN 2-like engine scans, the
 * SPAN-like parameters calibrated on that history, and a few market-context
 * features for the network.
 *
 * Documented rules (the vendored data has no option surfaces and no Brent or
 * Henry Hub futures curves):
 * - **Expiry calendar**: pillar `k = 1..4` expires at `(k − φ)/12 + 0.02` years, `φ = (day of month − 1)/31`
 *   (a stylised monthly calendar that rolls through the month).
 * - **Curves**: WTI = NYMEX CL1..CL4 settlements; Brent = Brent spot + (CLk − CL1) (WTI's calendar spread);
 *   Henry Hub flat at spot.
 * - **Vols**: WTI ATM vol = OVX/100 × term factor (1, 0.96, 0.93, 0.9); Brent = 0.95 × WTI;
 *   Henry Hub = annualised 60-day realised vol of log spot changes, clipped to [0.25, 1.5], × the term factor.
 * - **Rate**: 3-month Treasury yield (0 where missing).
 * - **History** (SPAN 2-like): the last `historyDays` settlements of CL1, Brent spot and HH spot (absolute changes,
 *   so WTI's negative settlement of 2020-04-20 is an honest scenario); the stressed period is fixed per date
 *   (CME fixes stress periods per product): the `stressLength`-scenario window with the largest 99% VaR of a long
 *   WTI front future within that history.
 * - **SPAN-like scan ranges**: per underlying, the 99% quantile of |2-day change| over the last `spanLookback`
 *   days as a fraction of today's price (`scanRangeFromHistory`), i.e. a scan range reset every day.
 *
 * @example
 * ```ts
 * import { buildMarketDay } from "./market_day.ts";
 * import { syntheticPanel } from "./synthetic_panel.ts"; // e05/e06 use the crude panel (data/derived, stage d01)
 * const panel = syntheticPanel(1, 2700);
 * const day = buildMarketDay(panel, panel.dates.length - 1);
 * console.log(day.date, day.market.WTI?.prices); // CL1..CL4 at the last date
 * ```
 * @module
 */
import type { Panel } from "../data/panel.ts";
import type { MarketState, Underlying } from "../market/portfolio.ts";
import { defaultSpanParams, type SpanParams } from "../margin/span.ts";
import { defaultSpan2Params, type Span2History, type Span2Params } from "../margin/span2.ts";
import { scanRangeFromHistory } from "../margin/scan_range.ts";
import { buildScenarios } from "../margin/scenarios.ts";
import { stressedPeriod } from "../margin/rolling_margin.ts";
import { varEs } from "../margin/var_es.ts";
import { ewmaVol } from "../margin/ewma.ts";
import { buildFhsScenarios } from "../margin/fhs.ts";

/** Options of {@link buildMarketDay}. */
export interface MarketDayOptions {
  /** Days of price history handed to the SPAN 2-like engine (≥ 2,522 for its 10-year FHS). Default 2,600. */
  historyDays?: number;
  /** Stressed-window length in 2-day scenarios. Default 250. */
  stressLength?: number;
  /** Days used to calibrate the SPAN-like price scan range. Default 250. */
  spanLookback?: number;
  /** Binomial steps for American options in the SPAN 2-like reference. Default 200. */
  span2TreeSteps?: number;
}

/** Number of market-context features ({@link MarketDay.context}). */
export const CONTEXT_FEATURES = 27;

/** Everything the generator, the margin engines and the tokenizer need at one date. */
export interface MarketDay {
  /** ISO date. */
  date: string;
  /** Row of the panel. */
  index: number;
  market: MarketState;
  history: Span2History;
  spanParams: SpanParams;
  span2Params: Span2Params;
  /** Curve pillar expiries (years), shared by the three underlyings. */
  expiries: number[];
  /** Market-context features (length {@link CONTEXT_FEATURES}), all computed from data up to `date`. */
  context: Float64Array;
  /**
   * Per underlying, {@link RISK_MOVES} price moves at which the tokenizer revalues each instrument: the 0.1%, 1%,
   * 5%, 95%, 99% and 99.9% quantiles of the day's FHS 2-day scenario moves and the 1% and 99% quantiles of the
   * stressed-window moves (a per-date "risk parameter file", like SPAN's scan ranges).
   */
  riskMoves: Record<Underlying, Float64Array>;
}

/** Number of price moves per underlying in {@link MarketDay.riskMoves}. */
export const RISK_MOVES = 8;
const MOVE_QUANTILES = [0.001, 0.01, 0.05, 0.95, 0.99, 0.999];

function q(sorted: Float64Array, p: number): number {
  const h = (sorted.length - 1) * p, lo = Math.floor(h);
  return lo + 1 < sorted.length ? sorted[lo] + (h - lo) * (sorted[lo + 1] - sorted[lo]) : sorted[lo];
}

/** Panel columns used for each underlying's history. */
export const HISTORY_COLUMNS: Record<Underlying, string> = { WTI: "cl1", BRENT: "brent_spot", HH: "hh_spot" };

const TERM = [1, 0.96, 0.93, 0.9];

function col(panel: Panel, name: string): Float64Array {
  const c = panel.columns[name];
  if (c === undefined) throw new RangeError(`buildMarketDay: panel has no column "${name}"`);
  return c;
}

/**
 * Is `index` a usable market date: full history window without gaps, positive CL1..CL4, OVX and spots present?
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { syntheticPanel } from "./synthetic_panel.ts";
 * const panel = syntheticPanel(1, 2700);
 * assert.equal(isUsableDate(panel, 100), false); // not enough history
 * assert.equal(isUsableDate(panel, 2699), true);
 * ```
 */
export function isUsableDate(panel: Panel, index: number, historyDays = 2600): boolean {
  if (!Number.isInteger(index) || index < historyDays - 1 || index >= panel.dates.length) return false;
  for (const c of ["cl1", "cl2", "cl3", "cl4", "ovx", "brent_spot", "hh_spot"]) {
    const v = col(panel, c)[index];
    if (!(v > 0)) return false;
  }
  for (const c of Object.values(HISTORY_COLUMNS)) {
    const s = col(panel, c);
    for (let t = index - historyDays + 1; t <= index; t++) if (!Number.isFinite(s[t])) return false;
  }
  return true;
}

/**
 * Build the market day at panel row `index`.
 *
 * @throws {RangeError} naming the date and the missing or bad field when the row is not usable ({@link isUsableDate})
 * @example
 * ```ts
 * import { syntheticPanel } from "./synthetic_panel.ts";
 * const day = buildMarketDay(syntheticPanel(1, 2700), 2699, { historyDays: 2600, span2TreeSteps: 50 });
 * console.log(day.spanParams.underlyings.WTI?.priceScan); // the WTI scan range, a fraction of the price
 * ```
 */
export function buildMarketDay(panel: Panel, index: number, opts: MarketDayOptions = {}): MarketDay {
  const fn = "buildMarketDay";
  const historyDays = opts.historyDays ?? 2600;
  const stressLength = opts.stressLength ?? 250;
  const spanLookback = opts.spanLookback ?? 250;
  if (!Number.isInteger(historyDays) || historyDays < 2522) {
    throw new RangeError(`${fn}: opts.historyDays must be an integer >= 2522, got ${historyDays}`);
  }
  if (!isUsableDate(panel, index, historyDays)) {
    throw new RangeError(
      `${fn}: row ${index} (${panel.dates[index] ?? "out of range"}) is not a usable market date ` +
        `(needs ${historyDays} days of CL1/Brent/HH history and positive CL1..CL4, OVX, spots)`,
    );
  }
  const date = panel.dates[index];
  const day = Number(date.slice(8, 10));
  const phi = (day - 1) / 31;
  const expiries = [1, 2, 3, 4].map((k) => (k - phi) / 12 + 0.02);
  const cl = [1, 2, 3, 4].map((k) => col(panel, `cl${k}`)[index]);
  const ovx = col(panel, "ovx")[index] / 100;
  const brent = col(panel, "brent_spot")[index];
  const hh = col(panel, "hh_spot");
  const rateRaw = panel.columns.ust3m?.[index];
  const rate = Number.isFinite(rateRaw) ? (rateRaw as number) / 100 : 0;
  // Henry Hub realised vol (60 daily log changes of spot)
  let s2 = 0;
  for (let t = index - 59; t <= index; t++) {
    const r = Math.log(hh[t] / hh[t - 1]);
    s2 += r * r;
  }
  const hhVol = Math.min(1.5, Math.max(0.25, Math.sqrt((s2 / 60) * 252)));
  const market: MarketState = {
    WTI: { expiries, prices: cl, vols: TERM.map((f) => ovx * f), rate, contractSize: 1000 },
    BRENT: {
      expiries,
      prices: cl.map((c) => brent + (c - cl[0])),
      vols: TERM.map((f) => 0.95 * ovx * f),
      rate,
      contractSize: 1000,
    },
    HH: {
      expiries,
      prices: expiries.map(() => hh[index]),
      vols: TERM.map((f) => hhVol * f),
      rate,
      contractSize: 10000,
    },
  };
  const prices: Record<Underlying, Float64Array> = {
    WTI: col(panel, "cl1").slice(index - historyDays + 1, index + 1),
    BRENT: col(panel, "brent_spot").slice(index - historyDays + 1, index + 1),
    HH: hh.slice(index - historyDays + 1, index + 1),
  };
  const history: Span2History = { prices };
  const h = 2;
  // fixed stressed window: worst 99% VaR of a long WTI front future over the history
  const all = buildScenarios([prices.WTI], { mpor: h, lookback: historyDays - h });
  const best = stressedPeriod(all.data, (w) => varEs(w, 0.99).var, stressLength);
  const span2Params: Span2Params = {
    ...defaultSpan2Params(),
    stressLength,
    stressPeriod: { first: best.start + h, last: best.end + h },
    treeSteps: opts.span2TreeSteps ?? 200,
  };
  const spanParams = defaultSpanParams();
  const scans: number[] = [];
  for (const u of ["WTI", "BRENT", "HH"] as const) {
    const p = prices[u].subarray(historyDays - spanLookback - h, historyDays);
    const scan = scanRangeFromHistory(p, { mpor: h, tau: 0.99 });
    spanParams.underlyings[u] = { ...spanParams.underlyings[u]!, priceScan: Math.max(scan, 1e-4) };
    scans.push(scan);
  }
  // context per underlying: vol regime (EWMA vol of 2-day changes today vs its 10-year mean, the FHS scaling), scan
  // range, and 99% VaR of a long and a short unit future relative to the scan range — unfiltered 10-year HS, FHS
  // (as in SPAN 2's HVaR) and in the fixed stressed window: a handful of per-date numbers, like a risk parameter
  // file, computed once per day (never per portfolio).
  const fhs = buildFhsScenarios([prices.WTI, prices.BRENT, prices.HH], {
    mpor: h,
    lookback: 2520,
    mode: "absolute",
    lambda: span2Params.lambda ?? 0.97,
    volFloorFraction: span2Params.volFloorFraction ?? 0.5,
  });
  const allAll = buildScenarios([prices.WTI, prices.BRENT, prices.HH], { mpor: h, lookback: historyDays - h });
  const ctx = new Float64Array(CONTEXT_FEATURES);
  let k = 0;
  const S = historyDays - h;
  const lv = (x: Float64Array, sign: number) => varEs(sign > 0 ? x : x.map((v) => -v), 0.99).var;
  const riskMoves = {} as Record<Underlying, Float64Array>;
  for (const [j, u] of (["WTI", "BRENT", "HH"] as const).entries()) {
    const p = prices[u];
    const c = new Float64Array(historyDays - 1);
    for (let t = 1; t < historyDays; t++) c[t - 1] = p[t] - p[t - 1];
    const sig = ewmaVol(c, { lambda: 0.97 });
    let mean = 0;
    for (let t = 0; t < c.length; t++) mean += sig[t];
    mean /= c.length;
    const unit = scans[j] * Math.abs(p[historyDays - 1]);
    const hs = allAll.data.slice(j * S + S - 2520, j * S + S);
    const fh = fhs.scenarios.data.slice(j * 2520, (j + 1) * 2520);
    const st = allAll.data.slice(
      j * S + span2Params.stressPeriod!.first - h,
      j * S + span2Params.stressPeriod!.last - h + 1,
    );
    const fs = Float64Array.from(fh).sort(), ss = Float64Array.from(st).sort();
    riskMoves[u] = Float64Array.from([...MOVE_QUANTILES.map((x) => q(fs, x)), q(ss, 0.01), q(ss, 0.99)]);
    ctx[k++] = Math.log(sig[c.length] / mean);
    ctx[k++] = scans[j] * 10;
    for (const x of [hs, fh, st]) {
      ctx[k++] = Math.log(Math.max(lv(x, 1), 1e-3 * unit) / unit);
      ctx[k++] = Math.log(Math.max(lv(x, -1), 1e-3 * unit) / unit);
    }
  }
  ctx[k++] = ovx;
  const vix = panel.columns.vix?.[index];
  ctx[k++] = Number.isFinite(vix) ? (vix as number) / 100 : 0.2;
  ctx[k++] = rate * 10;
  return { date, index, market, history, spanParams, span2Params, expiries, context: ctx, riskMoves };
}
