import assert from "node:assert/strict";
import { regulationBreakdownCsv } from "./regulation_breakdown.ts";
import { loadCrif } from "./load.ts";
import { simm26 } from "../testing/simm_fixture.ts";
import { parseCrif } from "./crif.ts";

const ORE = "data/raw/simm/ore-example-2.6";

Deno.test("regulationBreakdownCsv: ORE's SIMM 2.6 example regulation_breakdown_simm.csv byte for byte", async () => {
  const crif = await loadCrif(`${ORE}/crif.csv`);
  const report = await simm26(crif.records, "USD");
  assert.equal(
    regulationBreakdownCsv(report, crif.records),
    await Deno.readTextFile(`${ORE}/regulation_breakdown_simm.csv`),
  );
});

Deno.test("regulationBreakdownCsv: regulations with different records get their own blocks, losers included", async () => {
  const crif = parseCrif(
    "TradeID,ProductClass,RiskType,Qualifier,Bucket,Label1,Label2,Amount,AmountCurrency,CollectRegulations,PostRegulations\n" +
      'A,RatesFX,Risk_FX,EUR,,,,1000000,USD,"ESA,SEC",CFTC\n' +
      "B,RatesFX,Risk_FX,GBP,,,,2000000,USD,SEC,CFTC\n",
  );
  const report = await simm26(crif.records, "USD");
  const lines = regulationBreakdownCsv(report, crif.records).trim().split("\n").slice(1);
  const labels = [...new Set(lines.map((l) => l.split(",").slice(5, 7).join("/")))];
  assert.deepEqual(labels, ["Call/ESA", "Call/SEC", "Post/CFTC"]);
  assert.equal(report.sides.Call.regulation, "SEC");
  const total = (lbl: string) =>
    Number(lines.find((l) => l.startsWith("Portfolio,All,All,All,All," + lbl.replace("/", ",")))!.split(",")[7]);
  assert.ok(total("Call/ESA") < total("Call/SEC"));
  assert.equal(total("Call/SEC").toFixed(6), report.sides.Call.total.toFixed(6));
});

Deno.test("regulationBreakdownCsv: records that do not match the report are refused", async () => {
  const crif = parseCrif(
    "TradeID,ProductClass,RiskType,Qualifier,Bucket,Label1,Label2,Amount,AmountCurrency,CollectRegulations\n" +
      "A,RatesFX,Risk_FX,EUR,,,,1000000,USD,ESA\n",
  );
  const report = await simm26(crif.records, "USD");
  assert.throws(() => regulationBreakdownCsv(report, []), /regulation "ESA" of portfolio "" \(Call\) has no records/);
});
