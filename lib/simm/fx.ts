/**
 * Calculation currencies other than USD. CRIF amounts are read in USD (AmountUSD) and SIMM's
 * concentration thresholds are USD amounts, so SIMM is computed in USD (with the calculation currency's
 * own rules: FX delta to it is no risk, its FX risk-weight group) and every result is converted at one
 * explicit rate, `unitsPerUsd` = units of the calculation currency per 1 USD. Because SIMM is computed on
 * USD amounts against USD thresholds, converting the results is the same as converting every amount and
 * threshold. No rate is ever assumed: a currency without a rate is an error.
 *
 * @example
 * ```ts
 * import { fxRateFor, parseFxRateArg } from "./fx.ts";
 * console.assert(parseFxRateArg("EUR=0.92").unitsPerUsd === 0.92);
 * console.assert(fxRateFor("EUR", { rates: parseFxRateArg("EUR=0.92") }) === 0.92);
 * ```
 * @module
 */
import { isIsoCurrency } from "./currencies.ts";
import { parseStrictNumber } from "./crif.ts";
import { parseDelimited } from "./csv.ts";
import type { SimmReport } from "./regulation.ts";
import type { SimmGroupResult } from "./simm.ts";
import type { MarginType } from "./types.ts";

/**
 * One rate: `unitsPerUsd` units of `currency` buy 1 USD.
 *
 * @example
 * ```ts
 * import type { FxRate } from "./fx.ts";
 * const r: FxRate = { currency: "JPY", unitsPerUsd: 150, source: "--fx-rate" };
 * ```
 */
export interface FxRate {
  /** ISO currency. */
  readonly currency: string;
  /** Units of the currency per 1 USD (finite, > 0). */
  readonly unitsPerUsd: number;
  /** Where the rate came from (`--fx-rate` or `file:line`). */
  readonly source: string;
}

function checkRate(where: string, currency: string, raw: string): number {
  if (!isIsoCurrency(currency)) {
    throw new RangeError(`${where}: ${JSON.stringify(currency)} is not an ISO 4217 currency`);
  }
  const x = parseStrictNumber(raw);
  if (!(x > 0) || !Number.isFinite(x)) {
    throw new RangeError(`${where}: rate for ${currency} must be a finite number > 0, got ${JSON.stringify(raw)}`);
  }
  return x;
}

/**
 * Parse `--fx-rate CCY=RATE` (RATE = units of CCY per 1 USD).
 *
 * @throws {RangeError} on a malformed argument, a non-ISO currency or a rate that is not finite and > 0
 * @example
 * ```ts
 * import { parseFxRateArg } from "./fx.ts";
 * console.assert(parseFxRateArg("JPY=150").currency === "JPY");
 * ```
 */
export function parseFxRateArg(arg: string): FxRate {
  const m = /^([^=]*)=(.*)$/.exec(arg);
  if (m === null) {
    throw new RangeError(`--fx-rate must be CCY=RATE (units of CCY per 1 USD), got ${JSON.stringify(arg)}`);
  }
  const currency = m[1].trim();
  return { currency, unitsPerUsd: checkRate("--fx-rate", currency, m[2]), source: "--fx-rate" };
}

/**
 * Parse an FX rate file: a delimited table with columns `Currency` and `UnitsPerUSD` (units of the
 * currency per 1 USD), one currency per line.
 *
 * @throws {TypeError} on a missing column; {RangeError} naming `file:line` on a bad currency or rate, or a
 *   currency listed twice
 * @example
 * ```ts
 * import { parseFxRates } from "./fx.ts";
 * const rates = parseFxRates("Currency,UnitsPerUSD\nEUR,0.92\nGBP,0.79\n", "fx.csv");
 * console.assert(rates.get("GBP")!.source === "fx.csv:3");
 * ```
 */
export function parseFxRates(text: string, file: string): Map<string, FxRate> {
  const t = parseDelimited(text, undefined, file);
  const iC = t.header.findIndex((h) => h.toLowerCase() === "currency");
  const iR = t.header.findIndex((h) => h.toLowerCase() === "unitsperusd");
  if (iC < 0 || iR < 0) {
    throw new TypeError(
      `${file}:1: an FX rate file needs columns Currency and UnitsPerUSD (header: ${t.header.join(", ")})`,
    );
  }
  const out = new Map<string, FxRate>();
  t.rows.forEach((row, k) => {
    const where = `${file}:${t.lines[k]}`;
    if (row.length !== t.header.length) {
      throw new RangeError(`${where}: expected ${t.header.length} fields as in the header, got ${row.length}`);
    }
    const currency = row[iC].trim();
    const unitsPerUsd = checkRate(where, currency, row[iR]);
    if (out.has(currency)) {
      throw new RangeError(`${where}: ${currency} is listed twice (first at ${out.get(currency)!.source})`);
    }
    out.set(currency, { currency, unitsPerUsd, source: where });
  });
  return out;
}

/**
 * The rate for a calculation currency: 1 for USD; otherwise the one given (a single `--fx-rate`, or an
 * FX file's map).
 *
 * @throws {RangeError} when `currency` is not ISO, or is not USD and no rate for it was given
 * @example
 * ```ts
 * import { fxRateFor } from "./fx.ts";
 * console.assert(fxRateFor("USD", {}) === 1);
 * try { fxRateFor("EUR", {}); } catch (e) { console.assert(e instanceof RangeError); }
 * ```
 */
export function fxRateFor(
  currency: string,
  given: { rates?: FxRate | ReadonlyMap<string, FxRate>; what?: string },
): number {
  if (!isIsoCurrency(currency)) {
    throw new RangeError(`calculation currency ${JSON.stringify(currency)} is not an ISO 4217 currency code`);
  }
  if (currency === "USD") return 1;
  const r = given.rates;
  const rate = r === undefined
    ? undefined
    : "currency" in r
    ? (r.currency === currency ? r : undefined)
    : r.get(currency);
  if (rate === undefined) {
    throw new RangeError(
      `calculation currency ${currency} needs an FX rate (units of ${currency} per 1 USD): pass --fx-rate ${currency}=RATE or --fx FILE${
        given.what === undefined ? "" : `; ${given.what} has no ${currency} rate`
      }`,
    );
  }
  return rate.unitsPerUsd;
}

function scaleGroup(g: SimmGroupResult, k: number): SimmGroupResult {
  const byMarginType = {} as Record<MarginType, number>;
  for (const [m, v] of Object.entries(g.byMarginType)) byMarginType[m as MarginType] = v * k;
  return {
    rows: g.rows.map((r) => ({ ...r, initialMargin: r.initialMargin * k })),
    simm: g.simm * k,
    additionalIm: g.additionalIm * k,
    total: g.total * k,
    byMarginType,
  };
}

/**
 * A report computed on USD amounts (with `calculationCurrency` already set to the target currency, whose
 * FX rules it needs) expressed in that currency: every amount multiplied by `unitsPerUsd`.
 *
 * @throws {RangeError} when the rate is not finite and > 0
 * @example
 * ```ts
 * import { convertSimmReport } from "./fx.ts";
 * import { computeSimm } from "./regulation.ts";
 * import { parseCrif } from "./crif.ts";
 * import { loadCalibration } from "./load.ts";
 * const crif = parseCrif("ProductClass,RiskType,Qualifier,Bucket,Label1,Label2,Amount,AmountCurrency\nRatesFX,Risk_FX,GBP,,,,1000000,USD");
 * const usd = computeSimm(crif.records, { calibration: await loadCalibration("2.6"), mpor: 10, calculationCurrency: "EUR" });
 * console.assert(Math.abs(convertSimmReport(usd, 0.5).sides.Call.total - 0.5 * usd.sides.Call.total) < 1e-9);
 * ```
 */
export function convertSimmReport(report: SimmReport, unitsPerUsd: number): SimmReport {
  if (!(unitsPerUsd > 0) || !Number.isFinite(unitsPerUsd)) {
    throw new RangeError(`convertSimmReport: unitsPerUsd must be finite and > 0, got ${unitsPerUsd}`);
  }
  if (unitsPerUsd === 1) return report;
  const sides = {} as Record<"Call" | "Post", SimmReport["sides"]["Call"]>;
  for (const side of ["Call", "Post"] as const) {
    const s = report.sides[side];
    const portfolios = s.portfolios.map((p) => {
      const byRegulation = new Map<string, SimmGroupResult>();
      for (const [reg, g] of p.byRegulation) byRegulation.set(reg, scaleGroup(g, unitsPerUsd));
      return { ...p, result: byRegulation.get(p.regulation)!, byRegulation };
    });
    sides[side] = { regulation: s.regulation, portfolios, total: s.total * unitsPerUsd };
  }
  return { ...report, sides };
}
