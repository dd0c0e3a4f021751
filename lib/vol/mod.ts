/**
 * Option-surface engine: Black-76 implied volatility, option-chain cleaning
 * with put–call-parity forwards, SVI / SSVI / SABR smiles and their
 * calibration, static no-arbitrage diagnostics, and surface features
 * (ATM term structure, 25Δ risk reversal and butterfly, BKM risk-neutral
 * moments). Pure functions except the CSV loaders in `chain_load.ts`.
 *
 * @example
 * ```ts
 * import { bkmMoments, cboeRowsToQuotes, cleanChains, fitSvi, loadCboeEodCsv, sviTotalVariance } from "./mod.ts";
 * const rows = await loadCboeEodCsv(
 *   "data/raw/option-chain-samples/cboe-datashop-sample-2016-06-01/UnderlyingOptionsEODCalcs_2016-06-01.csv",
 * );
 * const { slices } = cleanChains(cboeRowsToQuotes(rows, "1545"));
 * const { quotes, forward, T } = slices[4];
 * const k = Float64Array.from(quotes, (q) => q.k);
 * const w = Float64Array.from(quotes, (q) => q.totalVariance);
 * const fit = fitSvi(k, w, undefined, { T });
 * const moments = bkmMoments((x) => sviTotalVariance(fit.params, x), forward, T);
 * ```
 * @module
 */
export {
  IMPLIED_VOL_STATUS,
  impliedVolBlack76,
  impliedVolBlack76Batch,
  impliedVolBlack76Result,
  type ImpliedVolResult,
  type ImpliedVolStatus,
  normalisedBlackOtm,
  normalisedImpliedStdDev,
} from "./implied_vol.ts";
export {
  cleanChain,
  type CleanChainOptions,
  type CleanChainResult,
  cleanChains,
  type CleanQuote,
  type DroppedQuote,
  type DropReason,
  type FailedSlice,
  type OptionQuote,
  type ParityFit,
} from "./chain.ts";
export * from "./chain_load.ts";
export * from "./svi.ts";
export { fitSvi, type FitSviOptions, type SviArbitrage, type SviFit } from "./fit_svi.ts";
export { type SsviParams, ssviPhi, ssviSliceToSvi, ssviTotalVariance, validateSsviParams } from "./ssvi.ts";
export { fitSsvi, type FitSsviOptions, type SsviFit, type SsviSliceInput } from "./fit_ssvi.ts";
export { type SabrParams, sabrVol, sabrVolArray, sabrVolUnchecked, validateSabrParams } from "./sabr.ts";
export { fitSabr, type FitSabrOptions, type SabrFit } from "./fit_sabr.ts";
export {
  butterflyCheck,
  butterflyCheckFn,
  type ButterflyReport,
  calendarCheck,
  type CalendarReport,
  type CalendarSlice,
  type CalendarViolation,
  durrlemanG,
  type KGrid,
  type LeeReport,
  leeWingCheck,
  type ViolationInterval,
} from "./arbitrage.ts";
export {
  atmVolTermStructure,
  butterfly25d,
  type DeltaQuotes,
  deltaStrike,
  riskReversal25d,
  smileDeltaQuotes,
  type TotalVarianceSmile,
} from "./features.ts";
export { bkmMoments, type BkmOptions, type BkmResult, type Moments } from "./bkm.ts";
export { nelderMead, type NelderMeadOptions, type NelderMeadResult } from "./nelder_mead.ts";
export {
  levenbergMarquardt,
  type LevenbergMarquardtOptions,
  type LevenbergMarquardtResult,
} from "./levenberg_marquardt.ts";
export * from "./smile_fit.ts";
export * from "./quoted_grid.ts";
export * from "./ssvi_rmse_vol.ts";
export * from "./smile_figure_data.ts";
export * from "./chain_sample_fits.ts";
