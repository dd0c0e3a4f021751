/**
 * e02 — the two feature frames and the option-surface engine behind them.
 *
 * Real track: the crude feature frame from the d01 panel; summary statistics of every feature over a window and
 * correlations, including with the realized vol of the *next* `forwardVolWindow` days (an analysis column that
 * looks forward). Real option quotes: the one-day Cboe VIX options sample (2016-06-01), cleaned and fitted slice by
 * slice with raw SVI and SABR, with arbitrage flags, a calendar check and one SSVI surface (`chainSampleFits`).
 * Synthetic track: a seeded market with daily option chains, every slice of every day fitted the same way
 * (`syntheticSurfaceFits`); its feature frame is summarized and correlated with the oracle multiplier q*_t / IM_t
 * (q*: the true conditional `imTau` quantile of the `mpor`-day loss of one long contract; IM: HS VaR over
 * `lookback` days) and with the scale-free oracle q*_t / (contract · F_t).
 * @module
 */
import { runStage } from "../../../lib/pipeline/harness.ts";
import { loadSums, readVerified } from "../../../lib/data/load.ts";
import { readCrudePanel } from "../../../lib/data/read_crude_panel.ts";
import { createPrng } from "../../../lib/core/prng.ts";
import { roundTo } from "../../../lib/core/round_to.ts";
import { generateSyntheticMarket } from "../../../lib/market/synthetic_market.ts";
import { oracleMultiplier } from "../../../lib/targets/oracle_multiplier.ts";
import { cboeRowsToQuotes, parseCboeEodCsv } from "../../../lib/vol/chain_load.ts";
import { chainSampleFits } from "../../../lib/vol/chain_sample_fits.ts";
import { buildCrudeFeatures } from "../../../lib/features/crude_features.ts";
import { buildSyntheticFeatures } from "../../../lib/features/synthetic_features.ts";
import { featureFigureSeries, featureFrameReport } from "../../../lib/features/feature_frame_report.ts";
import { featureOracleReport } from "../../../lib/features/feature_oracle_report.ts";
import { requireFeature } from "../../../lib/features/require_feature.ts";
import { sviParamSeries, syntheticSurfaceFits } from "../../../lib/features/synthetic_surface_fits.ts";
import type { Metrics, Params, Series } from "./outputs.ts";

/** The vendored VIX options sample (listed in stage.json `data`). */
const VIX_FILE =
  "data/raw/option-chain-samples/cboe-datashop-sample-2016-06-01/UnderlyingOptionsEODCalcs_2016-06-01.csv";

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
    imTau: { type: "number", min: 0.5, max: 0.9999 },
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
    const p = ctx.params, d = p.seriesDigits;
    if (!(p.vixCalendarKMax > p.vixCalendarKMin) || !(p.calendarKMax > p.calendarKMin)) {
      throw new RangeError(`params: calendar grids need kMin < kMax`);
    }
    const t0 = performance.now();

    const crudeFrame = buildCrudeFeatures(await readCrudePanel(ctx));
    const window = { from: p.crudeFrom, to: p.crudeTo };
    const crude = featureFrameReport(crudeFrame, {
      ...window,
      forwardVolWindow: p.forwardVolWindow,
      corr: p.crudeCorr,
      label: "crude frame",
    });
    const crudeSeries = featureFigureSeries(crudeFrame, {
      ...window,
      names: p.crudeFigure,
      every: p.figureEvery,
      digits: d,
      label: "params crudeFigure",
    });
    ctx.log(`crude frame: ${crude.features} features, ${crude.window.rows} rows in the window`);

    const { text, sha256 } = await readVerified(ctx.root, VIX_FILE, await loadSums(ctx.root));
    const rows = parseCboeEodCsv(text, VIX_FILE);
    const { figure: vixSmile, ...vixFits } = chainSampleFits(cboeRowsToQuotes(rows, p.vixSession), {
      maxRelSpread: p.vixMaxRelSpread,
      fitWeighting: p.fitWeighting,
      sabrBeta: p.sabrBeta,
      rhoBoundAbs: p.rhoBoundAbs,
      calendarGrid: { kMin: p.vixCalendarKMin, kMax: p.vixCalendarKMax, n: p.calendarGridN },
      figureExpiries: p.vixFigureExpiries,
      smileGridN: p.smileGridN,
      digits: d,
      label: "VIX",
      log: ctx.log,
    });

    const market = generateSyntheticMarket(p.synthSeed, { days: p.synthDays });
    ctx.log(`synthetic market: ${market.dates.length} days, seed ${p.synthSeed}`);
    const { report: fits, svi } = syntheticSurfaceFits(market.chains, {
      fitWeighting: p.fitWeighting,
      sabrBeta: p.sabrBeta,
      rhoBoundAbs: p.rhoBoundAbs,
      calendarGrid: { kMin: p.calendarKMin, kMax: p.calendarKMax, n: p.calendarGridN },
      ssviEvery: p.ssviEvery,
    });
    ctx.log(`synthetic fits: ${fits.slicesFitted} slices, SVI mean RMSE ${fits.all.sviRmseVolPts.mean?.toFixed(2)}`);
    const frame = buildSyntheticFeatures(market, { surface: { sabrBeta: p.sabrBeta } });
    const oracle = oracleMultiplier(market, createPrng(p.synthSeed * 31 + 1), {
      mpor: p.mpor,
      position: 1,
      tau: p.imTau,
      lookback: p.lookback,
      contractSize: p.contractBbl,
      paths: p.oraclePaths,
    });
    const features = featureOracleReport(frame, oracle, {
      forwardVolWindow: p.forwardVolWindow,
      corr: p.synthCorr,
      label: "synthetic frame",
    });
    const svis = sviParamSeries(svi, { expiryDays: fits.expiryDays, dates: market.dates }, {
      expiryDays: p.sviFigureExpiryDays,
      every: p.figureEvery,
      digits: d,
    });
    const atm = requireFeature(frame, `atm_vol_${p.sviFigureExpiryDays}d`, "synthetic frame");

    const metrics: Metrics = {
      vix: { file: VIX_FILE, sha256, quoteDate: rows[0]?.quoteDate ?? null, session: p.vixSession, ...vixFits },
      synthetic: { fits: { ...fits, seed: p.synthSeed }, features },
      crude,
    };
    const series: Series = {
      vixSmile,
      synthSvi: { ...svis, atmVol: svis.dates.map((_, i) => roundTo(atm[i * p.figureEvery], d)) },
      crude: crudeSeries,
    };
    ctx.log(`done in ${((performance.now() - t0) / 1000).toFixed(1)}s`);
    return { [`metrics.${ctx.profile}.json`]: metrics, [`series.${ctx.profile}.json`]: series };
  },
});
