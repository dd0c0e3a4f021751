import assert from "node:assert/strict";
import { parseCrif } from "./crif.ts";
import { parseDelimited } from "./csv.ts";
import { loadCalibration } from "./load.ts";
import { computeSimm } from "./regulation.ts";
import { simmCsv, simmJson, simmTable } from "./report.ts";

const cal = await loadCalibration("2.6");
const rep = computeSimm(
  parseCrif(
    'TradeID,PortfolioID,ProductClass,RiskType,Qualifier,Bucket,Label1,Label2,Amount,AmountCurrency,CollectRegulations\nA,"P,1",RatesFX,Risk_FX,EUR,,,,1000000,USD,"ESA,USPR"',
  ).records,
  { calibration: cal, mpor: 10, calculationCurrency: "USD", version: "2.6" },
);

Deno.test("simmCsv: ORE columns, quoted fields, 9 decimals, readable back", () => {
  const t = parseDelimited(simmCsv(rep), ",");
  assert.deepEqual(t.header, [
    "Portfolio",
    "ProductClass",
    "RiskClass",
    "MarginType",
    "Bucket",
    "SimmSide",
    "Regulation",
    "InitialMargin",
    "Currency",
    "CalculationCurrency",
  ]);
  assert.equal(t.rows[0][0], "P,1");
  assert.equal(t.rows[0][7], "7400000.000000000");
  const last = t.rows[t.rows.length - 1];
  assert.deepEqual(last.slice(0, 7), ["All", "All", "All", "All", "All", "Post", "Unspecified"]);
});

Deno.test("simmJson and simmTable", () => {
  const j = simmJson(rep);
  assert.equal(j.version, "2.6");
  assert.equal(j.sides.Call.regulation, "ESA");
  assert.equal(j.sides.Call.byMarginType.Delta, 7.4e6);
  assert.deepEqual(JSON.parse(JSON.stringify(j)), j);
  const table = simmTable(rep);
  assert.match(table, /SIMM 2\.6, MPOR 10 days, USD/);
  assert.match(table, /7,400,000\.00/);
});
