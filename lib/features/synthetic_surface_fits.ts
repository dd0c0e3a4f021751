/**
 * Fit quality of the synthetic market's daily option surfaces: every day, each constant-maturity slice goes through
 * the surface-feature cleaning rule ({@link chainSliceSmile}) and is fitted with SVI and SABR ({@link fitSmile});
 * per slice and over all slices the distribution of fit RMSE, the share of fits flagged for butterfly arbitrage
 * (default and quoted k range), with SVI ρ at its bound or any SVI arbitrage; the share of days whose SVI slices
 * are flagged for calendar arbitrage; and an SSVI surface every `ssviEvery` days. Slices that cannot be fitted
 * are counted and a few examples kept.
 * @module
 */
import { type DistributionSummary, distributionSummary } from "../core/distribution_summary.ts";
import { quantile } from "../core/quantile.ts";
import { roundTo } from "../core/round_to.ts";
import type { DailyChain } from "../market/synthetic_chain.ts";
import { calendarCheck } from "../vol/arbitrage.ts";
import { fitSsvi } from "../vol/fit_ssvi.ts";
import { type QuotedGrid, quotedGrid } from "../vol/quoted_grid.ts";
import { fitSmile } from "../vol/smile_fit.ts";
import { ssviRmseVol } from "../vol/ssvi_rmse_vol.ts";
import { type SviParams, sviTotalVariance } from "../vol/svi.ts";
import { chainSliceSmile, type SliceSmile } from "./surface_features.ts";

/** Options of {@link syntheticSurfaceFits}. */
export interface SyntheticSurfaceFitOptions {
  /** "vegaSpread": the surface-feature weights; "equal": unweighted. */
  fitWeighting: "vegaSpread" | "equal";
  sabrBeta: number;
  /** |ρ| above this counts as "at the bound". */
  rhoBoundAbs: number;
  /** Fixed k grid of the calendar check (its `n` also sizes the quoted-range butterfly grid). */
  calendarGrid: QuotedGrid;
  /** Fit an SSVI surface on every `ssviEvery`-th day whose slices were all usable. */
  ssviEvery: number;
}

/** Flag shares of a set of fits (null when nothing was fitted). */
export interface FitFlagShares {
  sviButterflyFlagShare: number | null;
  sviButterflyFlagShareQuotedRange: number | null;
  sviRhoAtBoundShare: number | null;
  sviArbitrageFlagShare: number | null;
  sabrButterflyFlagShare: number | null;
}

/** Per-slice entry of {@link SyntheticSurfaceFits.bySlice}. */
export interface SliceFitSummary extends FitFlagShares {
  expiryDays: number;
  fitted: number;
  failed: number;
  cleanQuotes: DistributionSummary;
  sviRmseVolPts: DistributionSummary;
  sabrRmseVolPts: DistributionSummary;
}

/** {@link syntheticSurfaceFits}'s result (`svi` is not a report: the fitted SVI parameters, for figures). */
export interface SyntheticSurfaceFits {
  days: number;
  expiryDays: number[];
  slicesFitted: number;
  slicesFailed: number;
  failureExamples: { date: string; expiryDays: number; reason: string }[];
  /** Keyed `d<expiryDays>`. */
  bySlice: Record<string, SliceFitSummary>;
  all: FitFlagShares & { sviRmseVolPts: DistributionSummary; sabrRmseVolPts: DistributionSummary };
  calendar: {
    days: number;
    flagged: number;
    flagShare: number | null;
    grid: QuotedGrid;
    quotedRange: { days: number; flagged: number; flagShare: number | null };
  };
  ssvi: {
    every: number;
    days: number;
    failed: number;
    rmseVolPts: DistributionSummary;
    arbitrageFreeShare: number | null;
    gjOkShare: number | null;
    thetaMonotoneShare: number | null;
    paramsMedian: { rho: number | null; eta: number | null; gamma: number | null };
  };
}

const pts = (x: number) => 100 * x;

/**
 * Fit every slice of every day of `chains` and summarize fit quality and arbitrage flags.
 *
 * @throws {RangeError} when `chains` is empty
 * @example
 * ```ts
 * import { syntheticSurfaceFits } from "./synthetic_surface_fits.ts";
 * import { generateSyntheticMarket } from "../market/synthetic_market.ts";
 * const market = generateSyntheticMarket(7, { days: 3 });
 * const { report } = syntheticSurfaceFits(market.chains, {
 *   fitWeighting: "vegaSpread", sabrBeta: 1, rhoBoundAbs: 0.99, calendarGrid: { kMin: -0.5, kMax: 0.5, n: 21 }, ssviEvery: 2,
 * });
 * console.assert(report.slicesFitted + report.slicesFailed === 3 * report.expiryDays.length);
 * ```
 */
export function syntheticSurfaceFits(
  chains: readonly DailyChain[],
  opts: SyntheticSurfaceFitOptions,
): { report: SyntheticSurfaceFits; svi: (SviParams | null)[][] } {
  if (chains.length === 0) throw new RangeError(`syntheticSurfaceFits: no daily chains (generate with chains: true)`);
  const T = chains.length;
  const expiries = chains[0].slices.map((s) => s.expiryDays);
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
  const calGrid = opts.calendarGrid;
  for (let t = 0; t < T; t++) {
    const day = chains[t];
    const smiles: (SliceSmile | null)[] = [];
    for (let s = 0; s < S; s++) {
      const slice = day.slices[s];
      const label = `${day.date} ${slice.expiryDays}d`;
      try {
        const sm = chainSliceSmile(slice, label);
        quoteCounts[s].push(sm.k.length);
        if (sm.k.length < 5) throw new RangeError(`only ${sm.k.length} usable quotes (need 5)`);
        const weights = opts.fitWeighting === "equal" ? undefined : sm.weight;
        const f = fitSmile(
          { k: sm.k, w: sm.w, strikes: sm.strikes, vol: sm.vol, forward: sm.forward, T: sm.T },
          { weights, sabrBeta: opts.sabrBeta, label, gridN: calGrid.n },
        );
        fitted[s]++;
        sviR[s].push(pts(f.sviRmse));
        sabrR[s].push(pts(f.sabrRmse));
        if (!f.sviButterflyOk) sviFlag[s]++;
        if (!f.sviButterflyOkQuoted) sviFlagQ[s]++;
        if (Math.abs(f.svi.rho) > opts.rhoBoundAbs) rhoBound[s]++;
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
    if (t % opts.ssviEvery === 0 && smiles.every((x) => x !== null)) {
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
  const bySlice: Record<string, SliceFitSummary> = {};
  expiries.forEach((e, s) => {
    bySlice[`d${e}`] = {
      expiryDays: e,
      fitted: fitted[s],
      failed: T - fitted[s],
      cleanQuotes: distributionSummary(quoteCounts[s]),
      sviRmseVolPts: distributionSummary(sviR[s]),
      sabrRmseVolPts: distributionSummary(sabrR[s]),
      sviButterflyFlagShare: fitted[s] ? sviFlag[s] / fitted[s] : null,
      sviButterflyFlagShareQuotedRange: fitted[s] ? sviFlagQ[s] / fitted[s] : null,
      sviRhoAtBoundShare: fitted[s] ? rhoBound[s] / fitted[s] : null,
      sviArbitrageFlagShare: fitted[s] ? sviArbFlag[s] / fitted[s] : null,
      sabrButterflyFlagShare: fitted[s] ? sabrFlag[s] / fitted[s] : null,
    };
  });
  const totalFitted = fitted.reduce((a, b) => a + b, 0);
  const share = (x: number[]) => totalFitted ? x.reduce((a, b) => a + b, 0) / totalFitted : null;
  const report: SyntheticSurfaceFits = {
    days: T,
    expiryDays: expiries,
    slicesFitted: totalFitted,
    slicesFailed: S * T - totalFitted,
    failureExamples: failures.slice(0, 5),
    bySlice,
    all: {
      sviRmseVolPts: distributionSummary(sviR.flat()),
      sabrRmseVolPts: distributionSummary(sabrR.flat()),
      sviButterflyFlagShare: share(sviFlag),
      sviButterflyFlagShareQuotedRange: share(sviFlagQ),
      sviRhoAtBoundShare: share(rhoBound),
      sviArbitrageFlagShare: share(sviArbFlag),
      sabrButterflyFlagShare: share(sabrFlag),
    },
    calendar: {
      days: calDays,
      flagged: calFlagged,
      flagShare: calDays ? calFlagged / calDays : null,
      grid: calGrid,
      quotedRange: { days: calDaysQ, flagged: calFlaggedQ, flagShare: calDaysQ ? calFlaggedQ / calDaysQ : null },
    },
    ssvi: {
      every: opts.ssviEvery,
      days: ssviDays,
      failed: ssviFail,
      rmseVolPts: distributionSummary(ssviR),
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
  return { report, svi };
}

/** {@link sviParamSeries}'s result: dates and the rounded SVI parameters of one slice (null: not fitted that day). */
export interface SviParamSeries {
  expiryDays: number;
  dates: string[];
  a: (number | null)[];
  b: (number | null)[];
  rho: (number | null)[];
  m: (number | null)[];
  sigma: (number | null)[];
}

/**
 * Every `every`-th day's fitted SVI parameters of the slice `expiryDays` (from {@link syntheticSurfaceFits}'s `svi`),
 * rounded to `digits` decimals, for a figure.
 *
 * @throws {RangeError} when `expiryDays` is not one of the fitted slices
 * @example
 * ```ts
 * import { sviParamSeries } from "./synthetic_surface_fits.ts";
 * const p = { a: 0.01, b: 0.1, rho: -0.3, m: 0, sigma: 0.123456 };
 * const s = sviParamSeries([[p, null, p]], { expiryDays: [21], dates: ["d0", "d1", "d2"] }, { expiryDays: 21, every: 2, digits: 3 });
 * console.assert(s.dates.join() === "d0,d2" && s.sigma[0] === 0.123);
 * ```
 */
export function sviParamSeries(
  svi: readonly (readonly (SviParams | null)[])[],
  fits: { expiryDays: readonly number[]; dates: readonly string[] },
  opts: { expiryDays: number; every: number; digits: number },
): SviParamSeries {
  const s = fits.expiryDays.indexOf(opts.expiryDays);
  if (s < 0) {
    throw new RangeError(
      `sviParamSeries: expiryDays ${opts.expiryDays} is not a synthetic slice (${fits.expiryDays})`,
    );
  }
  const weekly = [...fits.dates.keys()].filter((t) => t % opts.every === 0);
  const param = (k: keyof SviParams) =>
    weekly.map((t) => svi[s][t] === null ? null : roundTo(svi[s][t]![k], opts.digits));
  return {
    expiryDays: opts.expiryDays,
    dates: weekly.map((t) => fits.dates[t]),
    a: param("a"),
    b: param("b"),
    rho: param("rho"),
    m: param("m"),
    sigma: param("sigma"),
  };
}
