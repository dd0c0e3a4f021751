import assert from "node:assert/strict";
import { parseCrif, parseRegulations, parseStrictNumber } from "./crif.ts";

const HEAD = "TradeID,PortfolioID,ProductClass,RiskType,Qualifier,Bucket,Label1,Label2,Amount,AmountCurrency,AmountUSD";
const GOOD = "T1,P1,RatesFX,Risk_IRCurve,USD,1,5Y,OIS,1000,USD,1000";

function errorOf(line: string, head = HEAD): Error {
  try {
    parseCrif(`${head}\n${GOOD}\n${line}\n`, { file: "book.csv" });
  } catch (e) {
    return e as Error;
  }
  throw new Error("expected an error");
}

Deno.test("parseCrif: a valid file, tenor normalisation, no regulation columns = no regulation", () => {
  const c = parseCrif(`${HEAD}\n${GOOD}\nT2,P1,Equity,Risk_Equity,ISIN:X,residual,,,-5e3,EUR,-5400\n`, {
    file: "ok.csv",
  });
  assert.equal(c.records.length, 2);
  assert.equal(c.hasRegulations, false);
  const [a, b] = c.records;
  assert.equal(a.label1, "5y");
  assert.equal(a.line, 2);
  assert.deepEqual(a.collectRegulations, []);
  assert.equal(b.bucket, "Residual");
  assert.equal(b.amount, -5000);
  assert.equal(b.amountUsd, -5400);
});

Deno.test("parseCrif: regulations, ORE column names, parameter rows, quoted fields", () => {
  const text =
    "TradeID,PortfolioID,ProductClass,RiskType,Qualifier,Bucket,Label1,Label2,AmountCurrency,Amount,collect_regulations,post_regulations\n" +
    'T,P,RatesFX,Risk_FX,EUR,,,,USD,5,"ESA,USPR","SEC"\n' +
    "T,P,,Param_ProductClassMultiplier,Credit,,,,,1.5,,\n" +
    "T,P,,Param_AddOnNotionalFactor,Prod,,,,,12.5,,\n" +
    "T,P,,Notional,Prod,,,,USD,100,,\n" +
    "T,P,,Param_AddOnFixedAmount,,,,,USD,7,,\n";
  const c = parseCrif(text, { file: "ore.csv" });
  assert.equal(c.hasRegulations, true);
  assert.deepEqual(c.records[0].collectRegulations, ["ESA", "USPR"]);
  assert.deepEqual(c.records[0].postRegulations, ["SEC"]);
  assert.equal(c.records[1].riskType, "Param_ProductClassMultiplier");
  assert.equal(c.records[4].amountUsd, 7);
});

Deno.test("parseCrif: bad lines name file, line, column and value", () => {
  const cases: [string, string, RegExp, ErrorConstructor][] = [
    ["T,P,RatesFX,Risk_Foo,USD,1,5y,OIS,1,USD,1", "RiskType", /"Risk_Foo".*unknown risk type/, RangeError],
    ["T,P,Equity,Risk_Equity,ISIN:X,13,,,1,USD,1", "Bucket", /"13".*out of range/, RangeError],
    ["T,P,Commodity,Risk_Commodity,Gold,0,,,1,USD,1", "Bucket", /"0"/, RangeError],
    ["T,P,Equity,Risk_Equity,ISIN:X,,,,1,USD,1", "Bucket", /required/, RangeError],
    ["T,P,RatesFX,Risk_FX,EUR,2,,,1,USD,1", "Bucket", /takes no bucket/, RangeError],
    ["T,P,RatesFX,Risk_IRCurve,USD,1,5y,OIS,1,,1", "AmountCurrency", /missing or malformed currency/, TypeError],
    ["T,P,RatesFX,Risk_IRCurve,USD,1,5y,OIS,1,usd,1", "AmountCurrency", /"usd"/, TypeError],
    ["T,P,RatesFX,Risk_IRCurve,USD,1,5y,OIS,abc,USD,1", "Amount", /"abc".*not a finite number/, TypeError],
    ["T,P,RatesFX,Risk_IRCurve,USD,1,5y,OIS,1,000,USD", "AmountCurrency", /"000"/, TypeError],
    ["T,P,RatesFX,Risk_IRCurve,USD,1,5y,OIS,1,USD,x", "AmountUSD", /"x"/, TypeError],
    ["T,P,RatesFX,Risk_IRCurve,USD,1,4y,OIS,1,USD,1", "Label1", /"4y"/, RangeError],
    ["T,P,RatesFX,Risk_IRCurve,USD,1,5y,,1,USD,1", "Label2", /sub-curve/, TypeError],
    ["T,P,Rates,Risk_IRCurve,USD,1,5y,OIS,1,USD,1", "ProductClass", /"Rates".*unknown product class/, RangeError],
    ["T,P,RatesFX,Risk_IRCurve,US,1,5y,OIS,1,USD,1", "Qualifier", /"US"/, TypeError],
    ["T,P,RatesFX,Risk_FXVol,EUR,,1y,,1,USD,1", "Qualifier", /currency pair/, TypeError],
    ["T,P,RatesFX,Risk_IRVol,USD,,soon,,1,USD,1", "Label1", /"soon"/, RangeError],
    ["T,P,,Param_ProductClassMultiplier,Rates,,,,1.2,,", "Qualifier", /product class/, RangeError],
  ];
  for (const [line, column, re, ctor] of cases) {
    const e = errorOf(line);
    assert.ok(e instanceof ctor, `${line}: ${e.name} ${e.message}`);
    assert.match(e.message, /^book\.csv:3:\d+: /, e.message);
    assert.ok(e.message.includes(`column ${column}`), e.message);
    assert.match(e.message, re);
  }
});

Deno.test("parseCrif: structural errors (missing column, field count, foreign currency without AmountUSD)", () => {
  assert.throws(
    () => parseCrif("ProductClass,RiskType\nRatesFX,Risk_FX\n", { file: "h.csv" }),
    (e: unknown) => e instanceof TypeError && /h\.csv:1: missing required CRIF column "Qualifier"/.test(e.message),
  );
  assert.throws(() => parseCrif(`${HEAD}\nT,P,RatesFX\n`, { file: "n.csv" }), /n\.csv:2: expected 11 fields/);
  const noUsd =
    "ProductClass,RiskType,Qualifier,Bucket,Label1,Label2,Amount,AmountCurrency\nRatesFX,Risk_FX,EUR,,,,1,EUR\n";
  assert.throws(
    () => parseCrif(noUsd, { file: "u.csv" }),
    /u\.csv:2: column AmountUSD.*required when AmountCurrency is EUR/,
  );
});

Deno.test("parseStrictNumber and parseRegulations", () => {
  assert.equal(parseStrictNumber(" -1.5e3 "), -1500);
  assert.ok(Number.isNaN(parseStrictNumber("")));
  assert.ok(Number.isNaN(parseStrictNumber("NaN")));
  assert.ok(Number.isNaN(parseStrictNumber("0x10")));
  assert.deepEqual(parseRegulations(""), []);
  assert.deepEqual(parseRegulations("[SEC, CFTC, SEC]"), ["SEC", "CFTC"]);
});

Deno.test("parseCrif: |amounts| above 1e15 and unknown regulations are refused with file:line:column", () => {
  const head = `${HEAD},CollectRegulations,PostRegulations`;
  const cases: [string, RegExp][] = [
    [
      "T,P,RatesFX,Risk_FX,EUR,,,,1e200,USD,1e200,,",
      /^book\.csv:3:9: column Amount value "1e200": \|amount\| exceeds 1e15/,
    ],
    [
      "T,P,RatesFX,Risk_FX,EUR,,,,1,EUR,-1e16,,",
      /^book\.csv:3:11: column AmountUSD value "-1e16": \|amount\| exceeds 1e15/,
    ],
    ["T,P,RatesFX,Risk_FX,EUR,,,,1e309,USD,,,", /^book\.csv:3:9: column Amount value "1e309": not a finite number/],
    [
      "T,P,RatesFX,Risk_FX,EUR,,,,1,USD,,ESA,esa",
      /^book\.csv:3:13: column PostRegulations value "esa": unknown regulation "esa"/,
    ],
    ['T,P,RatesFX,Risk_FX,EUR,,,,1,USD,,"ESA,FOO",', /^book\.csv:3:12: .*unknown regulation "FOO"/],
  ];
  for (const [line, re] of cases) {
    let e: Error | undefined;
    try {
      parseCrif(`${head}\n${GOOD},,\n${line}\n`, { file: "book.csv" });
    } catch (x) {
      e = x as Error;
    }
    assert.ok(e instanceof RangeError || e instanceof TypeError, line);
    assert.match(e.message, re);
  }
  const ok = parseCrif(`${head}\nT,P,RatesFX,Risk_FX,EUR,,,,-1e15,USD,,"SEC-unseg,UK",NONREG\n`).records[0];
  assert.equal(ok.amount, -1e15);
  assert.deepEqual(ok.collectRegulations, ["SEC-unseg", "UK"]);
  const peer = parseCrif(`${head}\nT,P,RatesFX,Risk_FX,EUR,,,,1,USD,,All,\n`, { regulations: ["All"] }).records[0];
  assert.deepEqual(peer.collectRegulations, ["All"]);
});
