/**
 * SIMM calibration as data: parses ORE's `simmcalibration_<version>.xml` files (SIMM 2.5, 2.5A, 2.6, ...)
 * into typed parameter tables: risk weights for both margin periods of risk (10-day and 1-day),
 * historical volatility ratios, inflation / cross-currency-basis / base-correlation weights, intra- and
 * inter-bucket correlations, concentration thresholds, currency groups and the risk-class correlation
 * matrix ψ. No SIMM parameter is compiled into the engine; the version is always chosen by the caller
 * with {@link selectCalibration}.
 *
 * Tables are keyed by `bucket|label1|label2` (see {@link paramKey}); an absent attribute is "".
 *
 * @example
 * ```ts
 * import { parseSimmCalibration, paramKey } from "./calibration.ts";
 * const xml = await Deno.readTextFile("data/raw/simm/calibration/simmcalibration_2.6.xml");
 * const cal = parseSimmCalibration(xml, "simmcalibration_2.6.xml");
 * console.assert(cal.riskClasses.InterestRate.riskWeights[10].delta.get(paramKey("1", "2w")) === 109);
 * ```
 * @module
 */

import { XMLParser } from "fast-xml-parser";
import type { Mpor, RiskClass } from "./types.ts";
import { RISK_CLASSES } from "./types.ts";

/**
 * A parameter table keyed by {@link paramKey}.
 *
 * @example
 * ```ts
 * import { paramKey, type ParamTable } from "./calibration.ts";
 * const t: ParamTable = new Map([[paramKey("1", "2w"), 109]]);
 * console.assert(t.get("1|2w|") === 109);
 * ```
 */
export type ParamTable = ReadonlyMap<string, number>;

/**
 * Risk weights for one margin period of risk.
 *
 * @example
 * ```ts
 * import { loadCalibration } from "./load.ts";
 * const w = (await loadCalibration("2.6")).riskClasses.InterestRate.riskWeights[10];
 * console.assert(w.hvr === 0.47);
 * ```
 */
export interface MporWeights {
  /** Delta risk weights by bucket / label1 / label2. */
  readonly delta: ParamTable;
  /** Vega risk weights (single value under key `||`, or per bucket). */
  readonly vega: ParamTable;
  /** Historical volatility ratio, where the risk class has one. */
  readonly hvr?: number;
  /** Inflation delta risk weight (interest rate only). */
  readonly inflation?: number;
  /** Cross-currency basis delta risk weight (interest rate only). */
  readonly xccyBasis?: number;
  /** Base-correlation risk weight (credit qualifying only). */
  readonly baseCorrelation?: number;
}

/**
 * Calibration of one risk class.
 *
 * @example
 * ```ts
 * import { loadCalibration } from "./load.ts";
 * const fx = (await loadCalibration("2.6")).riskClasses.FX;
 * console.assert(fx.correlationScalars.get("Volatility") === 0.5);
 * ```
 */
export interface RiskClassCalibration {
  /** Risk weights by MPOR. */
  readonly riskWeights: Readonly<Record<Mpor, MporWeights>>;
  /** Currency → risk-weight group (IR volatility group, FX volatility group); key "Other" for the rest. */
  readonly riskWeightCurrencyGroups: ReadonlyMap<string, string>;
  /** Intra-bucket correlations. */
  readonly intraBucket: ParamTable;
  /** Inter-bucket correlations. */
  readonly interBucket: ParamTable;
  /** Scalar correlations (SubCurves, Inflation, XCcyBasis, Outer, BaseCorrelation, Volatility). */
  readonly correlationScalars: ReadonlyMap<string, number>;
  /** Delta concentration thresholds (USD millions per unit of sensitivity). */
  readonly deltaThresholds: ParamTable;
  /** Vega concentration thresholds (USD millions). */
  readonly vegaThresholds: ParamTable;
  /** Currency → concentration-threshold group; key "Other" for the rest. */
  readonly thresholdCurrencyGroups: ReadonlyMap<string, string>;
}

/**
 * A complete SIMM parameter set.
 *
 * @example
 * ```ts
 * import { loadCalibration } from "./load.ts";
 * console.assert((await loadCalibration("2.5")).effectiveDate === "2022-12-03");
 * ```
 */
export interface SimmCalibration {
  /** Source file name. */
  readonly file: string;
  /** Calibration id attribute. */
  readonly id: string;
  /** Version names this calibration answers to (e.g. ["2.5.6", "2.6", "latest"]). */
  readonly versionNames: readonly string[];
  /** SIMM effective date (ISO), "" when absent. */
  readonly effectiveDate: string;
  /** Per risk class. */
  readonly riskClasses: Readonly<Record<RiskClass, RiskClassCalibration>>;
  /** Risk-class correlation ψ keyed by `riskClassA|riskClassB|`. */
  readonly riskClassCorrelations: ParamTable;
}

/**
 * Key of a parameter table entry.
 *
 * @example
 * ```ts
 * import { paramKey } from "./calibration.ts";
 * console.assert(paramKey("1", "2w") === "1|2w|");
 * ```
 */
export function paramKey(bucket = "", label1 = "", label2 = ""): string {
  return `${bucket}|${label1}|${label2}`;
}

type XmlNode = Record<string, unknown>;

const ARRAY_TAGS = new Set([
  "SIMMCalibration",
  "Name",
  "Delta",
  "Vega",
  "HistoricalVolatilityRatio",
  "Inflation",
  "XCcyBasis",
  "BaseCorrelation",
  "Weight",
  "Correlation",
  "Threshold",
  "Currency",
]);

function asArray(v: unknown): unknown[] {
  if (v === undefined || v === null) return [];
  return Array.isArray(v) ? v : [v];
}

function textOf(v: unknown): string {
  if (typeof v === "string" || typeof v === "number") return String(v).trim();
  if (v !== null && typeof v === "object" && "#text" in (v as XmlNode)) return String((v as XmlNode)["#text"]).trim();
  return "";
}

function attr(v: unknown, name: string): string {
  if (v !== null && typeof v === "object") {
    const a = (v as XmlNode)[`@_${name}`];
    return a === undefined ? "" : String(a).trim();
  }
  return "";
}

function num(v: unknown, file: string, where: string): number {
  const t = textOf(v);
  const x = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/.test(t) ? Number(t) : NaN;
  if (!Number.isFinite(x)) throw new TypeError(`${file}: ${where}: expected a number, got "${t}"`);
  return x;
}

function child(node: unknown, name: string): XmlNode | undefined {
  if (node === null || typeof node !== "object") return undefined;
  const c = (node as XmlNode)[name];
  const first = asArray(c)[0];
  if (first === undefined) return undefined;
  return typeof first === "object" ? first as XmlNode : { "#text": first };
}

function table(node: unknown, itemTag: string, file: string, where: string): Map<string, number> {
  const out = new Map<string, number>();
  if (node === undefined || node === null || typeof node !== "object") return out;
  for (const item of asArray((node as XmlNode)[itemTag])) {
    const key = paramKey(attr(item, "bucket"), attr(item, "label1"), attr(item, "label2"));
    if (out.has(key)) throw new RangeError(`${file}: ${where}: duplicate entry ${key}`);
    out.set(key, num(item, file, `${where} ${key}`));
  }
  return out;
}

function currencyGroups(node: unknown): Map<string, string> {
  const out = new Map<string, string>();
  for (const c of asArray((node as XmlNode | undefined)?.["Currency"])) out.set(textOf(c), attr(c, "bucket"));
  return out;
}

function byMpor(nodes: unknown[], mpor: Mpor): unknown | undefined {
  return nodes.find((n) => attr(n, "mporDays") === String(mpor));
}

function parseRiskClass(node: XmlNode, rc: RiskClass, file: string): RiskClassCalibration {
  const rw = child(node, "RiskWeights");
  if (rw === undefined) throw new TypeError(`${file}: ${rc}: missing <RiskWeights>`);
  const weights = {} as Record<Mpor, MporWeights>;
  for (const mpor of [10, 1] as const) {
    const delta = byMpor(asArray(rw["Delta"]), mpor);
    const vega = byMpor(asArray(rw["Vega"]), mpor);
    if (delta === undefined) throw new TypeError(`${file}: ${rc}: missing <Delta mporDays="${mpor}">`);
    const scalar = (tag: string) => {
      const n = byMpor(asArray(rw[tag]), mpor);
      return n === undefined ? undefined : num(n, file, `${rc} ${tag} mporDays=${mpor}`);
    };
    weights[mpor] = {
      delta: table(delta, "Weight", file, `${rc} Delta mporDays=${mpor}`),
      vega: table(vega, "Weight", file, `${rc} Vega mporDays=${mpor}`),
      hvr: scalar("HistoricalVolatilityRatio"),
      inflation: scalar("Inflation"),
      xccyBasis: scalar("XCcyBasis"),
      baseCorrelation: scalar("BaseCorrelation"),
    };
  }
  const corr = child(node, "Correlations") ?? {};
  const scalars = new Map<string, number>();
  for (const tag of ["SubCurves", "Inflation", "XCcyBasis", "Outer", "BaseCorrelation", "Volatility"]) {
    const c = (corr as XmlNode)[tag];
    if (c !== undefined) scalars.set(tag, num(asArray(c)[0], file, `${rc} Correlations ${tag}`));
  }
  const ct = child(node, "ConcentrationThresholds") ?? {};
  return {
    riskWeights: weights,
    riskWeightCurrencyGroups: currencyGroups(child(rw, "CurrencyLists")),
    intraBucket: table(child(corr, "IntraBucket"), "Correlation", file, `${rc} IntraBucket`),
    interBucket: table(child(corr, "InterBucket"), "Correlation", file, `${rc} InterBucket`),
    correlationScalars: scalars,
    deltaThresholds: table(child(ct, "Delta"), "Threshold", file, `${rc} Delta thresholds`),
    vegaThresholds: table(child(ct, "Vega"), "Threshold", file, `${rc} Vega thresholds`),
    thresholdCurrencyGroups: currencyGroups(child(ct, "CurrencyLists")),
  };
}

/**
 * Parse one ORE SIMM calibration XML text.
 *
 * @param xml the file contents
 * @param file name for error messages
 * @throws {TypeError} on malformed XML, a missing section or a non-numeric parameter
 * @example
 * ```ts
 * import { parseSimmCalibration } from "./calibration.ts";
 * const xml = await Deno.readTextFile("data/raw/simm/calibration/simmcalibration_2.5.xml");
 * console.assert(parseSimmCalibration(xml, "2.5.xml").versionNames.includes("2.5"));
 * ```
 */
export function parseSimmCalibration(xml: string, file = "<calibration>"): SimmCalibration {
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: "@_",
    parseTagValue: false,
    parseAttributeValue: false,
    isArray: (name: string) => ARRAY_TAGS.has(name),
  });
  let doc: XmlNode;
  try {
    doc = parser.parse(xml, true) as XmlNode;
  } catch (e) {
    throw new TypeError(`${file}: not a well-formed XML document: ${(e as Error).message}`);
  }
  const root = doc["SIMMCalibrationData"] as XmlNode | undefined;
  const cal = asArray(root?.["SIMMCalibration"])[0] as XmlNode | undefined;
  if (cal === undefined) throw new TypeError(`${file}: no <SIMMCalibrationData><SIMMCalibration> element`);
  const versionNames = asArray(child(cal, "VersionNames")?.["Name"]).map(textOf).filter((s) => s !== "");
  if (versionNames.length === 0) throw new TypeError(`${file}: <VersionNames> is empty`);
  const riskClasses = {} as Record<RiskClass, RiskClassCalibration>;
  for (const rc of RISK_CLASSES) {
    const node = child(cal, rc);
    if (node === undefined) throw new TypeError(`${file}: missing <${rc}> section`);
    riskClasses[rc] = parseRiskClass(node, rc, file);
  }
  const psi = table(child(cal, "RiskClassCorrelations"), "Correlation", file, "RiskClassCorrelations");
  const riskClassCorrelations = new Map<string, number>();
  for (const [k, v] of psi) {
    const [, a, b] = k.split("|");
    riskClassCorrelations.set(paramKey(a, b), v);
  }
  return {
    file,
    id: attr(cal, "id"),
    versionNames,
    effectiveDate: textOf(child(cal, "AdditionalFields")?.["SIMM_EffectiveDate"]),
    riskClasses,
    riskClassCorrelations,
  };
}

/**
 * Pick the calibration whose version names include `version` (e.g. "2.5", "2.5A", "2.6"); for an alias
 * shared by several files (ORE marks every file "latest") the newest effective date wins.
 *
 * @throws {RangeError} when no calibration answers to the version (the message lists the known ones)
 * @example
 * ```ts
 * import { parseSimmCalibration, selectCalibration } from "./calibration.ts";
 * const xml = await Deno.readTextFile("data/raw/simm/calibration/simmcalibration_2.6.xml");
 * console.assert(selectCalibration([parseSimmCalibration(xml)], "2.6").versionNames.includes("2.6"));
 * ```
 */
export function selectCalibration(calibrations: readonly SimmCalibration[], version: string): SimmCalibration {
  const v = version.trim();
  const hits = calibrations.filter((c) => c.versionNames.includes(v));
  if (hits.length === 0) {
    const known = [...new Set(calibrations.flatMap((c) => c.versionNames))].join(", ");
    throw new RangeError(`unknown SIMM version "${version}" (known: ${known})`);
  }
  // several files may answer to an alias such as "latest": take the newest effective date
  return hits.reduce((a, b) => (b.effectiveDate > a.effectiveDate ? b : a));
}

/**
 * Look a parameter up, or throw a RangeError naming the table, key and calibration.
 *
 * @example
 * ```ts
 * import { lookupParam, paramKey } from "./calibration.ts";
 * console.assert(lookupParam(new Map([[paramKey("1"), 2]]), "demo", paramKey("1")) === 2);
 * ```
 */
export function lookupParam(tableIn: ParamTable, what: string, key: string): number {
  const v = tableIn.get(key);
  if (v === undefined) throw new RangeError(`SIMM calibration has no ${what} for key "${key}"`);
  return v;
}
