import assert from "node:assert/strict";
import { eulerAttribution, shapleyAttribution, standaloneAttribution } from "./attribution.ts";
import { parseCrif } from "./crif.ts";
import { loadCalibration } from "./load.ts";
import { simmMarginFunction } from "./simm_margin_function.ts";
import { syntheticCrif } from "./synthetic_crif.ts";

const cal = await loadCalibration("2.6");
const S = { calibration: cal, mpor: 10 as const, calculationCurrency: "USD" };

Deno.test("SIMM attribution by trade: below thresholds Euler is additive; Shapley is efficient", () => {
  // small amounts: no concentration add-on anywhere
  const crif = parseCrif(syntheticCrif({ lines: 120, seed: 5, trades: 6 }), { file: "syn.csv" });
  const f = simmMarginFunction(crif.records.map((r) => ({ ...r, amountUsd: r.amountUsd * 1e-3 })), (r) => r.tradeId, S);
  assert.equal(f.units.length, 6);
  const e = eulerAttribution(f.margin, f.units.length, 1e-6);
  assert.ok(Math.abs(e.gap) < 1e-6 * e.total, `Euler gap ${e.gap} of ${e.total}`);
  const s = shapleyAttribution(f.margin, f.units.length);
  assert.ok(Math.abs(s.gap) < 1e-6 * s.total);
  const sa = standaloneAttribution(f.margin, f.units.length);
  let sum = 0;
  for (const c of sa.contributions) sum += c;
  assert.ok(sum >= sa.total, "diversification: Σ standalone ≥ total");
});

Deno.test("SIMM attribution: concentration makes Euler over-allocate (Euler sum > total)", () => {
  const text = "TradeID,ProductClass,RiskType,Qualifier,Bucket,Label1,Label2,Amount,AmountCurrency\n" +
    "A,Equity,Risk_Equity,ISIN:X,1,,,30000000,USD\nB,Equity,Risk_Equity,ISIN:X,1,,,30000000,USD\n";
  const f = simmMarginFunction(parseCrif(text).records, (r) => r.tradeId, S);
  const e = eulerAttribution(f.margin, 2);
  // one concentrated factor: SIMM ∝ |s|^1.5, so the Euler sum is 1.5 × total
  assert.ok(Math.abs(e.gap / e.total - 0.5) < 1e-6, `ratio ${e.gap / e.total}`);
  assert.throws(() => f.margin(new Float64Array(3)), RangeError);
});
