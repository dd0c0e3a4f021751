/**
 * CRIF qualifiers that should name a currency (IR, inflation, cross-currency basis, FX; both halves of
 * an FX vol pair) but name none: SIMM silently treats them as an ordinary currency ("other" risk-weight
 * and threshold groups), so the total changes without an error. The CLI lists them as a warning.
 *
 * @example
 * ```ts
 * import { unknownQualifiers } from "./unknown_qualifiers.ts";
 * import { parseCrif } from "./crif.ts";
 * const c = parseCrif("ProductClass,RiskType,Qualifier,Bucket,Label1,Label2,Amount,AmountCurrency\nRatesFX,Risk_FX,ZZZ,,,,5,USD");
 * console.assert(unknownQualifiers(c.records)[0].qualifier === "ZZZ");
 * ```
 * @module
 */
import { isIsoCurrency } from "./currencies.ts";
import type { CrifRecord } from "./crif.ts";

/**
 * One unknown qualifier and where it occurs.
 *
 * @example
 * ```ts
 * import type { UnknownQualifier } from "./unknown_qualifiers.ts";
 * const u: UnknownQualifier = { qualifier: "ZZZ", riskType: "Risk_FX", where: ["a.csv:2"] };
 * ```
 */
export interface UnknownQualifier {
  /** The qualifier as written. */
  readonly qualifier: string;
  /** Risk type of its first occurrence. */
  readonly riskType: string;
  /** `file:line` of every occurrence, in file order. */
  readonly where: readonly string[];
}

const CURRENCY_QUALIFIED = new Set([
  "Risk_IRCurve",
  "Risk_IRVol",
  "Risk_Inflation",
  "Risk_InflationVol",
  "Risk_XCcyBasis",
  "Risk_FX",
]);

/**
 * Qualifiers of currency-qualified risk types that are not ISO 4217 codes, in first-seen order.
 *
 * @param known extra codes to accept (e.g. the currencies a calibration names)
 * @example
 * ```ts
 * import { unknownQualifiers } from "./unknown_qualifiers.ts";
 * import { parseCrif } from "./crif.ts";
 * const c = parseCrif("ProductClass,RiskType,Qualifier,Bucket,Label1,Label2,Amount,AmountCurrency\nRatesFX,Risk_FXVol,EURQQQ,,1y,,5,USD");
 * console.assert(unknownQualifiers(c.records).length === 1 && unknownQualifiers(c.records, ["QQQ"]).length === 0);
 * ```
 */
export function unknownQualifiers(records: readonly CrifRecord[], known: Iterable<string> = []): UnknownQualifier[] {
  const extra = new Set(known);
  const ok = (ccy: string) => isIsoCurrency(ccy) || extra.has(ccy);
  const found = new Map<string, { qualifier: string; riskType: string; where: string[] }>();
  for (const r of records) {
    const q = r.qualifier;
    let bad = false;
    if (CURRENCY_QUALIFIED.has(r.riskType)) bad = !ok(q);
    else if (r.riskType === "Risk_FXVol") bad = !(q.length === 6 && ok(q.slice(0, 3)) && ok(q.slice(3)));
    if (!bad) continue;
    let u = found.get(q);
    if (u === undefined) found.set(q, u = { qualifier: q, riskType: r.riskType, where: [] });
    u.where.push(`${r.file}:${r.line}`);
  }
  return [...found.values()];
}
