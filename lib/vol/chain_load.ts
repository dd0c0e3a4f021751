/**
 * Tiny CSV loaders for the vendored option-chain samples in
 * `data/raw/option-chain-samples/` (see its SOURCE.md): Cboe DataShop
 * "Option EOD Summary" files and QuantConnect LEAN option "universe" files.
 * The only file-I/O in lib/vol. Parse errors name the file, line, column and
 * value.
 *
 * @example
 * ```ts
 * import { cboeRowsToQuotes, loadCboeEodCsv } from "./chain_load.ts";
 * const rows = await loadCboeEodCsv(
 *   "data/raw/option-chain-samples/cboe-datashop-sample-2016-06-01/UnderlyingOptionsEODCalcs_2016-06-01.csv",
 * );
 * const quotes = cboeRowsToQuotes(rows, "1545");
 * ```
 * @module
 */

import type { OptionQuote } from "./chain.ts";

/** One row of a Cboe Option EOD Summary file (Quotes or Calcs variant). */
export interface CboeEodRow {
  /** 1-based line number in the file. */
  line: number;
  underlying: string;
  quoteDate: string;
  root: string;
  expiration: string;
  strike: number;
  isCall: boolean;
  close: number;
  volume: number;
  bidSize1545: number;
  bid1545: number;
  askSize1545: number;
  ask1545: number;
  bidSizeEod: number;
  bidEod: number;
  askSizeEod: number;
  askEod: number;
  openInterest: number;
  /** Calcs variant only (NaN otherwise). */
  impliedUnderlying1545: number;
  /** Calcs variant only (NaN otherwise). */
  impliedVol1545: number;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function splitLines(text: string): string[] {
  return text.split(/\r?\n/);
}

/** The non-blank data lines after the header as `[1-based line number, comma-split fields]`, each of `width` fields. */
function* dataRows(lines: string[], width: number, file: string): Generator<[number, string[]]> {
  for (let li = 1; li < lines.length; li++) {
    const raw = lines[li];
    if (raw.trim() === "") continue;
    const f = raw.split(",");
    if (f.length !== width) throw new RangeError(`${file}:${li + 1}: expected ${width} fields, got ${f.length}`);
    yield [li + 1, f];
  }
}

function num(file: string, line: number, col: string, raw: string | undefined, allowEmpty = false): number {
  if (raw === undefined) throw new RangeError(`${file}:${line}: column ${col}: missing value`);
  const s = raw.trim();
  if (s === "" && allowEmpty) return NaN;
  const v = Number(s);
  if (s === "" || !Number.isFinite(v)) throw new RangeError(`${file}:${line}: column ${col}: invalid number "${raw}"`);
  return v;
}

/**
 * Parse the text of a Cboe Option EOD Summary CSV.
 *
 * @param file name used in error messages
 * @throws {RangeError} naming file, line, column and value for a missing column, a malformed number, date or
 *   option type, or a row with the wrong number of fields
 * @example
 * ```ts
 * const text = "underlying_symbol,quote_date,root,expiration,strike,option_type,close,trade_volume," +
 *   "bid_size_1545,bid_1545,ask_size_1545,ask_1545,bid_size_eod,bid_eod,ask_size_eod,ask_eod,open_interest\r\n" +
 *   "^VIX,2016-06-01,VIX,2016-07-20,17.000,C,2.1,10,5,2.1,5,2.2,5,2.15,5,2.25,100\r\n";
 * const rows = parseCboeEodCsv(text, "sample.csv"); // 1 row
 * ```
 */
export function parseCboeEodCsv(text: string, file: string): CboeEodRow[] {
  const lines = splitLines(text);
  const header = (lines[0] ?? "").split(",").map((h) => h.trim());
  const need = [
    "underlying_symbol",
    "quote_date",
    "root",
    "expiration",
    "strike",
    "option_type",
    "close",
    "trade_volume",
    "bid_size_1545",
    "bid_1545",
    "ask_size_1545",
    "ask_1545",
    "bid_size_eod",
    "bid_eod",
    "ask_size_eod",
    "ask_eod",
    "open_interest",
  ];
  const col: Record<string, number> = {};
  header.forEach((h, i) => (col[h] = i));
  for (const n of need) {
    if (col[n] === undefined) throw new RangeError(`${file}:1: missing required column "${n}"`);
  }
  const rows: CboeEodRow[] = [];
  for (const [line, f] of dataRows(lines, header.length, file)) {
    const get = (n: string): string => f[col[n]];
    const date = (n: string): string => {
      const v = get(n).trim();
      if (!ISO_DATE.test(v)) throw new RangeError(`${file}:${line}: column ${n}: invalid date "${get(n)}"`);
      return v;
    };
    const type = get("option_type").trim().toUpperCase();
    if (type !== "C" && type !== "P") {
      throw new RangeError(`${file}:${line}: column option_type: expected C or P, got "${get("option_type")}"`);
    }
    const n = (c: string): number => num(file, line, c, get(c));
    rows.push({
      line,
      underlying: get("underlying_symbol").trim(),
      quoteDate: date("quote_date"),
      root: get("root").trim(),
      expiration: date("expiration"),
      strike: n("strike"),
      isCall: type === "C",
      close: n("close"),
      volume: n("trade_volume"),
      bidSize1545: n("bid_size_1545"),
      bid1545: n("bid_1545"),
      askSize1545: n("ask_size_1545"),
      ask1545: n("ask_1545"),
      bidSizeEod: n("bid_size_eod"),
      bidEod: n("bid_eod"),
      askSizeEod: n("ask_size_eod"),
      askEod: n("ask_eod"),
      openInterest: n("open_interest"),
      impliedUnderlying1545: col["implied_underlying_price_1545"] === undefined
        ? NaN
        : num(file, line, "implied_underlying_price_1545", get("implied_underlying_price_1545"), true),
      impliedVol1545: col["implied_volatility_1545"] === undefined
        ? NaN
        : num(file, line, "implied_volatility_1545", get("implied_volatility_1545"), true),
    });
  }
  return rows;
}

/**
 * Read and parse a Cboe Option EOD Summary CSV file (needs --allow-read).
 *
 * @example
 * ```ts
 * const rows = await loadCboeEodCsv("data/raw/option-chain-samples/cboe-datashop-sample-2016-06-01/UnderlyingOptionsEODQuotes_2016-06-01.csv");
 * ```
 */
export async function loadCboeEodCsv(path: string): Promise<CboeEodRow[]> {
  return parseCboeEodCsv(await Deno.readTextFile(path), path);
}

/** Calendar days between two ISO dates (UTC). */
function daysBetween(from: string, to: string): number {
  return (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000;
}

/**
 * Convert Cboe rows to {@link OptionQuote}s using the 15:45 or end-of-day
 * quotes. T is ACT/365 from quote date to expiration (0 for same-day expiry;
 * the chain cleaner reports such slices as failed).
 *
 * @example
 * ```ts
 * const rows = await loadCboeEodCsv(
 *   "data/raw/option-chain-samples/cboe-datashop-sample-2016-06-01/UnderlyingOptionsEODQuotes_2016-06-01.csv",
 * );
 * const quotes = cboeRowsToQuotes(rows, "eod");
 * ```
 */
export function cboeRowsToQuotes(rows: readonly CboeEodRow[], session: "1545" | "eod" = "1545"): OptionQuote[] {
  return rows.map((r) => ({
    id: `${r.root} ${r.expiration} ${r.strike} ${r.isCall ? "C" : "P"} (line ${r.line})`,
    expiry: r.expiration,
    T: daysBetween(r.quoteDate, r.expiration) / 365,
    strike: r.strike,
    isCall: r.isCall,
    bid: session === "1545" ? r.bid1545 : r.bidEod,
    ask: session === "1545" ? r.ask1545 : r.askEod,
    bidSize: session === "1545" ? r.bidSize1545 : r.bidSizeEod,
    askSize: session === "1545" ? r.askSize1545 : r.askSizeEod,
    volume: r.volume,
    openInterest: r.openInterest,
  }));
}

/** One option row of a LEAN universe file. */
export interface LeanUniverseRow {
  line: number;
  /** ISO date. */
  expiry: string;
  strike: number;
  isCall: boolean;
  close: number;
  volume: number;
  /** NaN when empty. */
  openInterest: number;
  impliedVol: number;
}

/** A parsed LEAN universe file. */
export interface LeanUniverse {
  /** ISO quote date, from the file name (YYYYMMDD.csv or ..._YYYYMMDD.csv). */
  quoteDate: string;
  /** Underlying OHLCV row when present (SPY/SPXW files). */
  underlying?: { open: number; high: number; low: number; close: number; volume: number };
  rows: LeanUniverseRow[];
}

/**
 * Parse the text of a QuantConnect LEAN option universe CSV.
 *
 * @param file name used in errors; its trailing `YYYYMMDD.csv` gives the quote date
 * @throws {RangeError} naming file, line, column and value
 * @example
 * ```ts
 * const text = "#expiry,strike,right,open,high,low,close,volume,open_interest,implied_volatility,delta,gamma,vega,theta,rho\n" +
 *   "20240105,470,C,1,1,1,1.2,10,,0.15,0.4,0.01,0.2,-0.1,0.01\n";
 * const u = parseLeanUniverseCsv(text, "option_usa_spy_20240104.csv"); // 1 row, quote date 2024-01-04
 * ```
 */
export function parseLeanUniverseCsv(text: string, file: string): LeanUniverse {
  const m = /(\d{4})(\d{2})(\d{2})\.csv$/.exec(file);
  if (!m) throw new RangeError(`${file}: file name must end in YYYYMMDD.csv to give the quote date`);
  const quoteDate = `${m[1]}-${m[2]}-${m[3]}`;
  const lines = splitLines(text);
  const header = (lines[0] ?? "").replace(/^#/, "").split(",").map((h) => h.trim());
  const expected = [
    "expiry",
    "strike",
    "right",
    "open",
    "high",
    "low",
    "close",
    "volume",
    "open_interest",
    "implied_volatility",
  ];
  for (let i = 0; i < expected.length; i++) {
    if (header[i] !== expected[i]) {
      throw new RangeError(`${file}:1: column ${i + 1}: expected "${expected[i]}", got "${header[i]}"`);
    }
  }
  const out: LeanUniverse = { quoteDate, rows: [] };
  for (const [line, f] of dataRows(lines, header.length, file)) {
    if (f[0] === "" && f[1] === "" && f[2] === "") {
      out.underlying = {
        open: num(file, line, "open", f[3]),
        high: num(file, line, "high", f[4]),
        low: num(file, line, "low", f[5]),
        close: num(file, line, "close", f[6]),
        volume: num(file, line, "volume", f[7]),
      };
      continue;
    }
    if (!/^\d{8}$/.test(f[0])) throw new RangeError(`${file}:${line}: column expiry: invalid YYYYMMDD "${f[0]}"`);
    const right = f[2].trim().toUpperCase();
    if (right !== "C" && right !== "P") {
      throw new RangeError(`${file}:${line}: column right: expected C or P, got "${f[2]}"`);
    }
    out.rows.push({
      line,
      expiry: `${f[0].slice(0, 4)}-${f[0].slice(4, 6)}-${f[0].slice(6, 8)}`,
      strike: num(file, line, "strike", f[1]),
      isCall: right === "C",
      close: num(file, line, "close", f[6]),
      volume: num(file, line, "volume", f[7]),
      openInterest: num(file, line, "open_interest", f[8], true),
      impliedVol: num(file, line, "implied_volatility", f[9], true),
    });
  }
  return out;
}

/**
 * Read and parse a LEAN universe file (needs --allow-read).
 *
 * @example
 * ```ts
 * const u = await loadLeanUniverseCsv("data/raw/option-chain-samples/quantconnect-lean-universes/indexoption_usa_spx_20151222.csv");
 * ```
 */
export async function loadLeanUniverseCsv(path: string): Promise<LeanUniverse> {
  return parseLeanUniverseCsv(await Deno.readTextFile(path), path);
}

/**
 * LEAN rows as {@link OptionQuote}s. LEAN has no bid/ask: bid = ask = close
 * (so spread rules cannot apply), and rows whose IV is LEAN's 1e-7 marker are
 * flagged `stale`.
 *
 * @example
 * ```ts
 * const quotes = leanUniverseToQuotes(
 *   await loadLeanUniverseCsv("data/raw/option-chain-samples/quantconnect-lean-universes/option_usa_spy_20240104.csv"),
 * );
 * ```
 */
export function leanUniverseToQuotes(u: LeanUniverse): OptionQuote[] {
  return u.rows.map((r) => ({
    id: `${r.expiry} ${r.strike} ${r.isCall ? "C" : "P"} (line ${r.line})`,
    expiry: r.expiry,
    T: daysBetween(u.quoteDate, r.expiry) / 365,
    strike: r.strike,
    isCall: r.isCall,
    bid: r.close,
    ask: r.close,
    volume: r.volume,
    openInterest: Number.isNaN(r.openInterest) ? undefined : r.openInterest,
    stale: r.impliedVol > 0 && r.impliedVol <= 1e-6 ? true : undefined,
  }));
}
