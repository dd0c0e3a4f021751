import assert from "node:assert/strict";
import { parseCrif } from "./crif.ts";
import { convertSimmReport, fxRateFor, parseFxRateArg, parseFxRates } from "./fx.ts";
import { reportRows } from "./regulation.ts";
import { simm26 } from "../testing/simm_fixture.ts";

Deno.test("fx: --fx-rate and FX files are parsed strictly", () => {
  assert.deepEqual(parseFxRateArg("EUR=0.92"), { currency: "EUR", unitsPerUsd: 0.92, source: "--fx-rate" });
  for (const bad of ["EUR", "EUR=", "EUR=abc", "EUR=-1", "EUR=0", "EUR=Infinity", "xx=1", "ZZZ=1"]) {
    assert.throws(() => parseFxRateArg(bad), RangeError, bad);
  }
  const r = parseFxRates("Currency,UnitsPerUSD\nEUR,0.92\n\nJPY,150\n", "fx.csv");
  assert.equal(r.get("JPY")!.unitsPerUsd, 150);
  assert.equal(r.get("JPY")!.source, "fx.csv:4");
  assert.throws(() => parseFxRates("Currency,Rate\nEUR,1\n", "fx.csv"), /fx\.csv:1: .*Currency and UnitsPerUSD/);
  assert.throws(
    () => parseFxRates("Currency,UnitsPerUSD\nEUR,1\nEUR,2\n", "fx.csv"),
    /fx\.csv:3: EUR is listed twice \(first at fx\.csv:2\)/,
  );
  assert.throws(() => parseFxRates("Currency,UnitsPerUSD\nEUR,1,2\n", "fx.csv"), /fx\.csv:2: expected 2 fields/);
});

Deno.test("fx: fxRateFor is 1 for USD and refuses a currency without a rate", () => {
  assert.equal(fxRateFor("USD", {}), 1);
  assert.equal(fxRateFor("EUR", { rates: parseFxRateArg("EUR=0.9") }), 0.9);
  assert.throws(() => fxRateFor("EUR", {}), /EUR needs an FX rate/);
  assert.throws(() => fxRateFor("EUR", { rates: parseFxRateArg("GBP=0.8") }), /EUR needs an FX rate/);
  assert.throws(() => fxRateFor("eur", {}), /not an ISO 4217/);
});

Deno.test("fx: convertSimmReport scales every amount (rows, totals, every regulation) and nothing else", async () => {
  const crif = parseCrif(
    "ProductClass,RiskType,Qualifier,Bucket,Label1,Label2,Amount,AmountCurrency,CollectRegulations\n" +
      "RatesFX,Risk_FX,GBP,,,,1000000,USD,ESA\nRatesFX,Risk_IRCurve,USD,1,5y,OIS,20000,USD,USPR\n",
  );
  const usd = await simm26(crif.records, "EUR");
  const eur = convertSimmReport(usd, 0.92);
  assert.equal(eur.calculationCurrency, "EUR");
  assert.equal(eur.sides.Call.total, usd.sides.Call.total * 0.92);
  assert.equal(eur.sides.Call.regulation, usd.sides.Call.regulation);
  const a = reportRows(usd), b = reportRows(eur);
  assert.equal(a.length, b.length);
  a.forEach((r, i) => assert.deepEqual(b[i], { ...r, initialMargin: r.initialMargin * 0.92 }));
  for (const [reg, g] of usd.sides.Call.portfolios[0].byRegulation) {
    assert.equal(eur.sides.Call.portfolios[0].byRegulation.get(reg)!.total, g.total * 0.92);
  }
  assert.equal(convertSimmReport(usd, 1), usd);
  assert.throws(() => convertSimmReport(usd, 0), RangeError);
});
