import assert from "node:assert/strict";
import { lookupParam, paramKey, parseSimmCalibration, selectCalibration } from "./calibration.ts";
import { loadCalibrations } from "./load.ts";
import { RISK_CLASSES } from "./types.ts";

const cals = await loadCalibrations();
const byName = (v: string) => selectCalibration(cals, v);

Deno.test("calibration: versions 2.5, 2.5A and 2.6 are found; aliases resolve; unknown version is a RangeError", () => {
  assert.equal(byName("2.5").effectiveDate, "2022-12-03");
  assert.equal(byName("2.5A").effectiveDate, "2023-07-15");
  assert.equal(byName("2.6"), byName("2.5.6"));
  assert.equal(byName("latest"), byName("2.6"));
  assert.throws(
    () => byName("2.7"),
    (e: unknown) => e instanceof RangeError && /unknown SIMM version "2.7".*2\.5A/.test(e.message),
  );
});

Deno.test("calibration: typed tables hold the published 2.6 parameters for both MPORs", () => {
  const c = byName("2.6");
  const ir = c.riskClasses.InterestRate;
  assert.equal(ir.riskWeights[10].delta.get(paramKey("1", "2w")), 109);
  assert.equal(ir.riskWeights[1].delta.get(paramKey("2", "3m")), 1.7);
  assert.equal(ir.riskWeights[10].hvr, 0.47);
  assert.equal(ir.riskWeights[10].inflation, 61);
  assert.equal(ir.riskWeights[1].xccyBasis, 6);
  assert.equal(ir.intraBucket.get(paramKey("", "2w", "1m")), 0.77);
  assert.equal(ir.correlationScalars.get("SubCurves"), 0.993);
  assert.equal(ir.riskWeightCurrencyGroups.get("JPY"), "2");
  assert.equal(ir.thresholdCurrencyGroups.get("USD"), "2");
  assert.equal(ir.deltaThresholds.get(paramKey("2")), 330);
  assert.equal(c.riskClasses.CreditQualifying.riskWeights[10].baseCorrelation, 10);
  assert.equal(c.riskClasses.FX.riskWeights[10].delta.get(paramKey("", "1", "2")), 14.7);
  assert.equal(c.riskClasses.FX.intraBucket.get(paramKey("1", "1", "1")), 0.5);
  assert.equal(c.riskClassCorrelations.get(paramKey("InterestRate", "FX")), 0.14);
  for (const rc of RISK_CLASSES) {
    assert.ok(c.riskClasses[rc].riskWeights[10].delta.size > 0, rc);
    assert.ok(c.riskClasses[rc].riskWeights[1].delta.size > 0, rc);
  }
  assert.equal(lookupParam(ir.deltaThresholds, "IR delta threshold", paramKey("4")), 61);
  assert.throws(() => lookupParam(ir.deltaThresholds, "IR delta threshold", paramKey("9")), RangeError);
});

Deno.test("calibration: 2.5 and 2.5A differ only in interest-rate delta risk weights", () => {
  const a = byName("2.5"), b = byName("2.5A");
  let differing = 0;
  for (const rc of RISK_CLASSES) {
    for (const mpor of [10, 1] as const) {
      const wa = a.riskClasses[rc].riskWeights[mpor], wb = b.riskClasses[rc].riskWeights[mpor];
      for (const [k, v] of wa.delta) if (wb.delta.get(k) !== v) differing += rc === "InterestRate" ? 1 : 1000;
      assert.deepEqual(wa.vega, wb.vega);
      assert.equal(wa.hvr, wb.hvr);
    }
    assert.deepEqual(a.riskClasses[rc].intraBucket, b.riskClasses[rc].intraBucket);
    assert.deepEqual(a.riskClasses[rc].deltaThresholds, b.riskClasses[rc].deltaThresholds);
  }
  assert.ok(differing > 0 && differing < 1000, `differing=${differing}`);
});

Deno.test("calibration: malformed input is a TypeError naming the file", () => {
  assert.throws(
    () => parseSimmCalibration("<SIMMCalibrationData>", "broken.xml"),
    (e: unknown) => e instanceof TypeError && /broken\.xml/.test(e.message),
  );
  assert.throws(() => parseSimmCalibration("<Other/>", "other.xml"), /other\.xml: no <SIMMCalibrationData>/);
  const bad = `<SIMMCalibrationData><SIMMCalibration id="x"><VersionNames><Name>9</Name></VersionNames>
    <InterestRate><RiskWeights><Delta mporDays="10"><Weight bucket="1" label1="2w">abc</Weight></Delta></RiskWeights></InterestRate>
    </SIMMCalibration></SIMMCalibrationData>`;
  assert.throws(
    () => parseSimmCalibration(bad, "nan.xml"),
    (e: unknown) => e instanceof TypeError && /nan\.xml.*"abc"/.test(e.message),
  );
});
