/**
 * Fit report of a one-day option chain sample (e.g. the Cboe VIX options sample): the chain is cleaned
 * (put–call-parity forward and discount per expiry), each slice with at least 5 clean quotes is fitted with raw SVI
 * and SABR ({@link fitSmile}); per expiry the fit quality in vol points and the arbitrage flags, then a summary over
 * slices, the calendar check across the SVI slices (on a fixed grid and on the range quoted on every slice), one
 * SSVI surface, and the figure data of chosen expiries.
 * @module
 */
import { type DistributionSummary, distributionSummary } from "../core/distribution_summary.ts";
import { calendarCheck } from "./arbitrage.ts";
import { type CleanChainOptions, cleanChains, type OptionQuote } from "./chain.ts";
import { fitSsvi, type SsviFit } from "./fit_ssvi.ts";
import { impliedVolBlack76Result } from "./implied_vol.ts";
import { type QuotedGrid, quotedGrid } from "./quoted_grid.ts";
import type { SabrParams } from "./sabr.ts";
import { type SmileFigureData, smileFigureData } from "./smile_figure_data.ts";
import { fitSmile, type SmileFit, vegaSpreadWeights } from "./smile_fit.ts";
import { ssviRmseVol } from "./ssvi_rmse_vol.ts";
import { type SviParams, sviTotalVariance } from "./svi.ts";

/** Options of {@link chainSampleFits}. */
export interface ChainSampleFitOptions {
  /** Drop quotes whose (ask − bid)/mid exceeds this. */
  maxRelSpread: number;
  /** "vegaSpread": weights (vega/spread)² ({@link vegaSpreadWeights}); "equal": unweighted. */
  fitWeighting: "vegaSpread" | "equal";
  sabrBeta: number;
  /** |ρ| above this counts as "at the bound". */
  rhoBoundAbs: number;
  /** Fixed k grid of the calendar check. */
  calendarGrid: QuotedGrid;
  /** Expiries (ISO) whose smiles go into the figure data; each must be fitted. */
  figureExpiries: readonly string[];
  /** Strikes of each figure curve, and decimals of the figure data. */
  smileGridN: number;
  digits: number;
  /** Names the sample in progress lines and errors (e.g. "VIX"). */
  label: string;
  /** Progress line per fitted slice. */
  log?: (msg: string) => void;
}

/** Fit report of one SVI or SABR fit of a slice, vol errors in vol points. */
export interface SliceFitReport {
  params: SviParams | SabrParams;
  rmseVolPts: number;
  maxAbsVolPts: number;
  weightedRmseVolPts: number;
  butterflyOk: boolean;
}

/** Per-expiry entry of {@link ChainSampleFits.byExpiry}. */
export interface ExpiryFitReport {
  expiry: string;
  T: number;
  forward: number;
  discount: number;
  impliedRate: number;
  parityPairs: number;
  quotes: number;
  kMin: number | null;
  kMax: number | null;
  fitted: boolean;
  reason?: string;
  svi?: SliceFitReport & { params: SviParams; butterflyOkQuotedRange: boolean; leeOk: boolean; arbitrageFree: boolean };
  sabr?: SliceFitReport & { params: SabrParams; converged: boolean };
  sabrMinusSviRmseVolPts?: number;
}

/** {@link chainSampleFits}'s result. */
export interface ChainSampleFits {
  rawQuotes: number;
  cleanQuotes: number;
  droppedByReason: Record<string, number>;
  expiries: number;
  failedSlices: { expiry: string; reason: string }[];
  fittedSlices: number;
  /** Keyed `d<YYYYMMDD>` of the expiry. */
  byExpiry: Record<string, ExpiryFitReport>;
  summary: {
    sviRmseVolPts: DistributionSummary;
    sabrRmseVolPts: DistributionSummary;
    sviButterflyFlagged: number;
    sviButterflyFlaggedQuotedRange: number;
    sviArbitrageFlagged: number;
    sabrButterflyFlagged: number;
    sabrBetterSlices: number;
    sviRhoAtBound: number;
    sabrRhoAtBound: number;
    /** Bid–ask spread in implied vol points over the quotes with a positive bid. */
    bidAskVolPts: DistributionSummary;
  };
  calendar: {
    ok: boolean;
    violations: number;
    grid: QuotedGrid;
    quotedRange: { ok: boolean; violations: number; grid: QuotedGrid | null } | null;
  };
  ssvi: {
    params: SsviFit["params"];
    rmseVolPts: number;
    arbitrageFree: boolean;
    gjOk: boolean;
    thetaMonotone: boolean;
  };
  /** Figure data of `figureExpiries`, in expiry order. */
  figure: SmileFigureData[];
}

const pts = (x: number) => 100 * x;

/**
 * Clean `quotes`, fit every slice with SVI and SABR, and report fit quality and arbitrage.
 *
 * @throws {RangeError} when a figure expiry has no fitted slice, or from the SSVI fit when no slice could be fitted
 * @example
 * ```ts
 * import { chainSampleFits } from "./chain_sample_fits.ts";
 * import { parseCboeEodCsv, cboeRowsToQuotes } from "./chain_load.ts";
 * const file = "data/raw/option-chain-samples/cboe-datashop-sample-2016-06-01/UnderlyingOptionsEODCalcs_2016-06-01.csv";
 * const quotes = cboeRowsToQuotes(parseCboeEodCsv(await Deno.readTextFile(file), file), "1545");
 * const r = chainSampleFits(quotes, {
 *   maxRelSpread: 0.5, fitWeighting: "vegaSpread", sabrBeta: 1, rhoBoundAbs: 0.99,
 *   calendarGrid: { kMin: -0.5, kMax: 1, n: 50 }, figureExpiries: [], smileGridN: 40, digits: 5, label: "VIX",
 * });
 * console.assert(r.fittedSlices > 0 && r.summary.sviRmseVolPts.n === r.fittedSlices);
 * ```
 */
export function chainSampleFits(quotes: readonly OptionQuote[], opts: ChainSampleFitOptions): ChainSampleFits {
  const cleanOpts: CleanChainOptions = { maxRelSpread: opts.maxRelSpread };
  const { slices, failed } = cleanChains(quotes, cleanOpts);
  const dropped: Record<string, number> = {};
  for (const s of slices) for (const d of s.dropped) dropped[d.reason] = (dropped[d.reason] ?? 0) + 1;
  for (const f of failed) dropped["slice-failed"] = (dropped["slice-failed"] ?? 0) + f.dropped.length;
  const byExpiry: Record<string, ExpiryFitReport> = {};
  const smiles: { expiry: string; T: number; fit: SmileFit; k: Float64Array; w: Float64Array }[] = [];
  const figure: SmileFigureData[] = [];
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
    const weights = opts.fitWeighting === "equal" ? undefined : vegaSpreadWeights(q);
    const fit = fitSmile({ k, w, strikes: K, vol, forward: s.forward, T: s.T }, {
      weights,
      sabrBeta: opts.sabrBeta,
      label: `${opts.label} ${s.expiry}`,
      gridN: opts.calendarGrid.n,
    });
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
    if (opts.figureExpiries.includes(s.expiry)) {
      figure.push(smileFigureData(s, fit, { gridN: opts.smileGridN, digits: opts.digits }));
    }
    opts.log?.(
      `${opts.label} ${s.expiry}: ${q.length} quotes, F=${s.forward.toFixed(2)}, SVI ${
        pts(fit.sviRmse).toFixed(2)
      } / ` +
        `SABR ${pts(fit.sabrRmse).toFixed(2)} vol pts`,
    );
  }
  for (const e of opts.figureExpiries) {
    if (!figure.some((f) => f.expiry === e)) {
      throw new RangeError(
        `chainSampleFits: figure expiry ${e} has no fitted ${opts.label} slice (fitted: ${
          smiles.map((s) => s.expiry)
        })`,
      );
    }
  }
  const grid = opts.calendarGrid;
  const calSlices = smiles.map((s) => ({ T: s.T, label: s.expiry, w: (k: number) => sviTotalVariance(s.fit.svi, k) }));
  const cal = calendarCheck(calSlices, grid);
  const common = quotedGrid(smiles.map((s) => s.k), grid);
  const calQuoted = common ? calendarCheck(calSlices, common) : null;
  const ss = fitSsvi(smiles.map((s) => ({ T: s.T, k: s.k, w: s.w, label: s.expiry })));
  const ssviVol = ssviRmseVol(ss.params, ss.thetas, smiles);
  const count = (f: (s: SmileFit) => boolean) => smiles.filter((s) => f(s.fit)).length;
  return {
    rawQuotes: quotes.length,
    cleanQuotes: slices.reduce((a, s) => a + s.quotes.length, 0),
    droppedByReason: dropped,
    expiries: slices.length + failed.length,
    failedSlices: failed.map((f) => ({ expiry: f.expiry, reason: f.reason })),
    fittedSlices: smiles.length,
    byExpiry,
    summary: {
      sviRmseVolPts: distributionSummary(sviR),
      sabrRmseVolPts: distributionSummary(sabrR),
      sviButterflyFlagged: smiles.length - count((s) => s.sviButterflyOk),
      sviButterflyFlaggedQuotedRange: smiles.length - count((s) => s.sviButterflyOkQuoted),
      sviArbitrageFlagged: smiles.length - count((s) => s.sviArbOk),
      sabrButterflyFlagged: smiles.length - count((s) => s.sabrButterflyOk),
      sabrBetterSlices: smiles.filter((s) => s.fit.sabrRmse < s.fit.sviRmse).length,
      sviRhoAtBound: smiles.filter((s) => Math.abs(s.fit.svi.rho) > opts.rhoBoundAbs).length,
      sabrRhoAtBound: smiles.filter((s) => Math.abs(s.fit.sabr.rho) > opts.rhoBoundAbs).length,
      bidAskVolPts: distributionSummary(spreads),
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
