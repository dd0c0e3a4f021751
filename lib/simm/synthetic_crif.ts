/**
 * Deterministic synthetic CRIF generator (seeded), for benchmarks and property tests: a realistic mix of
 * IR, credit, equity, commodity and FX delta/vega rows plus a few parameter rows, spread over trades.
 *
 * @example
 * ```ts
 * import { syntheticCrif } from "./synthetic_crif.ts";
 * const text = syntheticCrif({ lines: 100, seed: 1 });
 * console.assert(text.split("\n").length === 102); // header + 100 lines + trailing newline
 * ```
 * @module
 */

import { createPrng } from "../core/prng.ts";

/**
 * Options for {@link syntheticCrif}.
 *
 * @example
 * ```ts
 * import { syntheticCrif } from "./synthetic_crif.ts";
 * console.assert(syntheticCrif({ lines: 3, seed: 9, trades: 2 }).includes("T"));
 * ```
 */
export interface SyntheticCrifOptions {
  /** Number of data lines. */
  readonly lines: number;
  /** PRNG seed. */
  readonly seed: number;
  /** Number of distinct trade ids (default 200). */
  readonly trades?: number;
}

const IR_CCY = ["USD", "EUR", "GBP", "JPY", "AUD", "CHF", "CAD", "BRL", "MXN", "INR"];
const IR_BUCKET: Record<string, string> = { JPY: "2", BRL: "3", MXN: "3", INR: "3" };
const TENORS = ["2w", "1m", "3m", "6m", "1y", "2y", "3y", "5y", "10y", "15y", "20y", "30y"];
const SUBCURVES = ["OIS", "Libor3m", "Libor6m"];
const CR_TENORS = ["1y", "2y", "3y", "5y", "10y"];
const FX_CCY = ["EUR", "GBP", "JPY", "AUD", "CHF", "CAD", "BRL", "CNY", "KRW", "TRY", "ZAR", "MXN"];
const CM_NAMES = ["Coal", "Crude", "LightEnds", "MidDist", "HeavyDist", "NAGas", "EUGas", "NAPower", "EUPower"];

/**
 * Build a CRIF CSV text (header: TradeID, PortfolioID, ProductClass, RiskType, Qualifier, Bucket, Label1,
 * Label2, Amount, AmountCurrency, AmountUSD).
 *
 * @throws {RangeError} when `lines` is not a non-negative integer
 * @example
 * ```ts
 * import { syntheticCrif } from "./synthetic_crif.ts";
 * console.assert(syntheticCrif({ lines: 10, seed: 3 }) === syntheticCrif({ lines: 10, seed: 3 }));
 * ```
 */
export function syntheticCrif(options: SyntheticCrifOptions): string {
  const { lines, seed } = options;
  if (!Number.isInteger(lines) || lines < 0) {
    throw new RangeError(`syntheticCrif: lines must be an integer >= 0, got ${lines}`);
  }
  const trades = options.trades ?? 200;
  const rng = createPrng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[rng.int(xs.length)];
  const amount = (scale: number) => Math.round(rng.normal() * scale * 100) / 100;
  const out: string[] = [
    "TradeID,PortfolioID,ProductClass,RiskType,Qualifier,Bucket,Label1,Label2,Amount,AmountCurrency,AmountUSD",
  ];
  const row = (pc: string, rt: string, q: string, b: string, l1: string, l2: string, a: number) => {
    const t = `T${rng.int(trades)}`;
    out.push(`${t},P1,${pc},${rt},${q},${b},${l1},${l2},${a},USD,${a}`);
  };
  // a credit line: the tenor is drawn after the qualifier and bucket, the amount last (the draw order of the row)
  const credit = (rt: string, q: string, b: string, l2: string, scale: number) =>
    row("Credit", rt, q, b, pick(CR_TENORS), l2, amount(scale));
  for (let i = 0; i < lines; i++) {
    const u = rng.next();
    if (u < 0.35) {
      const c = pick(IR_CCY);
      row("RatesFX", "Risk_IRCurve", c, IR_BUCKET[c] ?? "1", pick(TENORS), pick(SUBCURVES), amount(5e4));
    } else if (u < 0.4) {
      row("RatesFX", "Risk_IRVol", pick(IR_CCY), "", pick(TENORS), "", amount(1e6));
    } else if (u < 0.42) {
      row("RatesFX", rng.next() < 0.5 ? "Risk_Inflation" : "Risk_XCcyBasis", pick(IR_CCY), "", "", "", amount(1e4));
    } else if (u < 0.5) {
      row("RatesFX", "Risk_FX", pick(FX_CCY), "", "", "", amount(1e7));
    } else if (u < 0.53) {
      const a = pick(FX_CCY);
      row("RatesFX", "Risk_FXVol", `${a}USD`, "", pick(TENORS), "", amount(1e6));
    } else if (u < 0.68) {
      const b = 1 + rng.int(12);
      const res = rng.next() < 0.05;
      credit("Risk_CreditQ", `ISIN:CQ${rng.int(400)}`, res ? "Residual" : String(b), "", 2e4);
    } else if (u < 0.7) {
      credit("Risk_CreditNonQ", `ISIN:CN${rng.int(50)}`, String(1 + rng.int(2)), "CMBX", 1e4);
    } else if (u < 0.72) {
      credit("Risk_CreditVol", `ISIN:CQ${rng.int(400)}`, String(1 + rng.int(12)), "", 1e5);
    } else if (u < 0.86) {
      const b = rng.next() < 0.03 ? "Residual" : String(1 + rng.int(12));
      row("Equity", "Risk_Equity", `ISIN:EQ${rng.int(800)}`, b, "", "", amount(1e5));
    } else if (u < 0.9) {
      row("Equity", "Risk_EquityVol", `ISIN:EQ${rng.int(800)}`, String(1 + rng.int(11)), pick(TENORS), "", amount(1e5));
    } else if (u < 0.97) {
      const b = 1 + rng.int(17);
      row("Commodity", "Risk_Commodity", `${pick(CM_NAMES)}${b}`, String(b), "", "", amount(1e6));
    } else if (u < 0.995) {
      const b = 1 + rng.int(17);
      row("Commodity", "Risk_CommodityVol", `${pick(CM_NAMES)}${b}`, String(b), pick(TENORS), "", amount(1e5));
    } else {
      row("Credit", "Risk_BaseCorr", pick(["CDX IG", "iTraxx Main", "CDX HY"]), "", "", "", amount(1e4));
    }
  }
  out.push("");
  return out.join("\n");
}
