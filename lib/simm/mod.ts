/**
 * ISDA SIMM engine from CRIF: parse and validate CRIF text, load an ORE SIMM calibration (2.5, 2.5A,
 * 2.6, ...) as data, compute delta / vega / curvature / base-correlation margins with concentration,
 * product-class aggregation, multipliers, add-ons and regulations, report an ORE-style breakdown, and
 * give SIMM as a function of trade (or other unit) weights for `lib/attribution` (see
 * `lib/attribution/simm_attribution.ts`). File reading lives only in `load.ts`.
 *
 * Commercial or production use of ISDA SIMM requires a licence from ISDA.
 *
 * @example
 * ```ts
 * import { computeSimm, loadCalibration, loadCrif, simmTable } from "./mod.ts";
 * const report = computeSimm((await loadCrif("data/raw/simm/ore-example-2.6/crif.csv")).records, {
 *   calibration: await loadCalibration("2.6"),
 *   mpor: 10,
 *   calculationCurrency: "USD",
 * });
 * console.log(simmTable(report));
 * ```
 * @module
 */

export type { Crif, CrifRecord, ParseCrifOptions } from "./crif.ts";
export { CRIF_REGULATIONS, MAX_CRIF_AMOUNT, parseCrif, parseRegulations, parseStrictNumber } from "./crif.ts";
export { formatCrif } from "./format_crif.ts";
export { isIsoCurrency, ISO_CURRENCIES } from "./currencies.ts";
export type { UnknownQualifier } from "./unknown_qualifiers.ts";
export { unknownQualifiers } from "./unknown_qualifiers.ts";
export type { FxRate } from "./fx.ts";
export { convertSimmReport, fxRateFor, parseFxRateArg, parseFxRates } from "./fx.ts";
export type { SimmAttributionHook, SimmCliAttributionMethod, SimmCliIo } from "./cli.ts";
export { refuseSymlink, runSimmCli, SIMM_CLI_ATTRIBUTION_METHODS, SIMM_HELP } from "./cli.ts";
export type { MporWeights, ParamTable, RiskClassCalibration, SimmCalibration } from "./calibration.ts";
export { lookupParam, paramKey, parseSimmCalibration, selectCalibration } from "./calibration.ts";
export type { NetSensitivity, RiskClassMargin, SimmSettings } from "./risk_class_margin.ts";
export { riskClassMargin } from "./risk_class_margin.ts";
export type { SimmGroupResult, SimmParameters, SimmRow } from "./simm.ts";
export { computeSimmGroup, netSensitivities, simmParameters } from "./simm.ts";
export type { PortfolioSideResult, SideResult, SimmReport, SimmReportRow } from "./regulation.ts";
export { computeSimm, regulationGroups, reportRows } from "./regulation.ts";
export type { SimmJson } from "./report.ts";
export { simmCsv, simmJson, simmTable } from "./report.ts";
export { regulationBreakdownCsv } from "./regulation_breakdown.ts";
export type { SimmUnits } from "./simm_margin_function.ts";
export { simmMarginFunction } from "./simm_margin_function.ts";
export { DEFAULT_CALIBRATION_DIR, loadCalibration, loadCalibrations, loadCrif } from "./load.ts";
export type { PeerCombination, PeerInput } from "./peer_suite.ts";
export { parsePeerCombinations, parsePeerInputs, selectInputs } from "./peer_suite.ts";
export type { SyntheticCrifOptions } from "./synthetic_crif.ts";
export { syntheticCrif } from "./synthetic_crif.ts";
export type { DelimitedTable } from "./csv.ts";
export { detectDelimiter, parseDelimited } from "./csv.ts";
export { CREDIT_TENORS, IR_TENORS, irTenorIndex, tenorDays } from "./tenor.ts";
export type {
  MarginType,
  Mpor,
  ParameterRiskType,
  ProductClass,
  RiskClass,
  RiskType,
  RiskTypeInfo,
  SensitivityRiskType,
  SimmSide,
} from "./types.ts";
export {
  isSensitivityRiskType,
  MARGIN_TYPES,
  PARAMETER_RISK_TYPES,
  PRODUCT_CLASSES,
  RISK_CLASSES,
  RISK_TYPE_INFO,
} from "./types.ts";
