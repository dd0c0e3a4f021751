/**
 * e02 — the two feature frames and the option-surface engine behind them.
 *
 * Real track: the crude feature frame (`buildCrudeFeatures`) from the d01
 * panel; summary statistics of every feature over a window, and correlations
 * of a subset of historical and forward-looking features, including the
 * realized vol of the *next* `forwardVolWindow` days (an analysis column, not
 * a feature: it looks forward).
 *
 * Real option quotes: the one-day Cboe VIX options sample (2016-06-01) is
 * cleaned (`cleanChains`: put–call-parity forward and discount per expiry),
 * and each slice is fitted with raw SVI and SABR (β = `sabrBeta`); RMSE in vol
 * points over the kept out-of-the-money quotes, arbitrage flags per slice, a
 * calendar check across the SVI slices and one SSVI surface.
 *
 * Synthetic track: a seeded synthetic market with daily option chains. Every
 * day, each constant-maturity slice goes through the same cleaning rule as the
 * surface features (`chainSliceSmile`) and is fitted with SVI and SABR; the
 * distribution of fit RMSE, the share of slices flagged for butterfly
 * arbitrage, of days flagged for calendar arbitrage, and an SSVI fit every
 * `ssviEvery` days. The synthetic feature frame (`buildSyntheticFeatures`,
 * surface features included) is summarized like the crude one and correlated
 * with the oracle multiplier q*_t / IM_t (q*: the model's true conditional
 * `confidence` quantile of the `mpor`-day loss of one long contract; IM: HS VaR
 * over `lookback` days) and with the scale-free oracle q*_t / (contract · F_t).
 * @module
 */
import { runStage } from "../../../lib/pipeline/harness.ts";
import { panelFromCsv } from "../../../lib/data/mod.ts";
import { loadSums, readVerified } from "../../../lib/data/load.ts";
import {
  buildCrudeFeatures,
  buildSyntheticFeatures,
  chainSliceSmile,
  featureColumn,
  type FeatureFrame,
  type SliceSmile,
} from "../../../lib/features/mod.ts";
import { generateSyntheticMarket } from "../../../lib/market/synthetic_market.ts";
import { oracleQuantileSeries } from "../../../lib/market/synthetic_oracle.ts";
import { createPrng } from "../../../lib/core/prng.ts";
import { hsMargin } from "../../../lib/margin/hs.ts";
import { rollingMargin } from "../../../lib/margin/rolling_margin.ts";
import {
  butterflyCheck,
  calendarCheck,
  cboeRowsToQuotes,
  cleanChains,
  type CleanQuote,
  fitSabr,
  fitSsvi,
  fitSvi,
  impliedVolBlack76Result,
  parseCboeEodCsv,
  type SabrParams,
  sabrVol,
  ssviTotalVariance,
  type SviParams,
  sviTotalVariance,
} from "../../../lib/vol/mod.ts";

/** The vendored VIX options sample (listed in stage.json `data`). */
const VIX_FILE =
  "data/raw/option-chain-samples/cboe-datashop-sample-2016-06-01/UnderlyingOptionsEODCalcs_2016-06-01.csv";

interface Params {
  vixSession: "1545" | "eod";
  vixMaxRelSpread: number;
  fitWeighting: "vegaSpread" | "equal";
  sabrBeta: number;
  rhoBoundAbs: number;
  vixCalendarKMin: number;
  vixCalendarKMax: number;
  vixFigureExpiries: string[];
  smileGridN: number;
  synthSeed: number;
  synthDays: number;
  oraclePaths: number;
  mpor: number;
  confidence: number;
  lookback: number;
  contractBbl: number;
  calendarKMin: number;
  calendarKMax: number;
  calendarGridN: number;
  ssviEvery: number;
  sviFigureExpiryDays: number;
  crudeFrom: string;
  crudeTo: string;
  forwardVolWindow: number;
  crudeCorr: string[];
  synthCorr: string[];
  crudeFigure: string[];
  figureEvery: number;
  seriesDigits: number;
}

// ---------------------------------------------------------------- helpers

/** Round to `d` decimals; NaN → null (JSON has no NaN). */
function rnd(x: number, d: number): number | null {
  if (!Number.isFinite(x)) return null;
  const s = 10 ** d;
  return Math.round(x * s) / s || 0;
}

/** Finite number or null. */
function fin(x: number): number | null {
  return Number.isFinite(x) ? x : null;
}

/** Linear-interpolation quantile (type 7) of finite values; null when there are none. */
function quantile(xs: readonly number[], q: number): number | null {
  const s = xs.filter(Number.isFinite).sort((a, b) => a - b);
  if (s.length === 0) return null;
  const h = (s.length - 1) * q, lo = Math.floor(h), hi = Math.ceil(h);
  return s[lo] + (h - lo) * (s[hi] - s[lo]);
}

/** Mean, p95 and max of finite values, with their count. */
function dist(xs: readonly number[]) {
  const f = xs.filter(Number.isFinite);
  let sum = 0, max = -Infinity;
  for (const v of f) {
    sum += v;
    if (v > max) max = v;
  }
  return {
    n: f.length,
    mean: f.length ? sum / f.length : null,
    median: quantile(f, 0.5),
    p95: quantile(f, 0.95),
    max: f.length ? max : null,
  };
}

/** Mean, sd (n − 1), min, max and share NaN of `x` over rows `idx`. */
function summary(x: Float64Array, idx: readonly number[]) {
  let n = 0, sum = 0, min = Infinity, max = -Infinity;
  for (const t of idx) {
    const v = x[t];
    if (!Number.isFinite(v)) continue;
    n++;
    sum += v;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const mean = n ? sum / n : NaN;
  let ss = 0;
  for (const t of idx) if (Number.isFinite(x[t])) ss += (x[t] - mean) ** 2;
  const prev = Float64Array.from(x, (_, t) => t > 0 ? x[t - 1] : NaN);
  return {
    ac1: pearson(x, prev, idx).r,
    n,
    mean: fin(mean),
    sd: n > 1 ? Math.sqrt(ss / (n - 1)) : null,
    min: n ? min : null,
    max: n ? max : null,
    nanShare: idx.length ? (idx.length - n) / idx.length : null,
  };
}

/** Pearson correlation over rows where both are finite. */
function pearson(x: Float64Array, y: Float64Array, idx: readonly number[]): { r: number | null; n: number } {
  let n = 0, sx = 0, sy = 0;
  for (const t of idx) {
    if (Number.isFinite(x[t]) && Number.isFinite(y[t])) {
      n++;
      sx += x[t];
      sy += y[t];
    }
  }
  if (n < 3) return { r: null, n };
  const mx = sx / n, my = sy / n;
  let sxx = 0, syy = 0, sxy = 0;
  for (const t of idx) {
    if (Number.isFinite(x[t]) && Number.isFinite(y[t])) {
      const a = x[t] - mx, b = y[t] - my;
      sxx += a * a;
      syy += b * b;
      sxy += a * b;
    }
  }
  return { r: sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : null, n };
}

/** Ranks (1-based, ties averaged) of `x` at rows `rows`, scattered back to a full-length array. */
function ranks(x: Float64Array, rows: readonly number[]): Float64Array {
  const out = new Float64Array(x.length).fill(NaN);
  const o = [...rows].sort((a, b) => x[a] - x[b] || a - b);
  for (let i = 0; i < o.length;) {
    let j = i;
    while (j + 1 < o.length && x[o[j + 1]] === x[o[i]]) j++;
    for (let q = i; q <= j; q++) out[o[q]] = (i + j) / 2 + 1;
    i = j + 1;
  }
  return out;
}

/** Pearson and Spearman correlation matrices (nested objects) over rows where all columns are finite. */
function corrMatrix(cols: Record<string, Float64Array>, idx: readonly number[]) {
  const names = Object.keys(cols);
  const rows = idx.filter((t) => names.every((c) => Number.isFinite(cols[c][t])));
  const rk: Record<string, Float64Array> = {};
  for (const a of names) rk[a] = ranks(cols[a], rows);
  const matrix: Record<string, Record<string, number | null>> = {};
  const spearman: Record<string, Record<string, number | null>> = {};
  for (const a of names) {
    matrix[a] = {};
    spearman[a] = {};
    for (const b of names) {
      matrix[a][b] = a === b ? 1 : pearson(cols[a], cols[b], rows).r;
      spearman[a][b] = a === b ? 1 : pearson(rk[a], rk[b], rows).r;
    }
  }
  return { names, rows: rows.length, matrix, spearman };
}

/** Column of a frame, with a message naming the frame when the feature is missing. */
function col(frame: FeatureFrame, name: string, where: string): Float64Array {
  if (!frame.names.includes(name)) {
    throw new RangeError(
      `${where}: params name feature "${name}", which the frame lacks (have ${frame.names.join(", ")})`,
    );
  }
  return featureColumn(frame, name);
}

/** `x[t + lag]` (NaN past the end): the realized vol of the next `lag` days from a trailing vol. */
function lead(x: Float64Array, lag: number): Float64Array {
  const out = new Float64Array(x.length).fill(NaN);
  for (let t = 0; t + lag < x.length; t++) out[t] = x[t + lag];
  return out;
}

interface SmileFit {
  svi: SviParams;
  sabr: SabrParams;
  sviRmse: number;
  sviMax: number;
  sabrRmse: number;
  sabrMax: number;
  sviWeightedRmse: number;
  sabrWeightedRmse: number;
  sviButterflyOk: boolean;
  sviButterflyOkQuoted: boolean;
  sviLeeOk: boolean;
  sviArbOk: boolean;
  sabrButterflyOk: boolean;
  sabrConverged: boolean;
}

/** SVI and SABR fits of one smile with equal-weight RMSE (vol) of both. */
function fitSmile(
  k: Float64Array,
  w: Float64Array,
  K: Float64Array,
  vol: Float64Array,
  F: number,
  T: number,
  weights: Float64Array | undefined,
  beta: number,
  label: string,
  gridN: number,
): SmileFit {
  const s = fitSvi(k, w, weights, { T, label });
  const b = fitSabr(F, T, K, vol, beta, 0, { label, weights });
  let se1 = 0, se2 = 0, m1 = 0, m2 = 0;
  for (let i = 0; i < k.length; i++) {
    const e1 = Math.sqrt(Math.max(sviTotalVariance(s.params, k[i]), 0) / T) - vol[i];
    const e2 = sabrVol(K[i], F, T, b.params) - vol[i];
    se1 += e1 * e1;
    se2 += e2 * e2;
    m1 = Math.max(m1, Math.abs(e1));
    m2 = Math.max(m2, Math.abs(e2));
  }
  const n = k.length;
  let kLo = Infinity, kHi = -Infinity;
  for (const x of k) {
    kLo = Math.min(kLo, x);
    kHi = Math.max(kHi, x);
  }
  return {
    svi: s.params,
    sabr: b.params,
    sviRmse: Math.sqrt(se1 / n),
    sviMax: m1,
    sabrRmse: Math.sqrt(se2 / n),
    sabrMax: m2,
    sviWeightedRmse: s.rmseVol ?? NaN,
    sabrWeightedRmse: b.rmse,
    sviButterflyOk: s.arbitrage.butterfly.ok,
    sviButterflyOkQuoted: butterflyCheck(s.params, { kMin: kLo, kMax: kHi > kLo ? kHi : kLo + 1e-3, n: gridN }).ok,
    sviLeeOk: s.arbitrage.lee.ok,
    sviArbOk: s.arbitrage.ok,
    sabrButterflyOk: b.arbitrage.ok,
    sabrConverged: b.converged,
  };
}

const pts = (x: number) => 100 * x;

/**
 * The k range quoted on every slice (max of the minima, min of the maxima),
 * intersected with `outer`; null when the slices share no range.
 */
function quotedGrid(ks: readonly Float64Array[], outer: { kMin: number; kMax: number; n: number }) {
  let lo = outer.kMin, hi = outer.kMax;
  for (const k of ks) {
    lo = Math.max(lo, Math.min(...k));
    hi = Math.min(hi, Math.max(...k));
  }
  return hi > lo ? { kMin: lo, kMax: hi, n: outer.n } : null;
}

// ---------------------------------------------------------------- real VIX sample

async function vixSample(p: Params, root: string, log: (s: string) => void) {
  const sums = await loadSums(root);
  const { text, sha256 } = await readVerified(root, VIX_FILE, sums);
  const rows = parseCboeEodCsv(text, VIX_FILE);
  const quotes = cboeRowsToQuotes(rows, p.vixSession);
  const { slices, failed } = cleanChains(quotes, { maxRelSpread: p.vixMaxRelSpread });
  const dropped: Record<string, number> = {};
  for (const s of slices) for (const d of s.dropped) dropped[d.reason] = (dropped[d.reason] ?? 0) + 1;
  for (const f of failed) dropped["slice-failed"] = (dropped["slice-failed"] ?? 0) + f.dropped.length;
  const byExpiry: Record<string, unknown> = {};
  const smiles: { expiry: string; T: number; fit: SmileFit; k: Float64Array; w: Float64Array }[] = [];
  const figure: Record<string, unknown>[] = [];
  const sviR: number[] = [], sabrR: number[] = [], spreads: number[] = [];
  for (const s of slices) {
    const q = s.quotes;
    const k = Float64Array.from(q, (x) => x.k), w = Float64Array.from(q, (x) => x.totalVariance);
    const K = Float64Array.from(q, (x) => x.strike), vol = Float64Array.from(q, (x) => x.iv);
    const key = `d${s.expiry.replaceAll("-", "")}`;
    const base = {
      expiry: s.expiry,
      T: s.T,
      forward: s.forward,
      discount: s.discount,
      impliedRate: s.parity.impliedRate,
      parityPairs: s.parity.pairs,
      quotes: q.length,
      kMin: q.length ? k[0] : null,
      kMax: q.length ? k[k.length - 1] : null,
    };
    if (q.length < 5) {
      byExpiry[key] = { ...base, fitted: false, reason: `only ${q.length} clean quotes (SVI needs 5)` };
      continue;
    }
    for (const x of q) {
      const b = impliedVolBlack76Result(x.bid, s.forward, x.strike, s.T, x.isCall, s.discount);
      const a = impliedVolBlack76Result(x.ask, s.forward, x.strike, s.T, x.isCall, s.discount);
      if (x.bid > 0 && b.status === "ok" && a.status === "ok") spreads.push(pts(a.vol - b.vol));
    }
    const wt = p.fitWeighting === "equal" ? undefined : vegaSpreadWeights(q);
    const fit = fitSmile(k, w, K, vol, s.forward, s.T, wt, p.sabrBeta, `VIX ${s.expiry}`, p.calendarGridN);
    smiles.push({ expiry: s.expiry, T: s.T, fit, k, w });
    sviR.push(pts(fit.sviRmse));
    sabrR.push(pts(fit.sabrRmse));
    byExpiry[key] = {
      ...base,
      fitted: true,
      svi: {
        params: fit.svi,
        rmseVolPts: pts(fit.sviRmse),
        maxAbsVolPts: pts(fit.sviMax),
        weightedRmseVolPts: pts(fit.sviWeightedRmse),
        butterflyOk: fit.sviButterflyOk,
        butterflyOkQuotedRange: fit.sviButterflyOkQuoted,
        leeOk: fit.sviLeeOk,
        arbitrageFree: fit.sviArbOk,
      },
      sabr: {
        params: fit.sabr,
        rmseVolPts: pts(fit.sabrRmse),
        maxAbsVolPts: pts(fit.sabrMax),
        weightedRmseVolPts: pts(fit.sabrWeightedRmse),
        butterflyOk: fit.sabrButterflyOk,
        converged: fit.sabrConverged,
      },
      sabrMinusSviRmseVolPts: pts(fit.sabrRmse - fit.sviRmse),
    };
    if (p.vixFigureExpiries.includes(s.expiry)) {
      figure.push(smileFigureData(s.expiry, s.T, s.forward, s.discount, q, fit, p));
    }
    log(
      `VIX ${s.expiry}: ${q.length} quotes, F=${s.forward.toFixed(2)}, SVI ${pts(fit.sviRmse).toFixed(2)} / ` +
        `SABR ${pts(fit.sabrRmse).toFixed(2)} vol pts`,
    );
  }
  for (const e of p.vixFigureExpiries) {
    if (!figure.some((f) => f.expiry === e)) {
      throw new RangeError(
        `params vixFigureExpiries: expiry ${e} has no fitted VIX slice (fitted: ${smiles.map((s) => s.expiry)})`,
      );
    }
  }
  const grid = { kMin: p.vixCalendarKMin, kMax: p.vixCalendarKMax, n: p.calendarGridN };
  const calSlices = smiles.map((s) => ({ T: s.T, label: s.expiry, w: (k: number) => sviTotalVariance(s.fit.svi, k) }));
  const cal = calendarCheck(calSlices, grid);
  const common = quotedGrid(smiles.map((s) => s.k), grid);
  const calQuoted = common ? calendarCheck(calSlices, common) : null;
  const ss = fitSsvi(smiles.map((s) => ({ T: s.T, k: s.k, w: s.w, label: s.expiry })));
  const ssviVol = ssviRmseVol(ss.params, ss.thetas, smiles);
  const count = (f: (s: SmileFit) => boolean) => smiles.filter((s) => f(s.fit)).length;
  return {
    file: VIX_FILE,
    sha256,
    quoteDate: rows[0]?.quoteDate ?? null,
    session: p.vixSession,
    rawQuotes: quotes.length,
    cleanQuotes: slices.reduce((a, s) => a + s.quotes.length, 0),
    droppedByReason: dropped,
    expiries: slices.length + failed.length,
    failedSlices: failed.map((f) => ({ expiry: f.expiry, reason: f.reason })),
    fittedSlices: smiles.length,
    byExpiry,
    summary: {
      sviRmseVolPts: dist(sviR),
      sabrRmseVolPts: dist(sabrR),
      sviButterflyFlagged: smiles.length - count((s) => s.sviButterflyOk),
      sviButterflyFlaggedQuotedRange: smiles.length - count((s) => s.sviButterflyOkQuoted),
      sviArbitrageFlagged: smiles.length - count((s) => s.sviArbOk),
      sabrButterflyFlagged: smiles.length - count((s) => s.sabrButterflyOk),
      sabrBetterSlices: smiles.filter((s) => s.fit.sabrRmse < s.fit.sviRmse).length,
      sviRhoAtBound: smiles.filter((s) => Math.abs(s.fit.svi.rho) > p.rhoBoundAbs).length,
      sabrRhoAtBound: smiles.filter((s) => Math.abs(s.fit.sabr.rho) > p.rhoBoundAbs).length,
      bidAskVolPts: dist(spreads),
    },
    calendar: {
      ok: cal.ok,
      violations: cal.violations.length,
      grid,
      quotedRange: calQuoted ? { ok: calQuoted.ok, violations: calQuoted.violations.length, grid: common } : null,
    },
    ssvi: {
      params: ss.params,
      rmseVolPts: pts(ssviVol),
      arbitrageFree: ss.arbitrage.ok,
      gjOk: ss.arbitrage.gjCondition.ok,
      thetaMonotone: ss.arbitrage.thetaMonotone.ok,
    },
    figure,
  };
}

/** Fit weights (vega / spread)², normalized to mean 1 — the surface-feature rule. */
function vegaSpreadWeights(q: readonly CleanQuote[]): Float64Array {
  const wt = Float64Array.from(q, (x) => (x.vega / Math.max(x.ask - x.bid, 1e-12)) ** 2);
  let m = 0;
  for (const v of wt) m += v / wt.length;
  return wt.map((v) => v / m);
}

/** Equal-weight RMSE in vol of an SSVI surface over the fitted slices. */
function ssviRmseVol(
  params: { rho: number; eta: number; gamma: number },
  thetas: Float64Array,
  sl: readonly { T: number; k: Float64Array; w: Float64Array }[],
): number {
  let se = 0, n = 0;
  sl.forEach((s, i) => {
    for (let j = 0; j < s.k.length; j++) {
      const e = Math.sqrt(Math.max(ssviTotalVariance(params, thetas[i], s.k[j]), 0) / s.T) - Math.sqrt(s.w[j] / s.T);
      se += e * e;
      n++;
    }
  });
  return Math.sqrt(se / n);
}

/** Quotes (bid/mid/ask vols) and fitted SVI/SABR curves of one slice, for the smile figure. */
function smileFigureData(
  expiry: string,
  T: number,
  F: number,
  D: number,
  q: readonly CleanQuote[],
  fit: SmileFit,
  p: Params,
) {
  const d = p.seriesDigits;
  const iv = (price: number, x: CleanQuote) => {
    const r = impliedVolBlack76Result(price, F, x.strike, T, x.isCall, D);
    return r.status === "ok" ? rnd(r.vol, d) : null;
  };
  const quotes = q.map((x) => ({
    K: x.strike,
    type: x.isCall ? "C" : "P",
    mid: rnd(x.iv, d),
    bid: x.bid > 0 ? iv(x.bid, x) : null,
    ask: iv(x.ask, x),
  }));
  const K0 = q[0].strike, K1 = q[q.length - 1].strike;
  const curve = [];
  for (let i = 0; i < p.smileGridN; i++) {
    const K = K0 + (K1 - K0) * i / (p.smileGridN - 1);
    const k = Math.log(K / F);
    curve.push({
      K: rnd(K, d),
      svi: rnd(Math.sqrt(Math.max(sviTotalVariance(fit.svi, k), 0) / T), d),
      sabr: rnd(sabrVol(K, F, T, fit.sabr), d),
    });
  }
  return { expiry, T: rnd(T, 6), forward: rnd(F, d), quotes, curve };
}

// ---------------------------------------------------------------- synthetic track

function syntheticTrack(p: Params, log: (s: string) => void) {
  const market = generateSyntheticMarket(p.synthSeed, { days: p.synthDays });
  const T = market.dates.length;
  log(`synthetic market: ${T} days, seed ${p.synthSeed}`);
  const expiries = market.chains[0].slices.map((s) => s.expiryDays);
  if (!expiries.includes(p.sviFigureExpiryDays)) {
    throw new RangeError(`params sviFigureExpiryDays: ${p.sviFigureExpiryDays} is not a synthetic slice (${expiries})`);
  }
  const S = expiries.length;
  const sviR = expiries.map(() => [] as number[]), sabrR = expiries.map(() => [] as number[]);
  const sviFlagQ = expiries.map(() => 0), rhoBound = expiries.map(() => 0);
  const sviFlag = expiries.map(() => 0), sviArbFlag = expiries.map(() => 0), sabrFlag = expiries.map(() => 0);
  const fitted = expiries.map(() => 0), failures: { date: string; expiryDays: number; reason: string }[] = [];
  const quoteCounts = expiries.map(() => [] as number[]);
  const svi: (SviParams | null)[][] = expiries.map(() => new Array(T).fill(null));
  let calDays = 0, calFlagged = 0, calFlaggedQ = 0, calDaysQ = 0;
  const ssviR: number[] = [];
  let ssviDays = 0, ssviArbOk = 0, ssviGjOk = 0, ssviThetaOk = 0, ssviFail = 0;
  const ssviParams = { rho: [] as number[], eta: [] as number[], gamma: [] as number[] };
  const calGrid = { kMin: p.calendarKMin, kMax: p.calendarKMax, n: p.calendarGridN };
  for (let t = 0; t < T; t++) {
    const day = market.chains[t];
    const smiles: (SliceSmile | null)[] = [];
    for (let s = 0; s < S; s++) {
      const slice = day.slices[s];
      const label = `${day.date} ${slice.expiryDays}d`;
      try {
        const sm = chainSliceSmile(slice, label);
        quoteCounts[s].push(sm.k.length);
        if (sm.k.length < 5) throw new RangeError(`only ${sm.k.length} usable quotes (need 5)`);
        const wt = p.fitWeighting === "equal" ? undefined : sm.weight;
        const f = fitSmile(sm.k, sm.w, sm.strikes, sm.vol, sm.forward, sm.T, wt, p.sabrBeta, label, p.calendarGridN);
        fitted[s]++;
        sviR[s].push(pts(f.sviRmse));
        sabrR[s].push(pts(f.sabrRmse));
        if (!f.sviButterflyOk) sviFlag[s]++;
        if (!f.sviButterflyOkQuoted) sviFlagQ[s]++;
        if (Math.abs(f.svi.rho) > p.rhoBoundAbs) rhoBound[s]++;
        if (!f.sviArbOk) sviArbFlag[s]++;
        if (!f.sabrButterflyOk) sabrFlag[s]++;
        svi[s][t] = f.svi;
        smiles.push(sm);
      } catch (e) {
        if (!(e instanceof RangeError)) throw e;
        failures.push({ date: day.date, expiryDays: slice.expiryDays, reason: e.message });
        smiles.push(null);
      }
    }
    const all = svi.map((x) => x[t]);
    if (all.every((x) => x !== null)) {
      calDays++;
      const cs = all.map((x, s) => ({ T: day.slices[s].T, w: (k: number) => sviTotalVariance(x!, k) }));
      if (!calendarCheck(cs, calGrid).ok) calFlagged++;
      const common = quotedGrid(smiles.map((x) => x!.k), calGrid);
      if (common) {
        calDaysQ++;
        if (!calendarCheck(cs, common).ok) calFlaggedQ++;
      }
    }
    if (t % p.ssviEvery === 0 && smiles.every((x) => x !== null)) {
      try {
        const sl = smiles.map((x, s) => ({ T: x!.T, k: x!.k, w: x!.w, label: `${day.date} ${expiries[s]}d` }));
        const ss = fitSsvi(sl);
        ssviDays++;
        ssviR.push(pts(ssviRmseVol(ss.params, ss.thetas, sl)));
        if (ss.arbitrage.ok) ssviArbOk++;
        if (ss.arbitrage.gjCondition.ok) ssviGjOk++;
        if (ss.arbitrage.thetaMonotone.ok) ssviThetaOk++;
        ssviParams.rho.push(ss.params.rho);
        ssviParams.eta.push(ss.params.eta);
        ssviParams.gamma.push(ss.params.gamma);
      } catch (e) {
        if (!(e instanceof RangeError)) throw e;
        ssviFail++;
        failures.push({ date: day.date, expiryDays: 0, reason: `SSVI: ${e.message}` });
      }
    }
  }
  const bySlice: Record<string, unknown> = {};
  expiries.forEach((e, s) => {
    bySlice[`d${e}`] = {
      expiryDays: e,
      fitted: fitted[s],
      failed: T - fitted[s],
      cleanQuotes: dist(quoteCounts[s]),
      sviRmseVolPts: dist(sviR[s]),
      sabrRmseVolPts: dist(sabrR[s]),
      sviButterflyFlagShare: fitted[s] ? sviFlag[s] / fitted[s] : null,
      sviButterflyFlagShareQuotedRange: fitted[s] ? sviFlagQ[s] / fitted[s] : null,
      sviRhoAtBoundShare: fitted[s] ? rhoBound[s] / fitted[s] : null,
      sviArbitrageFlagShare: fitted[s] ? sviArbFlag[s] / fitted[s] : null,
      sabrButterflyFlagShare: fitted[s] ? sabrFlag[s] / fitted[s] : null,
    };
  });
  const totalFitted = fitted.reduce((a, b) => a + b, 0);
  const fits = {
    days: T,
    seed: p.synthSeed,
    expiryDays: expiries,
    slicesFitted: totalFitted,
    slicesFailed: S * T - totalFitted,
    failureExamples: failures.slice(0, 5),
    bySlice,
    all: {
      sviRmseVolPts: dist(sviR.flat()),
      sabrRmseVolPts: dist(sabrR.flat()),
      sviButterflyFlagShare: totalFitted ? sviFlag.reduce((a, b) => a + b, 0) / totalFitted : null,
      sviButterflyFlagShareQuotedRange: totalFitted ? sviFlagQ.reduce((a, b) => a + b, 0) / totalFitted : null,
      sviRhoAtBoundShare: totalFitted ? rhoBound.reduce((a, b) => a + b, 0) / totalFitted : null,
      sviArbitrageFlagShare: totalFitted ? sviArbFlag.reduce((a, b) => a + b, 0) / totalFitted : null,
      sabrButterflyFlagShare: totalFitted ? sabrFlag.reduce((a, b) => a + b, 0) / totalFitted : null,
    },
    calendar: {
      days: calDays,
      flagged: calFlagged,
      flagShare: calDays ? calFlagged / calDays : null,
      grid: calGrid,
      quotedRange: { days: calDaysQ, flagged: calFlaggedQ, flagShare: calDaysQ ? calFlaggedQ / calDaysQ : null },
    },
    ssvi: {
      every: p.ssviEvery,
      days: ssviDays,
      failed: ssviFail,
      rmseVolPts: dist(ssviR),
      arbitrageFreeShare: ssviDays ? ssviArbOk / ssviDays : null,
      gjOkShare: ssviDays ? ssviGjOk / ssviDays : null,
      thetaMonotoneShare: ssviDays ? ssviThetaOk / ssviDays : null,
      paramsMedian: {
        rho: quantile(ssviParams.rho, 0.5),
        eta: quantile(ssviParams.eta, 0.5),
        gamma: quantile(ssviParams.gamma, 0.5),
      },
    },
  };
  log(
    `synthetic fits: ${totalFitted} slices, SVI mean RMSE ${fits.all.sviRmseVolPts.mean?.toFixed(2)} vol pts, ` +
      `SABR ${fits.all.sabrRmseVolPts.mean?.toFixed(2)}`,
  );

  // feature frame (the library path, surface features included)
  const frame = buildSyntheticFeatures(market, { surface: { sabrBeta: p.sabrBeta } });
  log(`synthetic feature frame: ${frame.names.length} features`);

  // oracle multiplier q*/IM (long one contract), and the scale-free oracle q*/(c·F)
  const h = p.mpor;
  const pnl = new Float64Array(T - h);
  for (let t = h; t < T; t++) pnl[t - h] = p.contractBbl * (market.front[t] - market.front[t - h]);
  const im = new Float64Array(T).fill(NaN);
  im.set(
    rollingMargin(pnl, (w) => hsMargin(w, { confidence: p.confidence, measure: "var" }), { lookback: p.lookback }),
    h,
  );
  const oracleQ = oracleQuantileSeries(market, h, 1, p.confidence, createPrng(p.synthSeed * 31 + 1), {
    paths: p.oraclePaths,
    contractSize: p.contractBbl,
  });
  const mult = Float64Array.from(oracleQ, (q, t) => im[t] > 0 ? q / im[t] : NaN);
  const rel = Float64Array.from(oracleQ, (q, t) => q / (p.contractBbl * market.front[t]));
  log(`oracle: ${p.oraclePaths} paths per day`);
  const idx = [...Array(T).keys()];
  const stats: Record<string, unknown> = {};
  for (const n of frame.names) stats[n] = summary(featureColumn(frame, n), idx);
  const fwdVol = lead(col(frame, `rv_${p.forwardVolWindow}d`, "synthetic frame"), p.forwardVolWindow);
  const corrCols: Record<string, Float64Array> = {};
  for (const n of p.synthCorr) corrCols[n] = col(frame, n, "params synthCorr");
  corrCols.oracle_multiplier = mult;
  corrCols.oracle_rel = rel;
  corrCols[`fwd_rv_${p.forwardVolWindow}d`] = fwdVol;
  const withOracle: Record<string, unknown> = {};
  for (const n of frame.names) {
    const x = featureColumn(frame, n);
    const a = pearson(x, mult, idx), b = pearson(x, rel, idx), c = pearson(x, fwdVol, idx);
    withOracle[n] = { multiplier: a.r, oracleRel: b.r, fwdRv: c.r, n: a.n };
  }
  const ranked = Object.entries(withOracle)
    .filter(([, v]) => (v as { multiplier: number | null }).multiplier !== null)
    .sort((x, y) =>
      Math.abs((y[1] as { multiplier: number }).multiplier) - Math.abs((x[1] as { multiplier: number }).multiplier) ||
      (x[0] < y[0] ? -1 : 1)
    )
    .map(([k]) => k);
  const features = {
    rows: T,
    features: frame.names.length,
    surfaceFeatures: frame.names.filter((n) =>
      frame.meta[n].group === "forward" && !n.startsWith("curve_") &&
      n !== "roll_yield"
    ).length,
    completeRows:
      idx.filter((t) => frame.names.every((_, j) => Number.isFinite(frame.values[t * frame.names.length + j])))
        .length,
    stats,
    corr: corrMatrix(corrCols, idx),
    oracle: {
      multiplier: summary(mult, idx),
      oracleRel: summary(rel, idx),
      corr: withOracle,
      topByAbsCorrWithMultiplier: ranked.slice(0, 5),
    },
  };
  const d = p.seriesDigits;
  const weekly = idx.filter((t) => t % p.figureEvery === 0);
  const s = expiries.indexOf(p.sviFigureExpiryDays);
  const param = (k: keyof SviParams) => weekly.map((t) => svi[s][t] === null ? null : rnd(svi[s][t]![k], d));
  const series = {
    expiryDays: p.sviFigureExpiryDays,
    dates: weekly.map((t) => market.dates[t]),
    a: param("a"),
    b: param("b"),
    rho: param("rho"),
    m: param("m"),
    sigma: param("sigma"),
    atmVol: weekly.map((t) => rnd(col(frame, `atm_vol_${p.sviFigureExpiryDays}d`, "synthetic frame")[t], d)),
  };
  return { fits, features, series };
}

// ---------------------------------------------------------------- crude track

async function crudeTrack(p: Params, ctx: { upstream(s: string, n: string): Promise<string> }) {
  const panelPath = await ctx.upstream("d01_panel", "crude_panel.csv");
  const panel = panelFromCsv(await Deno.readTextFile(panelPath), "data/derived/crude_panel.csv");
  const frame = buildCrudeFeatures(panel);
  const idx: number[] = [];
  frame.dates.forEach((d, t) => {
    if (d >= p.crudeFrom && d <= p.crudeTo) idx.push(t);
  });
  if (idx.length < 250) throw new RangeError(`crudeFrom/crudeTo select only ${idx.length} rows; need at least 250`);
  const stats: Record<string, unknown> = {};
  for (const n of frame.names) stats[n] = { group: frame.meta[n].group, ...summary(featureColumn(frame, n), idx) };
  const fwdName = `fwd_rv_${p.forwardVolWindow}d`;
  const fwdVol = lead(col(frame, `rv_${p.forwardVolWindow}d`, "crude frame"), p.forwardVolWindow);
  const cols: Record<string, Float64Array> = {};
  for (const n of p.crudeCorr) cols[n] = col(frame, n, "params crudeCorr");
  cols[fwdName] = fwdVol;
  const withFwd: Record<string, unknown> = {};
  for (const n of frame.names) {
    const x = featureColumn(frame, n);
    const rows = idx.filter((t) => Number.isFinite(x[t]) && Number.isFinite(fwdVol[t]));
    withFwd[n] = {
      pearson: pearson(x, fwdVol, rows).r,
      spearman: pearson(ranks(x, rows), ranks(fwdVol, rows), rows).r,
      n: rows.length,
    };
  }
  const d = p.seriesDigits;
  const weekly = idx.filter((_, i) => i % p.figureEvery === 0);
  const fig: Record<string, (number | null)[]> = {};
  for (const n of p.crudeFigure) {
    const x = col(frame, n, "params crudeFigure");
    fig[n] = weekly.map((t) => rnd(x[t], d));
  }
  return {
    metrics: {
      window: { from: frame.dates[idx[0]], to: frame.dates[idx[idx.length - 1]], rows: idx.length },
      features: frame.names.length,
      historical: frame.names.filter((n) => frame.meta[n].group === "historical").length,
      forward: frame.names.filter((n) => frame.meta[n].group === "forward").length,
      completeRows:
        idx.filter((t) => frame.names.every((_, j) => Number.isFinite(frame.values[t * frame.names.length + j])))
          .length,
      stats,
      corr: corrMatrix(cols, idx),
      corrWithFwdRv: withFwd,
    },
    series: {
      dates: weekly.map((t) => frame.dates[t]),
      features: fig,
      units: Object.fromEntries(p.crudeFigure.map((n) => [n, frame.meta[n].unit])),
    },
  };
}

// ---------------------------------------------------------------- stage

await runStage<Params>(import.meta.url, {
  schema: {
    vixSession: { type: "string", enum: ["1545", "eod"] },
    vixMaxRelSpread: { type: "number", min: 0 },
    fitWeighting: { type: "string", enum: ["vegaSpread", "equal"] },
    sabrBeta: { type: "number", min: 0, max: 1 },
    rhoBoundAbs: { type: "number", min: 0, max: 1 },
    vixCalendarKMin: { type: "number" },
    vixCalendarKMax: { type: "number" },
    vixFigureExpiries: { type: "string[]", minLength: 1 },
    smileGridN: { type: "integer", min: 2 },
    synthSeed: { type: "integer", min: 0 },
    synthDays: { type: "integer", min: 300 },
    oraclePaths: { type: "integer", min: 10 },
    mpor: { type: "integer", min: 1, max: 20 },
    confidence: { type: "number", min: 0.5, max: 0.9999 },
    lookback: { type: "integer", min: 20 },
    contractBbl: { type: "number", min: 1 },
    calendarKMin: { type: "number" },
    calendarKMax: { type: "number" },
    calendarGridN: { type: "integer", min: 3 },
    ssviEvery: { type: "integer", min: 1 },
    sviFigureExpiryDays: { type: "integer", min: 1 },
    crudeFrom: { type: "date" },
    crudeTo: { type: "date" },
    forwardVolWindow: { type: "integer", min: 2 },
    crudeCorr: { type: "string[]", minLength: 2 },
    synthCorr: { type: "string[]", minLength: 2 },
    crudeFigure: { type: "string[]", minLength: 1 },
    figureEvery: { type: "integer", min: 1 },
    seriesDigits: { type: "integer", min: 1, max: 8 },
  },
  async run(ctx) {
    const p = ctx.params;
    if (!(p.vixCalendarKMax > p.vixCalendarKMin) || !(p.calendarKMax > p.calendarKMin)) {
      throw new RangeError(`params: calendar grids need kMin < kMax`);
    }
    const t0 = performance.now();
    const crude = await crudeTrack(p, ctx);
    ctx.log(`crude frame: ${crude.metrics.features} features, ${crude.metrics.window.rows} rows in the window`);
    const vix = await vixSample(p, ctx.root, ctx.log);
    const synth = syntheticTrack(p, ctx.log);
    const { figure: vixFigure, ...vixMetrics } = vix;
    const metrics = {
      vix: vixMetrics,
      synthetic: { fits: synth.fits, features: synth.features },
      crude: crude.metrics,
    };
    const series = { vixSmile: vixFigure, synthSvi: synth.series, crude: crude.series };
    ctx.log(`done in ${((performance.now() - t0) / 1000).toFixed(1)}s`);
    return { [`metrics.${ctx.profile}.json`]: metrics, [`series.${ctx.profile}.json`]: series };
  },
});
