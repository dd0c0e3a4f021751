import assert from "node:assert/strict";
import { parseCrif } from "./crif.ts";
import { loadCalibration } from "./load.ts";
import type { SimmSettings } from "./risk_class_margin.ts";
import { computeSimmGroup, netSensitivities, simmParameters } from "./simm.ts";

const cal = await loadCalibration("2.6");
const S: SimmSettings = { calibration: cal, mpor: 10, calculationCurrency: "USD" };
const HEAD = "TradeID,ProductClass,RiskType,Qualifier,Bucket,Label1,Label2,Amount,AmountCurrency,AmountUSD";
const crif = (...lines: string[]) => parseCrif([HEAD, ...lines].join("\n"), { file: "t.csv" }).records;
const close = (a: number, b: number) => assert.ok(Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(b)), `${a} vs ${b}`);

Deno.test("netting sums the same risk factor across trades, keeps product classes apart", () => {
  const net = netSensitivities(crif(
    "A,RatesFX,Risk_FX,EUR,,,,1,USD,1",
    "B,RatesFX,Risk_FX,EUR,,,,2,USD,2",
    "C,Credit,Risk_FX,EUR,,,,4,USD,4",
  ));
  assert.equal(net.get("RatesFX")!.get("FX")![0].amount, 3);
  assert.equal(net.get("Credit")!.get("FX")![0].amount, 4);
});

Deno.test("risk classes aggregate with ψ inside a product class; product classes add", () => {
  const ir = 60e6, fx = 7.4e6;
  const r = computeSimmGroup(
    crif("A,RatesFX,Risk_IRCurve,USD,1,5y,OIS,1000000,USD,1000000", "A,RatesFX,Risk_FX,EUR,,,,1000000,USD,1000000"),
    S,
  );
  close(r.simm, Math.sqrt(ir * ir + fx * fx + 2 * 0.14 * ir * fx));
  close(r.byMarginType.Delta, r.simm);
  const two = computeSimmGroup(
    crif("A,RatesFX,Risk_IRCurve,USD,1,5y,OIS,1000000,USD,1000000", "A,Credit,Risk_FX,EUR,,,,1000000,USD,1000000"),
    S,
  );
  close(two.simm, ir + fx);
  const row = (pc: string, rc: string, mt: string) =>
    two.rows.find((x) => x.productClass === pc && x.riskClass === rc && x.marginType === mt && x.bucket === "All")!;
  close(row("All", "All", "All").initialMargin, ir + fx);
  close(row("Credit", "FX", "Delta").initialMargin, fx);
  close(row("All", "InterestRate", "All").initialMargin, ir);
});

Deno.test("multipliers and add-ons: (m − 1)·SIMM_p, factor% × notional, fixed amounts; first multiplier wins", () => {
  const r = computeSimmGroup(
    crif(
      "A,RatesFX,Risk_FX,EUR,,,,1000000,USD,1000000",
      ",,Param_ProductClassMultiplier,RatesFX,,,,1.5,,",
      ",,Param_ProductClassMultiplier,RatesFX,,,,3,,",
      ",,Param_AddOnNotionalFactor,Alpha,,,,12.5,,",
      ",,Notional,Alpha,,,,100,USD,100",
      ",,Notional,Alpha,,,,300,USD,300",
      ",,Notional,NoFactor,,,,1000,USD,1000",
      ",,Param_AddOnFixedAmount,,,,,7,USD,7",
      ",,Param_AddOnFixedAmount,,,,,3,USD,3",
    ),
    S,
  );
  close(r.simm, 7.4e6);
  close(r.additionalIm, 0.5 * 7.4e6 + 0.125 * 400 + 10);
  close(r.total, r.simm + r.additionalIm);
  const p = simmParameters(
    crif(",,Param_ProductClassMultiplier,Credit,,,,1.1,,", ",,Param_ProductClassMultiplier,Credit,,,,1.2,,"),
  );
  assert.equal(p.multipliers.get("Credit"), 1.1);
});

Deno.test("empty input gives zero and a single total row", () => {
  const r = computeSimmGroup([], S);
  assert.equal(r.total, 0);
  assert.equal(r.rows.length, 1);
});
