/**
 * Option-chain cleaning for one expiry: invalid, crossed, zero-bid,
 * wide-spread, stale and duplicate quotes are dropped; the forward and
 * discount factor are extracted from put–call parity by weighted regression
 * of `C − P = D·F − D·K` on K; quotes outside the no-arbitrage bounds are
 * dropped; out-of-the-money quotes are selected and inverted to Black-76
 * implied vols. **Every dropped quote is reported with its reason** — nothing
 * is dropped silently.
 *
 * @example
 * ```ts
 * import { cleanChain } from "./chain.ts";
 * const res = cleanChain([
 *   { expiry: "2016-07-20", T: 0.1342, strike: 15, isCall: true, bid: 3.0, ask: 3.2 },
 *   { expiry: "2016-07-20", T: 0.1342, strike: 15, isCall: false, bid: 0.55, ask: 0.65 },
 *   // ...
 * ], { discount: 1 });
 * res.dropped; // [{ index, quote, reason, detail }]
 * ```
 * @module
 */

import { black76Greeks } from "../market/black76.ts";
import { impliedVolBlack76Result } from "./implied_vol.ts";

/** One option quote (prices are the option premiums as quoted, i.e. discounted). */
export interface OptionQuote {
  /** Optional identifier used in reports, e.g. "VIX 2016-07-20 17 C". */
  id?: string;
  /** Expiry label (e.g. ISO date); all quotes of one {@link cleanChain} call share it. */
  expiry: string;
  /** Time to expiry in years. */
  T: number;
  strike: number;
  isCall: boolean;
  bid: number;
  ask: number;
  bidSize?: number;
  askSize?: number;
  volume?: number;
  openInterest?: number;
  /** Days since the quote was last updated (for the staleness rule). */
  ageDays?: number;
  /** Set by a loader when the source marks the quote stale. */
  stale?: boolean;
}

/** Why a quote was dropped. */
export type DropReason =
  | "invalid"
  | "crossed"
  | "zero-bid"
  | "wide-spread"
  | "stale"
  | "duplicate"
  | "arbitrage-bound"
  | "not-otm"
  | "iv-failed"
  | "slice-failed";

/** A dropped quote with its position in the input, its reason and a readable explanation. */
export interface DroppedQuote {
  index: number;
  quote: OptionQuote;
  reason: DropReason;
  detail: string;
}

/** A kept quote with its mid, log-moneyness and Black-76 implied vol. */
export interface CleanQuote extends OptionQuote {
  index: number;
  mid: number;
  /** ln(K/F). */
  k: number;
  /** Black-76 implied vol of the mid. */
  iv: number;
  /** iv²·T. */
  totalVariance: number;
  /** Black-76 vega of the mid (per unit vol), handy as a fit weight. */
  vega: number;
}

/** Put–call-parity regression diagnostics. */
export interface ParityFit {
  forward: number;
  discount: number;
  /** C/P pairs used after outlier removal. */
  pairs: number;
  /** Strikes of pairs rejected as outliers (kept as quotes; only excluded from the regression). */
  outlierStrikes: number[];
  /** Weighted RMS residual of C − P. */
  rmse: number;
  /** Continuously compounded rate −ln(D)/T implied by the discount factor. */
  impliedRate: number;
  method: "regression" | "given-discount" | "given";
}

/** Options for {@link cleanChain}. */
export interface CleanChainOptions {
  /** Drop when (ask − bid)/mid exceeds this (default 1). */
  maxRelSpread?: number;
  /** ...and (ask − bid) exceeds this absolute amount (default 0). */
  minAbsSpread?: number;
  /** Bids at or below this count as zero (default 0). */
  minBid?: number;
  /** Drop quotes older than this many days (default: no age rule). */
  maxAgeDays?: number;
  /** Keep only out-of-the-money quotes (default true). */
  otmOnly?: boolean;
  /** Known forward: skips the parity regression when given with `discount`. */
  forward?: number;
  /** Known discount factor: with only this, the forward is the weighted mean of K + (C − P)/D. */
  discount?: number;
  /** Minimum C/P pairs for the regression (default 3, at least 2). */
  minPairs?: number;
  /** Outlier threshold in robust standard deviations for the parity residuals (default 5). */
  parityOutlierSd?: number;
  /**
   * Plausible range of the continuously compounded rate −ln(D)/T implied by
   * the parity regression (default [−0.5, 0.5]); outside it the slice fails
   * with a RangeError (pass `discount` for such slices).
   */
  rateBounds?: [number, number];
}

/** Result of {@link cleanChain}. */
export interface CleanChainResult {
  expiry: string;
  T: number;
  forward: number;
  discount: number;
  /** Kept quotes, sorted by strike. */
  quotes: CleanQuote[];
  dropped: DroppedQuote[];
  parity: ParityFit;
}

interface Pair {
  K: number;
  y: number;
  wt: number;
}

function weightedLine(pairs: Pair[]): { slope: number; intercept: number } | null {
  let sw = 0, sx = 0, sy = 0, sxx = 0, sxy = 0;
  for (const p of pairs) {
    sw += p.wt;
    sx += p.wt * p.K;
    sy += p.wt * p.y;
  }
  const mx = sx / sw, my = sy / sw;
  for (const p of pairs) {
    sxx += p.wt * (p.K - mx) ** 2;
    sxy += p.wt * (p.K - mx) * (p.y - my);
  }
  if (!(sxx > 0)) return null;
  const slope = sxy / sxx;
  return { slope, intercept: my - slope * mx };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  return n % 2 ? s[(n - 1) / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2]);
}

/**
 * Clean the quotes of one expiry and extract forward and discount factor.
 *
 * @throws {RangeError} when the quotes span several expiries or expiry times, when T ≤ 0 or not finite
 *   (naming the expiry), or when neither a forward/discount was given nor can it be extracted from parity
 *   (too few C/P pairs, or an implausible D ∉ (0, 1.5] or F ≤ 0)
 * @example
 * ```ts
 * const chain: OptionQuote[] = [90, 100, 110].flatMap((K) => [
 *   { expiry: "1M", T: 1 / 12, strike: K, isCall: true, bid: Math.max(100 - K, 0) + 1.9, ask: Math.max(100 - K, 0) + 2.1 },
 *   { expiry: "1M", T: 1 / 12, strike: K, isCall: false, bid: Math.max(K - 100, 0) + 1.9, ask: Math.max(K - 100, 0) + 2.1 },
 * ]);
 * const { quotes, dropped, forward, discount } = cleanChain(chain, { maxRelSpread: 0.5 }); // forward 100, discount 1
 * ```
 */
export function cleanChain(quotes: readonly OptionQuote[], opts: CleanChainOptions = {}): CleanChainResult {
  if (quotes.length === 0) throw new RangeError("cleanChain: no quotes given");
  const expiry = quotes[0].expiry, T = quotes[0].T;
  for (let i = 1; i < quotes.length; i++) {
    if (quotes[i].expiry !== expiry || quotes[i].T !== T) {
      throw new RangeError(
        `cleanChain: quotes[${i}] has expiry ${quotes[i].expiry} (T=${
          quotes[i].T
        }) but quotes[0] has ${expiry} (T=${T}); use cleanChains for several expiries`,
      );
    }
  }
  if (!(T > 0) || !Number.isFinite(T)) {
    throw new RangeError(`cleanChain: expiry ${expiry}: time to expiry T must be finite and > 0, got ${T}`);
  }
  const maxRel = opts.maxRelSpread ?? 1, minAbs = opts.minAbsSpread ?? 0, minBid = opts.minBid ?? 0;
  const maxAge = opts.maxAgeDays ?? Infinity, otmOnly = opts.otmOnly ?? true;
  const minPairs = Math.max(2, opts.minPairs ?? 3), outSd = opts.parityOutlierSd ?? 5;
  const dropped: DroppedQuote[] = [];
  const name = (q: OptionQuote): string => q.id ?? `${expiry} K=${q.strike} ${q.isCall ? "C" : "P"}`;
  const drop = (index: number, reason: DropReason, detail: string): void => {
    dropped.push({ index, quote: quotes[index], reason, detail: `${name(quotes[index])}: ${detail}` });
  };
  // 1. quote-level screens
  const alive: number[] = [];
  for (let i = 0; i < quotes.length; i++) {
    const q = quotes[i];
    if (!(q.strike > 0) || !Number.isFinite(q.strike)) {
      drop(i, "invalid", `strike must be finite and > 0, got ${q.strike}`);
    } else if (!Number.isFinite(q.bid) || !Number.isFinite(q.ask)) {
      drop(i, "invalid", `bid/ask must be finite, got bid=${q.bid} ask=${q.ask}`);
    } else if (q.bid < 0 || q.ask < 0) {
      drop(i, "invalid", `negative price: bid=${q.bid} ask=${q.ask}`);
    } else if (q.bid > q.ask) {
      drop(i, "crossed", `bid ${q.bid} > ask ${q.ask}`);
    } else if (!(q.bid > minBid)) {
      drop(i, "zero-bid", `bid ${q.bid} <= ${minBid}`);
    } else if (q.stale === true || (q.ageDays !== undefined && q.ageDays > maxAge)) {
      drop(i, "stale", q.stale === true ? "marked stale by the source" : `quote age ${q.ageDays} d > ${maxAge} d`);
    } else {
      const mid = 0.5 * (q.bid + q.ask), spr = q.ask - q.bid;
      if (spr / mid > maxRel && spr > minAbs) {
        drop(i, "wide-spread", `spread ${spr.toPrecision(4)} is ${(spr / mid).toFixed(3)} of mid ${mid} > ${maxRel}`);
      } else alive.push(i);
    }
  }
  // 2. duplicates: same strike and type, keep the tightest spread (then the first)
  const byKey = new Map<string, number>();
  const alive2: number[] = [];
  for (const i of alive) {
    const q = quotes[i], key = `${q.strike}|${q.isCall}`;
    const j = byKey.get(key);
    if (j === undefined) {
      byKey.set(key, i);
      continue;
    }
    const sj = quotes[j].ask - quotes[j].bid, si = q.ask - q.bid;
    if (si < sj) {
      byKey.set(key, i);
      drop(j, "duplicate", `same strike and type as quote ${i} with a tighter spread`);
    } else drop(i, "duplicate", `same strike and type as quote ${j} with a tighter or equal spread`);
  }
  for (const i of alive) if (byKey.get(`${quotes[i].strike}|${quotes[i].isCall}`) === i) alive2.push(i);
  // 3. forward and discount
  const parity = extractParity(quotes, alive2, expiry, T, opts, minPairs, outSd);
  const F = parity.forward, D = parity.discount;
  // 4. bounds, OTM selection, implied vols
  const kept: CleanQuote[] = [];
  for (const i of alive2) {
    const q = quotes[i];
    const mid = 0.5 * (q.bid + q.ask);
    const intrinsic = D * Math.max(q.isCall ? F - q.strike : q.strike - F, 0);
    const upper = D * (q.isCall ? F : q.strike);
    if (mid < intrinsic || mid >= upper) {
      drop(
        i,
        "arbitrage-bound",
        `mid ${mid} outside [intrinsic ${intrinsic.toPrecision(6)}, upper bound ${upper.toPrecision(6)}) for F=${
          F.toPrecision(8)
        } D=${D.toPrecision(8)}`,
      );
      continue;
    }
    if (otmOnly && (q.isCall ? q.strike < F : q.strike >= F)) {
      drop(i, "not-otm", `${q.isCall ? "call" : "put"} is in the money (K=${q.strike}, F=${F.toPrecision(8)})`);
      continue;
    }
    const r = impliedVolBlack76Result(mid, F, q.strike, T, q.isCall, D);
    if (r.status !== "ok") {
      drop(i, "iv-failed", r.reason ?? r.status);
      continue;
    }
    const vega = black76Greeks(q.isCall, F, q.strike, T, r.vol, D).vega;
    kept.push({ ...q, index: i, mid, k: Math.log(q.strike / F), iv: r.vol, totalVariance: r.vol * r.vol * T, vega });
  }
  kept.sort((a, b) => a.strike - b.strike || Number(a.isCall) - Number(b.isCall));
  dropped.sort((a, b) => a.index - b.index);
  return { expiry, T, forward: F, discount: D, quotes: kept, dropped, parity };
}

function extractParity(
  quotes: readonly OptionQuote[],
  alive: number[],
  expiry: string,
  T: number,
  opts: CleanChainOptions,
  minPairs: number,
  outSd: number,
): ParityFit {
  if (opts.forward !== undefined && opts.discount !== undefined) {
    if (!(opts.forward > 0) || !(opts.discount > 0)) {
      throw new RangeError(
        `cleanChain: expiry ${expiry}: given forward and discount must be > 0, got ${opts.forward}, ${opts.discount}`,
      );
    }
    return {
      forward: opts.forward,
      discount: opts.discount,
      pairs: 0,
      outlierStrikes: [],
      rmse: 0,
      impliedRate: -Math.log(opts.discount) / T,
      method: "given",
    };
  }
  const calls = new Map<number, OptionQuote>(), puts = new Map<number, OptionQuote>();
  for (const i of alive) (quotes[i].isCall ? calls : puts).set(quotes[i].strike, quotes[i]);
  let pairs: Pair[] = [];
  for (const [K, c] of calls) {
    const p = puts.get(K);
    if (!p) continue;
    const spr = (c.ask - c.bid) ** 2 + (p.ask - p.bid) ** 2;
    const y = 0.5 * (c.bid + c.ask) - 0.5 * (p.bid + p.ask);
    pairs.push({ K, y, wt: 1 / Math.max(spr, 1e-8 * (Math.abs(y) + K) ** 2 + 1e-300) });
  }
  pairs.sort((a, b) => a.K - b.K);
  if (opts.discount !== undefined) {
    const D = opts.discount;
    if (!(D > 0)) throw new RangeError(`cleanChain: expiry ${expiry}: given discount must be > 0, got ${D}`);
    if (pairs.length === 0) {
      throw new RangeError(`cleanChain: expiry ${expiry}: no call/put pair at a common strike to extract the forward`);
    }
    let sw = 0, sf = 0;
    for (const p of pairs) {
      sw += p.wt;
      sf += p.wt * (p.K + p.y / D);
    }
    const F = sf / sw;
    let ss = 0;
    for (const p of pairs) ss += p.wt * (p.y - D * (F - p.K)) ** 2;
    if (!(F > 0)) throw new RangeError(`cleanChain: expiry ${expiry}: parity forward ${F} is not positive`);
    return {
      forward: F,
      discount: D,
      pairs: pairs.length,
      outlierStrikes: [],
      rmse: Math.sqrt(ss / sw),
      impliedRate: -Math.log(D) / T,
      method: "given-discount",
    };
  }
  if (pairs.length < minPairs) {
    throw new RangeError(
      `cleanChain: expiry ${expiry}: only ${pairs.length} call/put pairs at common strikes (need ${minPairs}) to extract forward and discount; pass opts.discount or opts.forward+discount`,
    );
  }
  let line = weightedLine(pairs);
  const outlierStrikes: number[] = [];
  if (line && pairs.length >= 4) {
    const l = line;
    const res = pairs.map((p) => (p.y - (l.intercept + l.slope * p.K)) * Math.sqrt(p.wt));
    const mad = 1.4826 * median(res.map((r) => Math.abs(r - median(res))));
    const keep: Pair[] = [];
    pairs.forEach((p, i) => {
      if (mad > 0 && Math.abs(res[i]) > outSd * Math.max(mad, 1)) outlierStrikes.push(p.K);
      else keep.push(p);
    });
    if (keep.length >= minPairs && outlierStrikes.length > 0) {
      pairs = keep;
      line = weightedLine(pairs);
    } else outlierStrikes.length = 0;
  }
  if (!line) {
    throw new RangeError(`cleanChain: expiry ${expiry}: parity regression is degenerate (one distinct strike)`);
  }
  const D = -line.slope, F = line.intercept / D;
  if (!(D > 0 && D <= 1.5) || !(F > 0) || !Number.isFinite(F)) {
    throw new RangeError(
      `cleanChain: expiry ${expiry}: implausible parity fit: discount ${D}, forward ${F} from ${pairs.length} pairs`,
    );
  }
  const impliedRate = -Math.log(D) / T;
  const [rLo, rHi] = opts.rateBounds ?? [-0.5, 0.5];
  if (!(impliedRate >= rLo && impliedRate <= rHi)) {
    throw new RangeError(
      `cleanChain: expiry ${expiry}: parity discount ${D} implies a rate of ${impliedRate} outside [${rLo}, ${rHi}] (${pairs.length} pairs); pass opts.discount`,
    );
  }
  let sw = 0, ss = 0;
  for (const p of pairs) {
    sw += p.wt;
    ss += p.wt * (p.y - D * (F - p.K)) ** 2;
  }
  return {
    forward: F,
    discount: D,
    pairs: pairs.length,
    outlierStrikes,
    rmse: Math.sqrt(ss / sw),
    impliedRate,
    method: "regression",
  };
}

/** A slice that could not be cleaned, with all its quotes reported. */
export interface FailedSlice {
  expiry: string;
  T: number;
  reason: string;
  dropped: DroppedQuote[];
}

/**
 * Clean a multi-expiry chain: quotes are grouped by expiry (ordered by T)
 * and each group goes through {@link cleanChain}. A group that cannot be
 * cleaned (T ≤ 0, no parity forward, ...) is returned in `failed` with every
 * one of its quotes listed as dropped ("slice-failed") and the reason.
 *
 * @example
 * ```ts
 * const q = (expiry: string, T: number, strike: number, isCall: boolean, mid: number): OptionQuote => ({
 *   expiry, T, strike, isCall, bid: mid - 0.05, ask: mid + 0.05,
 * });
 * const { slices, failed } = cleanChains([
 *   q("1M", 1 / 12, 100, true, 2.3), q("1M", 1 / 12, 100, false, 2.3),
 *   q("0D", 0, 100, true, 0.5), // same-day expiry: reported in `failed`
 * ], { discount: 1 });
 * ```
 */
export function cleanChains(
  quotes: readonly OptionQuote[],
  opts: CleanChainOptions | ((expiry: string, T: number) => CleanChainOptions) = {},
): { slices: CleanChainResult[]; failed: FailedSlice[] } {
  const groups = new Map<string, number[]>();
  quotes.forEach((q, i) => {
    const key = `${q.expiry}|${q.T}`;
    const g = groups.get(key);
    if (g) g.push(i);
    else groups.set(key, [i]);
  });
  const keys = [...groups.keys()].sort((a, b) => quotes[groups.get(a)![0]].T - quotes[groups.get(b)![0]].T);
  const slices: CleanChainResult[] = [], failed: FailedSlice[] = [];
  for (const key of keys) {
    const idx = groups.get(key)!;
    const sub = idx.map((i) => quotes[i]);
    const { expiry, T } = sub[0];
    try {
      const r = cleanChain(sub, typeof opts === "function" ? opts(expiry, T) : opts);
      // map indices back to the full input
      for (const q of r.quotes) q.index = idx[q.index];
      for (const d of r.dropped) d.index = idx[d.index];
      slices.push(r);
    } catch (e) {
      if (!(e instanceof RangeError)) throw e;
      failed.push({
        expiry,
        T,
        reason: e.message,
        dropped: idx.map((i) => ({ index: i, quote: quotes[i], reason: "slice-failed" as const, detail: e.message })),
      });
    }
  }
  return { slices, failed };
}
