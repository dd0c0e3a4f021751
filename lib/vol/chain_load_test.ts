import assert from "node:assert/strict";
import {
  cboeRowsToQuotes,
  leanUniverseToQuotes,
  loadCboeEodCsv,
  loadLeanUniverseCsv,
  parseCboeEodCsv,
  parseLeanUniverseCsv,
} from "./chain_load.ts";

const DIR = "data/raw/option-chain-samples/";

Deno.test("loadCboeEodCsv: both Cboe sample files parse (724 rows, CRLF), Calcs adds IV and implied forward", async () => {
  const calcs = await loadCboeEodCsv(DIR + "cboe-datashop-sample-2016-06-01/UnderlyingOptionsEODCalcs_2016-06-01.csv");
  const quotes = await loadCboeEodCsv(
    DIR + "cboe-datashop-sample-2016-06-01/UnderlyingOptionsEODQuotes_2016-06-01.csv",
  );
  assert.equal(calcs.length, 724);
  assert.equal(quotes.length, 724);
  assert.ok(calcs.every((r) => r.underlying === "^VIX" && r.quoteDate === "2016-06-01"));
  assert.equal(new Set(calcs.map((r) => r.expiration)).size, 10);
  assert.ok(Number.isNaN(quotes[0].impliedVol1545) && !Number.isNaN(calcs[0].impliedVol1545));
  assert.equal(calcs.filter((r) => r.impliedVol1545 > 0).length, 648);
  const q = cboeRowsToQuotes(calcs, "eod");
  assert.equal(q[0].T, 0);
  assert.ok(Math.abs(q.find((x) => x.expiry === "2016-07-20")!.T - 49 / 365) < 1e-15);
});

Deno.test("loadLeanUniverseCsv: SPX (no underlying row) and SPY (underlying row, IV 1e-7 → stale)", async () => {
  const spx = await loadLeanUniverseCsv(DIR + "quantconnect-lean-universes/indexoption_usa_spx_20151222.csv");
  assert.equal(spx.rows.length, 233);
  assert.equal(spx.underlying, undefined);
  assert.equal(spx.quoteDate, "2015-12-22");
  const spy = await loadLeanUniverseCsv(DIR + "quantconnect-lean-universes/option_usa_spy_20240104.csv");
  assert.equal(spy.underlying?.close, 467.28);
  assert.equal(spy.rows.length, 36);
  const q = leanUniverseToQuotes(spy);
  assert.equal(q.filter((x) => x.stale).length, 23);
  assert.ok(q.every((x) => x.bid === x.ask));
});

Deno.test("parse errors name file, line, column and value", () => {
  const head =
    "underlying_symbol,quote_date,root,expiration,strike,option_type,close,trade_volume,bid_size_1545,bid_1545,ask_size_1545,ask_1545,bid_size_eod,bid_eod,ask_size_eod,ask_eod,open_interest";
  const ok = "^VIX,2016-06-01,VIX,2016-07-20,17.000,C,2.1,10,5,2.1,5,2.2,5,2.15,5,2.25,100";
  assert.equal(parseCboeEodCsv(`${head}\r\n${ok}\r\n`, "f.csv").length, 1);
  assert.throws(
    () => parseCboeEodCsv(`${head}\n${ok.replace("17.000", "17,5")}`, "f.csv"),
    /f.csv:2: expected 17 fields, got 18/,
  );
  assert.throws(
    () => parseCboeEodCsv(`${head}\n${ok}\n${ok.replace("2.1,10", "abc,10")}`, "f.csv"),
    /f.csv:3: column close: invalid number "abc"/,
  );
  assert.throws(
    () => parseCboeEodCsv(`${head}\n${ok.replace(",C,", ",X,")}`, "f.csv"),
    /f.csv:2: column option_type: expected C or P, got "X"/,
  );
  assert.throws(
    () => parseCboeEodCsv(`${head}\n${ok.replace("2016-07-20", "20160720")}`, "f.csv"),
    /f.csv:2: column expiration: invalid date "20160720"/,
  );
  assert.throws(() => parseCboeEodCsv("a,b\n1,2", "g.csv"), /g.csv:1: missing required column "underlying_symbol"/);
  const lh =
    "#expiry,strike,right,open,high,low,close,volume,open_interest,implied_volatility,delta,gamma,vega,theta,rho";
  assert.throws(
    () => parseLeanUniverseCsv(`${lh}\n20160115,x,C,1,1,1,1,0,,0.2,0,0,0,0,0`, "u_20151222.csv"),
    /u_20151222.csv:2: column strike: invalid number "x"/,
  );
  assert.throws(() => parseLeanUniverseCsv(lh, "nodate.csv"), /nodate.csv: file name must end in YYYYMMDD.csv/);
});
