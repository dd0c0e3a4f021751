import assert from "node:assert/strict";
import { riskClassUnit, simmAttributionTable } from "./simm_attribution.ts";
import { computeSimm, loadCalibration, parseCrif } from "../lib/simm/mod.ts";

const HEAD = "TradeID,ProductClass,RiskType,Qualifier,Bucket,Label1,Label2,Amount,AmountCurrency";
const settings = { calibration: await loadCalibration("2.6"), mpor: 10 as const, calculationCurrency: "USD" };

function amounts(table: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const l of table.split("\n").slice(3)) {
    const m = /^(\S+)\s+(-?[\d,]+\.\d\d)\s/.exec(l);
    if (m) out.set(m[1], Number(m[2].replace(/,/g, "")));
  }
  return out;
}

const crif = parseCrif(
  `${HEAD}\nA,RatesFX,Risk_FX,EUR,,,,1000000,USD\nB,RatesFX,Risk_FX,GBP,,,,-400000,USD\n` +
    `C,RatesFX,Risk_IRCurve,USD,1,5y,OIS,20000,USD\nC,Equity,Risk_Equity,XYZ,1,,spot,300000,USD\n`,
);
const total = computeSimm(crif.records, settings).sides.Call.total;

Deno.test("simmAttributionTable: per trade, pro-rata and Shapley add up to the call-side SIMM", () => {
  for (const method of ["pro-rata", "shapley"] as const) {
    const t = simmAttributionTable({ records: crif.records, settings, method, by: "trade", unitsPerUsd: 1 });
    const a = amounts(t);
    assert.deepEqual([...a.keys()], ["A", "B", "C"]);
    assert.ok(Math.abs([...a.values()].reduce((s, v) => s + v, 0) - total) < 0.02, t);
    assert.match(
      t,
      new RegExp(
        `total SIMM ${
          new Intl.NumberFormat("en-US", { minimumFractionDigits: 2 }).format(Math.round(total * 100) / 100)
        } USD`,
      ),
    );
  }
  const e = simmAttributionTable({ records: crif.records, settings, method: "euler", by: "trade", unitsPerUsd: 1 });
  assert.match(e, /Euler sum - total: /);
});

Deno.test("simmAttributionTable: per risk class, in the calculation currency", () => {
  const usd = amounts(
    simmAttributionTable({ records: crif.records, settings, method: "standalone", by: "risk-class", unitsPerUsd: 1 }),
  );
  assert.deepEqual([...usd.keys()], ["FX", "InterestRate", "Equity"]);
  const eur = simmAttributionTable({
    records: crif.records,
    settings: { ...settings, calculationCurrency: "EUR" },
    method: "standalone",
    by: "risk-class",
    unitsPerUsd: 0.5,
  });
  assert.match(eur, /standalone \(EUR\)/);
  assert.ok(Math.abs(amounts(eur).get("Equity")! - 0.5 * usd.get("Equity")!) < 0.01);
});

Deno.test("simmAttributionTable: sampled Shapley above 12 trades shows standard errors and the seed", () => {
  const lines = Array.from({ length: 13 }, (_, i) => `T${i},RatesFX,Risk_FX,EUR,,,,${(i + 1) * 10000},USD`);
  const big = parseCrif(`${HEAD}\n${lines.join("\n")}\n`);
  const t = simmAttributionTable({ records: big.records, settings, method: "shapley", by: "trade", unitsPerUsd: 1 });
  assert.match(t, /std err/);
  assert.match(t, /sampled Shapley \(13 units > 12\): seed \d+/);
  assert.equal(
    t,
    simmAttributionTable({ records: big.records, settings, method: "shapley", by: "trade", unitsPerUsd: 1 }),
  );
});

Deno.test("riskClassUnit: sensitivities by risk class, parameter rows as AdditionalIM", () => {
  const p = parseCrif(
    `${HEAD}\n,RatesFX,Param_AddOnFixedAmount,,,,,1000,USD\nX,Credit,Risk_CreditQ,ISIN1,1,5y,,100,USD\n`,
  );
  assert.deepEqual(p.records.map(riskClassUnit), ["AdditionalIM", "CreditQualifying"]);
});
