import assert from "node:assert/strict";
import { parseCrif } from "./crif.ts";
import { loadCalibration } from "./load.ts";
import { computeSimm } from "./regulation.ts";
import { simmMarginFunction } from "./simm_margin_function.ts";
import { syntheticCrif } from "./synthetic_crif.ts";

const cal = await loadCalibration("2.6");
const S = { calibration: cal, mpor: 10 as const, calculationCurrency: "USD" };

Deno.test("simmMarginFunction: all ones is the CRIF's SIMM; 0 removes a unit; weights scale amounts", () => {
  const crif = parseCrif(syntheticCrif({ lines: 80, seed: 5, trades: 4 }), { file: "syn.csv" });
  const f = simmMarginFunction(crif.records, (r) => r.tradeId, S);
  assert.equal(f.units.length, 4);
  assert.equal(f.margin(new Float64Array(4).fill(1)), computeSimm(crif.records, S).sides.Call.total);
  const keep = crif.records.filter((r) => r.tradeId !== f.units[0]);
  assert.equal(f.margin(Float64Array.of(0, 1, 1, 1)), computeSimm(keep, S).sides.Call.total);
  const half = crif.records.map((r) => ({ ...r, amount: r.amount * 0.5, amountUsd: r.amountUsd * 0.5 }));
  assert.equal(f.margin(new Float64Array(4).fill(0.5)), computeSimm(half, S).sides.Call.total);
});

Deno.test("simmMarginFunction: multiplier rows are shared, never scaled; wrong length is a RangeError", () => {
  const text = "TradeID,ProductClass,RiskType,Qualifier,Bucket,Label1,Label2,Amount,AmountCurrency\n" +
    "A,RatesFX,Risk_FX,EUR,,,,1000,USD\n,,Param_ProductClassMultiplier,RatesFX,,,,2,\n";
  const f = simmMarginFunction(parseCrif(text).records, (r) => r.tradeId, S);
  assert.deepEqual(f.units, ["A"]);
  const one = f.margin(Float64Array.of(1)), two = f.margin(Float64Array.of(2));
  assert.ok(Math.abs(two - 2 * one) < 1e-9 * one);
  assert.throws(() => f.margin(new Float64Array(3)), /expected 1 weights, got 3/);
});
