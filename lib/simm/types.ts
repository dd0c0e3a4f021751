/**
 * Vocabulary of the SIMM engine: product classes, risk classes, margin types, CRIF risk types and the
 * mapping between them.
 *
 * @example
 * ```ts
 * import { RISK_TYPE_INFO } from "./types.ts";
 * console.assert(RISK_TYPE_INFO.Risk_IRVol.riskClass === "InterestRate");
 * ```
 * @module
 */

/**
 * SIMM product classes.
 *
 * @example
 * ```ts
 * import type { ProductClass } from "./types.ts";
 * const pc: ProductClass = "RatesFX";
 * console.assert(pc === "RatesFX");
 * ```
 */
export type ProductClass = "RatesFX" | "Credit" | "Equity" | "Commodity";
/**
 * Product classes in reporting order.
 *
 * @example
 * ```ts
 * import { PRODUCT_CLASSES } from "./types.ts";
 * console.assert(PRODUCT_CLASSES.length === 4);
 * ```
 */
export const PRODUCT_CLASSES: readonly ProductClass[] = Object.freeze(["RatesFX", "Credit", "Equity", "Commodity"]);

/**
 * SIMM risk classes (names as in ORE's calibration files and output).
 *
 * @example
 * ```ts
 * import type { RiskClass } from "./types.ts";
 * const rc: RiskClass = "CreditQualifying";
 * console.assert(rc.startsWith("Credit"));
 * ```
 */
export type RiskClass = "InterestRate" | "CreditQualifying" | "CreditNonQualifying" | "Equity" | "Commodity" | "FX";
/**
 * Risk classes in reporting order (also the order of the ψ matrix).
 *
 * @example
 * ```ts
 * import { RISK_CLASSES } from "./types.ts";
 * console.assert(RISK_CLASSES.indexOf("FX") === 5);
 * ```
 */
export const RISK_CLASSES: readonly RiskClass[] = Object.freeze([
  "InterestRate",
  "CreditQualifying",
  "CreditNonQualifying",
  "Equity",
  "Commodity",
  "FX",
]);

/**
 * Margin types reported in the breakdown.
 *
 * @example
 * ```ts
 * import type { MarginType } from "./types.ts";
 * const mt: MarginType = "Curvature";
 * console.assert(mt === "Curvature");
 * ```
 */
export type MarginType = "Delta" | "Vega" | "Curvature" | "BaseCorr" | "AdditionalIM";
/**
 * Margin types in reporting order.
 *
 * @example
 * ```ts
 * import { MARGIN_TYPES } from "./types.ts";
 * console.assert(MARGIN_TYPES.includes("BaseCorr"));
 * ```
 */
export const MARGIN_TYPES: readonly MarginType[] = Object.freeze([
  "Delta",
  "Vega",
  "Curvature",
  "BaseCorr",
  "AdditionalIM",
]);

/**
 * CRIF risk types that carry sensitivities.
 *
 * @example
 * ```ts
 * import type { SensitivityRiskType } from "./types.ts";
 * const rt: SensitivityRiskType = "Risk_IRCurve";
 * console.assert(rt === "Risk_IRCurve");
 * ```
 */
export type SensitivityRiskType =
  | "Risk_IRCurve"
  | "Risk_Inflation"
  | "Risk_XCcyBasis"
  | "Risk_IRVol"
  | "Risk_InflationVol"
  | "Risk_CreditQ"
  | "Risk_CreditNonQ"
  | "Risk_BaseCorr"
  | "Risk_CreditVol"
  | "Risk_CreditVolNonQ"
  | "Risk_Equity"
  | "Risk_EquityVol"
  | "Risk_Commodity"
  | "Risk_CommodityVol"
  | "Risk_FX"
  | "Risk_FXVol";

/**
 * CRIF parameter rows (product-class multipliers and add-ons).
 *
 * @example
 * ```ts
 * import type { ParameterRiskType } from "./types.ts";
 * const rt: ParameterRiskType = "Notional";
 * console.assert(rt === "Notional");
 * ```
 */
export type ParameterRiskType =
  | "Param_ProductClassMultiplier"
  | "Param_AddOnNotionalFactor"
  | "Notional"
  | "Param_AddOnFixedAmount";

/**
 * Every CRIF risk type the engine accepts.
 *
 * @example
 * ```ts
 * import type { RiskType } from "./types.ts";
 * const rt: RiskType = "Param_AddOnFixedAmount";
 * console.assert(rt.startsWith("Param"));
 * ```
 */
export type RiskType = SensitivityRiskType | ParameterRiskType;

/**
 * What a sensitivity risk type feeds: its risk class and whether it is delta-like or vega-like.
 *
 * @example
 * ```ts
 * import { RISK_TYPE_INFO } from "./types.ts";
 * console.assert(RISK_TYPE_INFO.Risk_BaseCorr.kind === "basecorr");
 * ```
 */
export interface RiskTypeInfo {
  /** Risk class of the sensitivity. */
  readonly riskClass: RiskClass;
  /** "delta" rows feed delta margin, "vega" rows feed vega and curvature, "basecorr" the base-correlation margin. */
  readonly kind: "delta" | "vega" | "basecorr";
}

/**
 * Risk class and kind of every sensitivity risk type.
 *
 * @example
 * ```ts
 * import { RISK_TYPE_INFO } from "./types.ts";
 * console.assert(RISK_TYPE_INFO.Risk_CreditVolNonQ.riskClass === "CreditNonQualifying");
 * ```
 */
export const RISK_TYPE_INFO: Readonly<Record<SensitivityRiskType, RiskTypeInfo>> = Object.freeze(
  {
    Risk_IRCurve: { riskClass: "InterestRate", kind: "delta" },
    Risk_Inflation: { riskClass: "InterestRate", kind: "delta" },
    Risk_XCcyBasis: { riskClass: "InterestRate", kind: "delta" },
    Risk_IRVol: { riskClass: "InterestRate", kind: "vega" },
    Risk_InflationVol: { riskClass: "InterestRate", kind: "vega" },
    Risk_CreditQ: { riskClass: "CreditQualifying", kind: "delta" },
    Risk_BaseCorr: { riskClass: "CreditQualifying", kind: "basecorr" },
    Risk_CreditVol: { riskClass: "CreditQualifying", kind: "vega" },
    Risk_CreditNonQ: { riskClass: "CreditNonQualifying", kind: "delta" },
    Risk_CreditVolNonQ: { riskClass: "CreditNonQualifying", kind: "vega" },
    Risk_Equity: { riskClass: "Equity", kind: "delta" },
    Risk_EquityVol: { riskClass: "Equity", kind: "vega" },
    Risk_Commodity: { riskClass: "Commodity", kind: "delta" },
    Risk_CommodityVol: { riskClass: "Commodity", kind: "vega" },
    Risk_FX: { riskClass: "FX", kind: "delta" },
    Risk_FXVol: { riskClass: "FX", kind: "vega" },
  } as const,
);

/**
 * Parameter risk types.
 *
 * @example
 * ```ts
 * import { PARAMETER_RISK_TYPES } from "./types.ts";
 * console.assert(PARAMETER_RISK_TYPES.includes("Notional"));
 * ```
 */
export const PARAMETER_RISK_TYPES: readonly ParameterRiskType[] = Object.freeze([
  "Param_ProductClassMultiplier",
  "Param_AddOnNotionalFactor",
  "Notional",
  "Param_AddOnFixedAmount",
]);

/**
 * True when `s` is a sensitivity risk type.
 *
 * @example
 * ```ts
 * import { isSensitivityRiskType } from "./types.ts";
 * console.assert(isSensitivityRiskType("Risk_FX") && !isSensitivityRiskType("Notional"));
 * ```
 */
export function isSensitivityRiskType(s: string): s is SensitivityRiskType {
  return Object.hasOwn(RISK_TYPE_INFO, s);
}

/**
 * Margin period of risk in days: SIMM is calibrated for 10-day and 1-day horizons.
 *
 * @example
 * ```ts
 * import type { Mpor } from "./types.ts";
 * const h: Mpor = 10;
 * console.assert(h === 10);
 * ```
 */
export type Mpor = 1 | 10;

/**
 * The two sides of a SIMM calculation: IM to collect (call) and IM to post.
 *
 * @example
 * ```ts
 * import type { SimmSide } from "./types.ts";
 * const side: SimmSide = "Post";
 * console.assert(side === "Post");
 * ```
 */
export type SimmSide = "Call" | "Post";
