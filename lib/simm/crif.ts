/**
 * CRIF (Common Risk Interchange Format) reader: turns CSV text into validated {@link CrifRecord}s.
 * Every data line is checked; a bad line raises an error `file:line:column: column NAME value "…": why`
 * (column = 1-based field number). Amounts are capped at {@link MAX_CRIF_AMOUNT}; regulation names must
 * be in {@link CRIF_REGULATIONS}.
 * Nothing is skipped silently. Pure: the caller passes the text (see `load.ts` for file reading).
 *
 * Columns (matched case-insensitively, `_` and spaces ignored): ProductClass, RiskType, Qualifier,
 * Bucket, Label1, Label2, Amount, AmountCurrency (required); AmountUSD, TradeID, PortfolioID/Portfolio,
 * CollectRegulations, PostRegulations (optional). Other columns are ignored. Without AmountUSD the
 * amount is taken as USD and AmountCurrency must then be USD (or empty on multiplier/factor rows).
 * Without regulation columns, or with an empty cell, a record has no regulation.
 *
 * @example
 * ```ts
 * import { parseCrif } from "./crif.ts";
 * const crif = parseCrif(
 *   "ProductClass,RiskType,Qualifier,Bucket,Label1,Label2,Amount,AmountCurrency,AmountUSD\n" +
 *     "RatesFX,Risk_IRCurve,USD,1,5y,OIS,1000,USD,1000\n",
 *   { file: "demo.csv" },
 * );
 * console.assert(crif.records[0].amountUsd === 1000);
 * ```
 * @module
 */

import { parseDelimited } from "./csv.ts";
import { CREDIT_TENORS, IR_TENORS, tenorDays } from "./tenor.ts";
import { isSensitivityRiskType, PARAMETER_RISK_TYPES, PRODUCT_CLASSES } from "./types.ts";
import type { ProductClass, RiskType } from "./types.ts";

/**
 * One validated CRIF line.
 *
 * @example
 * ```ts
 * import { parseCrif } from "./crif.ts";
 * const [r] = parseCrif("ProductClass,RiskType,Qualifier,Bucket,Label1,Label2,Amount,AmountCurrency\nRatesFX,Risk_FX,EUR,,,,5,USD").records;
 * console.assert(r.line === 2 && r.amountUsd === 5);
 * ```
 */
export interface CrifRecord {
  /** Source file name (for messages). */
  readonly file: string;
  /** 1-based line number in the source file. */
  readonly line: number;
  /** Trade id ("" when absent). */
  readonly tradeId: string;
  /** Portfolio id ("" when absent). */
  readonly portfolio: string;
  /** Product class; "" on parameter rows. */
  readonly productClass: ProductClass | "";
  /** Risk type. */
  readonly riskType: RiskType;
  /** Qualifier (currency, issuer, index, product name, ...). */
  readonly qualifier: string;
  /** Bucket ("" when not applicable); "Residual" spelled canonically. */
  readonly bucket: string;
  /** Label1 (tenor), lower-cased for tenors. */
  readonly label1: string;
  /** Label2 (sub-curve, ...). */
  readonly label2: string;
  /** Amount in AmountCurrency. */
  readonly amount: number;
  /** ISO currency of Amount ("" on multiplier / factor rows). */
  readonly amountCurrency: string;
  /** Amount in USD (the calculation currency). */
  readonly amountUsd: number;
  /** Collect regulations ([] = no regulation). */
  readonly collectRegulations: readonly string[];
  /** Post regulations ([] = no regulation). */
  readonly postRegulations: readonly string[];
}

/**
 * A parsed CRIF file.
 *
 * @example
 * ```ts
 * import { parseCrif } from "./crif.ts";
 * console.assert(!parseCrif("ProductClass,RiskType,Qualifier,Bucket,Label1,Label2,Amount,AmountCurrency\n").hasRegulations);
 * ```
 */
export interface Crif {
  /** Source name. */
  readonly file: string;
  /** Validated records in file order. */
  readonly records: readonly CrifRecord[];
  /** Whether the file had collect / post regulation columns. */
  readonly hasRegulations: boolean;
}

/**
 * Options for {@link parseCrif}.
 *
 * @example
 * ```ts
 * import { parseCrif } from "./crif.ts";
 * const c = parseCrif("ProductClass|RiskType|Qualifier|Bucket|Label1|Label2|Amount|AmountCurrency\n", { file: "x.txt", delimiter: "|" });
 * console.assert(c.file === "x.txt");
 * ```
 */
export interface ParseCrifOptions {
  /** File name used in error messages (default "<crif>"). */
  readonly file?: string;
  /** Field delimiter; detected from the header when omitted (comma, tab or pipe). */
  readonly delimiter?: string;
  /** Regulation names accepted in CollectRegulations / PostRegulations (default {@link CRIF_REGULATIONS}). */
  readonly regulations?: readonly string[];
}

/**
 * Regulation names accepted in a CRIF's CollectRegulations / PostRegulations cells (ORE's list).
 *
 * @example
 * ```ts
 * import { CRIF_REGULATIONS } from "./crif.ts";
 * console.assert(CRIF_REGULATIONS.includes("ESA") && !CRIF_REGULATIONS.includes("ZZZ"));
 * ```
 */
export const CRIF_REGULATIONS: readonly string[] = [
  "AMFQ",
  "APRA",
  "BACEN",
  "BANX",
  "CFTC",
  "ESA",
  "Excluded",
  "FINMA",
  "HKMA",
  "Included",
  "JFSA",
  "KFSC",
  "MAS",
  "NONREG",
  "OJK",
  "OSFI",
  "RBI",
  "SANT",
  "SEC",
  "SEC-unseg",
  "SFC",
  "UK",
  "Unspecified",
  "USPR",
];

/**
 * Largest |Amount| or |AmountUSD| a CRIF line may carry (1e15 in any currency). Larger amounts are refused
 * with the line and column: beyond it the SIMM aggregation (squares of concentration-scaled weighted
 * sensitivities) can overflow to Infinity.
 *
 * @example
 * ```ts
 * import { MAX_CRIF_AMOUNT } from "./crif.ts";
 * console.assert(MAX_CRIF_AMOUNT === 1e15);
 * ```
 */
export const MAX_CRIF_AMOUNT = 1e15;

const COLUMN_ALIASES: Readonly<Record<string, string>> = {
  tradeid: "TradeID",
  portfolioid: "PortfolioID",
  portfolio: "PortfolioID",
  productclass: "ProductClass",
  risktype: "RiskType",
  qualifier: "Qualifier",
  bucket: "Bucket",
  label1: "Label1",
  label2: "Label2",
  amount: "Amount",
  amountcurrency: "AmountCurrency",
  amountusd: "AmountUSD",
  collectregulations: "CollectRegulations",
  postregulations: "PostRegulations",
};
const REQUIRED = ["ProductClass", "RiskType", "Qualifier", "Bucket", "Label1", "Label2", "Amount", "AmountCurrency"];

const NUMBER_RE = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const CCY_RE = /^[A-Z]{3}$/;

const IR_RANGE = { max: 3, residual: false, empty: true };
const TWELVE_RANGE = { max: 12, residual: true, empty: false };
const CRNQ_RANGE = { max: 2, residual: true, empty: false };
const CM_RANGE = { max: 17, residual: false, empty: false };

function bucketRange(riskType: string): { max: number; residual: boolean; empty: boolean } | null {
  switch (riskType) {
    case "Risk_IRCurve":
    case "Risk_Inflation":
    case "Risk_XCcyBasis":
    case "Risk_IRVol":
    case "Risk_InflationVol":
      return IR_RANGE;
    case "Risk_CreditQ":
    case "Risk_CreditVol":
    case "Risk_Equity":
    case "Risk_EquityVol":
      return TWELVE_RANGE;
    case "Risk_CreditNonQ":
    case "Risk_CreditVolNonQ":
      return CRNQ_RANGE;
    case "Risk_Commodity":
    case "Risk_CommodityVol":
      return CM_RANGE;
    default:
      return null; // must be empty
  }
}

/**
 * Parse a number the strict way: decimal literal only (no "", no thousands separators, no NaN).
 *
 * @example
 * ```ts
 * import { parseStrictNumber } from "./crif.ts";
 * console.assert(parseStrictNumber("1e3") === 1000 && Number.isNaN(parseStrictNumber("1,000")));
 * ```
 */
export function parseStrictNumber(s: string): number {
  const t = s.trim();
  return NUMBER_RE.test(t) ? Number(t) : NaN;
}

/**
 * Split a regulation cell ("ESA,USPR", "[ESA, USPR]", "") into names; "" gives [].
 *
 * @example
 * ```ts
 * import { parseRegulations } from "./crif.ts";
 * console.assert(parseRegulations("[ESA, USPR]").join("|") === "ESA|USPR");
 * ```
 */
export function parseRegulations(cell: string): string[] {
  const t = cell.trim().replace(/^\[/, "").replace(/\]$/, "");
  if (t === "") return [];
  const out: string[] = [];
  for (const part of t.split(",")) {
    const r = part.trim();
    if (r !== "" && !out.includes(r)) out.push(r);
  }
  return out;
}

/**
 * Parse and validate a CRIF file's text.
 *
 * @throws {TypeError} on a missing required column, a malformed or missing currency, a non-numeric amount
 * @throws {RangeError} on an unknown risk type or product class, a bucket out of range, a bad tenor
 * @example
 * ```ts
 * import { parseCrif } from "./crif.ts";
 * try {
 *   parseCrif("ProductClass,RiskType,Qualifier,Bucket,Label1,Label2,Amount,AmountCurrency\nRatesFX,Risk_Foo,USD,,,,1,USD", { file: "x.csv" });
 * } catch (e) {
 *   console.assert(String(e).includes("x.csv:2"));
 * }
 * ```
 */
export function parseCrif(text: string, options: ParseCrifOptions = {}): Crif {
  const file = options.file ?? "<crif>";
  const table = parseDelimited(text, options.delimiter, file);
  const col = new Map<string, number>();
  table.header.forEach((h, i) => {
    const canonical = COLUMN_ALIASES[h.toLowerCase().replace(/[\s_]/g, "")];
    if (canonical !== undefined) {
      if (col.has(canonical)) throw new TypeError(`${file}:1: duplicate column "${h}" (${canonical})`);
      col.set(canonical, i);
    }
  });
  for (const r of REQUIRED) {
    if (!col.has(r)) {
      throw new TypeError(`${file}:1: missing required CRIF column "${r}" (header: ${table.header.join(", ")})`);
    }
  }
  const hasRegulations = col.has("CollectRegulations") || col.has("PostRegulations");
  const records: CrifRecord[] = [];
  const nCols = table.header.length;
  const iPc = col.get("ProductClass")!, iRt = col.get("RiskType")!, iQ = col.get("Qualifier")!;
  const iB = col.get("Bucket")!, iL1 = col.get("Label1")!, iL2 = col.get("Label2")!;
  const iA = col.get("Amount")!, iCcy = col.get("AmountCurrency")!;
  const iUsd = col.get("AmountUSD"), iTrade = col.get("TradeID"), iPf = col.get("PortfolioID");
  const iColl = col.get("CollectRegulations"), iPost = col.get("PostRegulations");
  let line = 0;
  const where = (column: string, value: string) => {
    const c = col.get(column); // absent for an optional column the file does not have
    return `${file}:${line}${c === undefined ? "" : `:${c + 1}`}: column ${column} value ${JSON.stringify(value)}`;
  };
  const allowed = options.regulations ?? CRIF_REGULATIONS;
  const regulationsOf = (column: string, cell: string) => {
    const regs = parseRegulations(cell);
    for (const reg of regs) {
      if (!allowed.includes(reg)) {
        throw new RangeError(
          `${where(column, cell)}: unknown regulation ${JSON.stringify(reg)} (one of ${allowed.join(", ")})`,
        );
      }
    }
    return regs;
  };
  const capped = (column: string, raw: string, x: number) => {
    if (Math.abs(x) > MAX_CRIF_AMOUNT) {
      throw new RangeError(
        `${where(column, raw)}: |amount| exceeds ${
          MAX_CRIF_AMOUNT.toExponential().replace("e+", "e")
        } (the cap on CRIF amounts)`,
      );
    }
    return x;
  };
  for (let r = 0; r < table.rows.length; r++) {
    const row = table.rows[r];
    line = table.lines[r];

    if (row.length !== nCols) {
      throw new TypeError(`${file}:${line}: expected ${nCols} fields as in the header, got ${row.length}`);
    }
    const riskTypeRaw = row[iRt].trim();
    const isParam = (PARAMETER_RISK_TYPES as readonly string[]).includes(riskTypeRaw);
    if (!isParam && !isSensitivityRiskType(riskTypeRaw)) {
      throw new RangeError(`${where("RiskType", riskTypeRaw)}: unknown risk type`);
    }
    const riskType = riskTypeRaw as RiskType;
    const pcRaw = row[iPc].trim();
    let productClass: ProductClass | "" = "";
    if (isParam) {
      if (pcRaw !== "" && pcRaw !== "Empty" && !(PRODUCT_CLASSES as readonly string[]).includes(pcRaw)) {
        throw new RangeError(`${where("ProductClass", pcRaw)}: unknown product class`);
      }
      productClass = (PRODUCT_CLASSES as readonly string[]).includes(pcRaw) ? pcRaw as ProductClass : "";
    } else {
      if (!(PRODUCT_CLASSES as readonly string[]).includes(pcRaw)) {
        throw new RangeError(
          `${where("ProductClass", pcRaw)}: unknown product class (expected one of ${PRODUCT_CLASSES.join(", ")})`,
        );
      }
      productClass = pcRaw as ProductClass;
    }
    const qualifier = row[iQ].trim();
    let bucket = row[iB].trim();
    let label1 = row[iL1].trim();
    const label2 = row[iL2].trim();
    // amount
    const amountRaw = row[iA];
    const amount = parseStrictNumber(amountRaw);
    if (!Number.isFinite(amount)) throw new TypeError(`${where("Amount", amountRaw)}: not a finite number`);
    capped("Amount", amountRaw, amount);
    const ccy = row[iCcy].trim();
    const ccyOptional = riskType === "Param_ProductClassMultiplier" || riskType === "Param_AddOnNotionalFactor";
    if (ccy === "" ? !ccyOptional : !CCY_RE.test(ccy)) {
      throw new TypeError(`${where("AmountCurrency", ccy)}: missing or malformed currency (expected ISO code)`);
    }
    let amountUsd: number;
    const usdRaw = iUsd === undefined ? "" : row[iUsd];
    if (usdRaw.trim() !== "") {
      amountUsd = parseStrictNumber(usdRaw);
      if (!Number.isFinite(amountUsd)) throw new TypeError(`${where("AmountUSD", usdRaw)}: not a finite number`);
      capped("AmountUSD", usdRaw, amountUsd);
    } else if (ccy === "USD" || ccy === "") {
      amountUsd = amount;
    } else {
      throw new TypeError(
        `${where("AmountUSD", usdRaw)}: AmountUSD is required when AmountCurrency is ${ccy} (no FX conversion)`,
      );
    }
    // qualifier, bucket and labels by risk type
    if (qualifier === "" && riskType !== "Param_AddOnFixedAmount") {
      throw new TypeError(`${where("Qualifier", qualifier)}: qualifier is required for ${riskType}`);
    }
    if (riskType === "Param_ProductClassMultiplier") {
      if (!(PRODUCT_CLASSES as readonly string[]).includes(qualifier)) {
        throw new RangeError(`${where("Qualifier", qualifier)}: multiplier qualifier must be a product class`);
      }
      if (!(amount > 0)) throw new RangeError(`${where("Amount", amountRaw)}: multiplier must be positive`);
    }
    const range = bucketRange(riskType);
    if (range === null) {
      if (bucket !== "") throw new RangeError(`${where("Bucket", bucket)}: ${riskType} takes no bucket`);
    } else if (bucket === "") {
      if (!range.empty) throw new RangeError(`${where("Bucket", bucket)}: bucket is required for ${riskType}`);
    } else if (range.residual && bucket.toLowerCase() === "residual") {
      bucket = "Residual";
    } else {
      const b = Number(bucket);
      if (!/^\d+$/.test(bucket) || b < 1 || b > range.max) {
        throw new RangeError(
          `${where("Bucket", bucket)}: bucket out of range for ${riskType} (1..${range.max}${
            range.residual ? " or Residual" : ""
          })`,
        );
      }
      bucket = String(b);
    }
    if (riskType === "Risk_IRCurve" || riskType === "Risk_CreditQ" || riskType === "Risk_CreditNonQ") {
      const tenors = riskType === "Risk_IRCurve" ? IR_TENORS : CREDIT_TENORS;
      label1 = label1.toLowerCase();
      if (!tenors.includes(label1)) {
        throw new RangeError(`${where("Label1", label1)}: ${riskType} tenor must be one of ${tenors.join(", ")}`);
      }
    } else if (isSensitivityRiskType(riskType) && riskType.endsWith("Vol")) {
      label1 = label1.toLowerCase();
      if (!(tenorDays(label1) > 0)) {
        throw new RangeError(`${where("Label1", label1)}: ${riskType} needs an option expiry tenor such as 1y`);
      }
    }
    if (riskType === "Risk_IRCurve" && label2 === "") {
      throw new TypeError(`${where("Label2", label2)}: Risk_IRCurve needs a sub-curve name in Label2`);
    }
    if (
      (riskType === "Risk_IRCurve" || riskType === "Risk_Inflation" || riskType === "Risk_XCcyBasis" ||
        riskType === "Risk_IRVol" || riskType === "Risk_InflationVol" || riskType === "Risk_FX") &&
      !CCY_RE.test(qualifier)
    ) {
      throw new TypeError(`${where("Qualifier", qualifier)}: ${riskType} qualifier must be an ISO currency code`);
    }
    if (riskType === "Risk_FXVol" && !/^[A-Z]{6}$/.test(qualifier)) {
      throw new TypeError(`${where("Qualifier", qualifier)}: Risk_FXVol qualifier must be a currency pair like EURUSD`);
    }
    records.push({
      file,
      line,
      tradeId: iTrade === undefined ? "" : row[iTrade].trim(),
      portfolio: iPf === undefined ? "" : row[iPf].trim(),
      productClass,
      riskType,
      qualifier,
      bucket,
      label1,
      label2,
      amount,
      amountCurrency: ccy,
      amountUsd,
      collectRegulations: iColl === undefined ? [] : regulationsOf("CollectRegulations", row[iColl]),
      postRegulations: iPost === undefined ? [] : regulationsOf("PostRegulations", row[iPost]),
    });
  }
  return { file, records, hasRegulations };
}
