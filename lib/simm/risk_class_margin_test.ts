import assert from "node:assert/strict";
import { loadCalibration } from "./load.ts";
import type { NetSensitivity, SimmSettings } from "./risk_class_margin.ts";
import { riskClassMargin } from "./risk_class_margin.ts";
import type { RiskClass, SensitivityRiskType } from "./types.ts";

const cal = await loadCalibration("2.6");
const S10: SimmSettings = { calibration: cal, mpor: 10, calculationCurrency: "USD" };
const S1: SimmSettings = { calibration: cal, mpor: 1, calculationCurrency: "USD" };
const s = (
  riskType: SensitivityRiskType,
  qualifier: string,
  bucket: string,
  label1: string,
  label2: string,
  amount: number,
): NetSensitivity => ({ riskType, qualifier, bucket, label1, label2, amount, source: "test:1" });
const close = (a: number, b: number, rel = 1e-12) =>
  assert.ok(Math.abs(a - b) <= rel * Math.max(1, Math.abs(b)), `${a} vs ${b}`);
const m = (rc: RiskClass, xs: NetSensitivity[], st = S10, side: "Call" | "Post" = "Call") =>
  riskClassMargin(rc, xs, st, side);

Deno.test("IR delta: risk weight, tenor and sub-curve correlation (2.6, hand computed)", () => {
  close(m("InterestRate", [s("Risk_IRCurve", "USD", "1", "5y", "OIS", 1e6)]).delta, 60e6);
  close(m("InterestRate", [s("Risk_IRCurve", "USD", "1", "5y", "OIS", 1e6)], S1).delta, 18e6);
  // two tenors, same sub-curve: ρ(5y,10y) = 0.95
  const a = 60e6, b = 60e6 * 2;
  close(
    m("InterestRate", [
      s("Risk_IRCurve", "USD", "1", "5y", "OIS", 1e6),
      s("Risk_IRCurve", "USD", "1", "10y", "OIS", 2e6),
    ]).delta,
    Math.sqrt(a * a + b * b + 2 * 0.95 * a * b),
  );
  // same tenor, different sub-curves: ρ = 0.993
  close(
    m("InterestRate", [
      s("Risk_IRCurve", "USD", "1", "5y", "OIS", 1e6),
      s("Risk_IRCurve", "USD", "1", "5y", "Libor3m", -1e6),
    ]).delta,
    60e6 * Math.sqrt(2 - 2 * 0.993),
  );
  // two currencies: γ = 0.32, no concentration
  const u = 60e6, e = -60e6;
  close(
    m("InterestRate", [
      s("Risk_IRCurve", "USD", "1", "5y", "OIS", 1e6),
      s("Risk_IRCurve", "EUR", "1", "5y", "OIS", -1e6),
    ]).delta,
    Math.sqrt(u * u + e * e + 2 * 0.32 * u * e),
  );
});

Deno.test("IR delta concentration: CR = sqrt(|Σs| / T) above the threshold (USD T = 330m), none at 1-day", () => {
  const amount = 1320e6; // 4 × threshold → CR = 2
  close(m("InterestRate", [s("Risk_IRCurve", "USD", "1", "5y", "OIS", amount)]).delta, 60 * amount * 2);
  close(m("InterestRate", [s("Risk_IRCurve", "USD", "1", "5y", "OIS", amount)], S1).delta, 18 * amount);
});

Deno.test("FX delta: calculation currency ignored, regular/high-vol weights and correlation", () => {
  close(m("FX", [s("Risk_FX", "USD", "", "", "", 1e9)]).delta, 0);
  close(m("FX", [s("Risk_FX", "EUR", "", "", "", 1e6)]).delta, 7.4e6);
  close(m("FX", [s("Risk_FX", "BRL", "", "", "", 1e6)]).delta, 14.7e6);
  const a = 7.4e6, b = 7.4e6;
  close(
    m("FX", [s("Risk_FX", "EUR", "", "", "", 1e6), s("Risk_FX", "GBP", "", "", "", 1e6)]).delta,
    Math.sqrt(a * a + b * b + 2 * 0.5 * a * b),
  );
});

Deno.test("IR vega and curvature: VRW × s; curvature = (Σ CVR + λ K) / HVR² with SF(t) = 0.5 min(1, 14/t)", () => {
  const r = m("InterestRate", [s("Risk_IRVol", "USD", "", "5y", "", 1e6)]);
  close(r.vega, 0.23e6);
  const cvr = 0.5 * (14 / (5 * 365)) * 1e6;
  const z = 2.5758293035489004;
  close(r.curvature, (z * z * cvr) / (0.47 * 0.47));
  close(r.buckets.Curvature.get("USD")!, cvr);
  // post side: CVR negated → θ = −1, λ = 1 → max(−cvr + cvr, 0) = 0 ; delta/vega unchanged
  const p = m("InterestRate", [s("Risk_IRVol", "USD", "", "5y", "", 1e6)], S10, "Post");
  assert.ok(Math.abs(p.curvature) < 1e-9);
  close(p.vega, r.vega);
});

Deno.test("equity: residual bucket added outside the square root; σ-scaled vega", () => {
  const a = m("Equity", [s("Risk_Equity", "X", "1", "", "", 1e5)]).delta;
  const b = m("Equity", [s("Risk_Equity", "Y", "Residual", "", "", 1e5)]).delta;
  close(
    m("Equity", [s("Risk_Equity", "X", "1", "", "", 1e5), s("Risk_Equity", "Y", "Residual", "", "", 1e5)]).delta,
    a + b,
  );
  const v = m("Equity", [s("Risk_EquityVol", "X", "1", "1y", "", 1e3)]).vega;
  const sigma = (a / 1e5) * Math.sqrt(365 / 14) / 2.3263478740408408;
  close(v, 0.6 * 0.45 * sigma * 1e3, 1e-12);
});

Deno.test("credit qualifying: same issuer 0.93, different 0.46 (2.6), base correlation separate", () => {
  const w = 75e4;
  close(
    m("CreditQualifying", [s("Risk_CreditQ", "I1", "1", "1y", "", 1e4), s("Risk_CreditQ", "I1", "1", "5y", "", 1e4)])
      .delta,
    w * Math.sqrt(2 + 2 * 0.93),
  );
  close(
    m("CreditQualifying", [s("Risk_CreditQ", "I1", "1", "1y", "", 1e4), s("Risk_CreditQ", "I2", "1", "5y", "", 1e4)])
      .delta,
    w * Math.sqrt(2 + 2 * 0.46),
  );
  const bc = m("CreditQualifying", [
    s("Risk_BaseCorr", "CDX IG", "", "", "", 1e4),
    s("Risk_BaseCorr", "iTraxx", "", "", "", 1e4),
  ]);
  assert.equal(bc.delta, 0);
  close(bc.baseCorr, 1e5 * Math.sqrt(2 + 2 * 0.29));
});

Deno.test("missing calibration entry names the source line", () => {
  assert.throws(
    () => m("Commodity", [s("Risk_Commodity", "Gold", "18", "", "", 1)]),
    (e: unknown) => e instanceof RangeError && /test:1: SIMM .* no delta/.test(e.message),
  );
});
