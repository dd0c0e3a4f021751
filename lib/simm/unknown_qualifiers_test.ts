import assert from "node:assert/strict";
import { isIsoCurrency, ISO_CURRENCIES } from "./currencies.ts";
import { parseCrif } from "./crif.ts";
import { unknownQualifiers } from "./unknown_qualifiers.ts";

Deno.test("currencies: ISO 4217 codes, upper case, no test or no-currency codes", () => {
  assert.ok(ISO_CURRENCIES.length > 150);
  assert.deepEqual([...ISO_CURRENCIES].sort(), ISO_CURRENCIES);
  for (const c of ["USD", "EUR", "JPY", "GBP", "CHF", "CNY", "BRL", "XAU"]) assert.ok(isIsoCurrency(c), c);
  for (const c of ["ZZZ", "XXX", "XTS", "usd", "US", ""]) assert.ok(!isIsoCurrency(c), c);
});

Deno.test("unknownQualifiers: currency risk types only, each qualifier once with every line", () => {
  const c = parseCrif(
    "ProductClass,RiskType,Qualifier,Bucket,Label1,Label2,Amount,AmountCurrency\n" +
      "RatesFX,Risk_FX,ZZZ,,,,1,USD\n" +
      "RatesFX,Risk_IRCurve,ZZZ,1,5y,OIS,1,USD\n" +
      "RatesFX,Risk_XCcyBasis,QQQ,,,,1,USD\n" +
      "RatesFX,Risk_FXVol,USDZZZ,,1y,,1,USD\n" +
      "RatesFX,Risk_FXVol,USDEUR,,1y,,1,USD\n" +
      "Equity,Risk_Equity,ZZZ,1,,,1,USD\n" +
      "RatesFX,Risk_FX,EUR,,,,1,USD\n",
    { file: "q.csv" },
  );
  const u = unknownQualifiers(c.records);
  assert.deepEqual(u.map((x) => [x.qualifier, x.riskType, x.where.join(" ")]), [
    ["ZZZ", "Risk_FX", "q.csv:2 q.csv:3"],
    ["QQQ", "Risk_XCcyBasis", "q.csv:4"],
    ["USDZZZ", "Risk_FXVol", "q.csv:5"],
  ]);
  assert.deepEqual(unknownQualifiers(c.records, ["ZZZ", "QQQ"]), []);
});
