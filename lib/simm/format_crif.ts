/**
 * CRIF records back to CRIF text (comma separated, fields quoted when they hold a comma, quote or line
 * break), such that `parseCrif(formatCrif(records))` gives the same records (apart from `file`/`line`).
 * Used to round-trip the reader in its fuzz test and to write a cleaned CRIF.
 *
 * @example
 * ```ts
 * import { formatCrif } from "./format_crif.ts";
 * import { parseCrif } from "./crif.ts";
 * const a = parseCrif('ProductClass,RiskType,Qualifier,Bucket,Label1,Label2,Amount,AmountCurrency,CollectRegulations\nRatesFX,Risk_FX,EUR,,,,-0,USD,"ESA,SEC"').records;
 * const b = parseCrif(formatCrif(a)).records;
 * console.assert(Object.is(b[0].amount, -0) && b[0].collectRegulations.join() === "ESA,SEC");
 * ```
 * @module
 */
import type { CrifRecord } from "./crif.ts";

const HEADER = [
  "TradeID",
  "PortfolioID",
  "ProductClass",
  "RiskType",
  "Qualifier",
  "Bucket",
  "Label1",
  "Label2",
  "Amount",
  "AmountCurrency",
  "AmountUSD",
  "CollectRegulations",
  "PostRegulations",
];

function field(s: string): string {
  return /[",\n\r\t|]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function num(x: number): string {
  return Object.is(x, -0) ? "-0" : String(x);
}

/**
 * Format records as CRIF text with a header line and one line per record (regulation lists joined
 * with commas).
 *
 * @example
 * ```ts
 * import { formatCrif } from "./format_crif.ts";
 * console.assert(formatCrif([]).startsWith("TradeID,PortfolioID,ProductClass"));
 * ```
 */
export function formatCrif(records: readonly CrifRecord[]): string {
  const lines = [HEADER.join(",")];
  for (const r of records) {
    lines.push(
      [
        r.tradeId,
        r.portfolio,
        r.productClass,
        r.riskType,
        r.qualifier,
        r.bucket,
        r.label1,
        r.label2,
        num(r.amount),
        r.amountCurrency,
        num(r.amountUsd),
        r.collectRegulations.join(","),
        r.postRegulations.join(","),
      ].map(field).join(","),
    );
  }
  return lines.join("\n") + "\n";
}
