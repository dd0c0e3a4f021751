import assert from "node:assert/strict";
import { CCP_RULES, ccpMargins } from "./margin_rules.ts";
import { buildCrudeStudy } from "./crude_study.ts";
import { makeCrudePanel } from "../testing/crude_panel_fixture.ts";
import { clLastTradingDays, overlappingSum, rolledDailyPnl } from "../market/cl_roll.ts";
import { hsMargin } from "../margin/hs.ts";
import { stressedPeriod } from "../margin/rolling_margin.ts";

const o = { mpor: 2, imTau: 0.99, lookback: 50, contractBbl: 1000 };
const ro = { ...o, floorLookback: 150, fhsLambda: 0.94, fhsBurnIn: 40 };

Deno.test("ccpMargins: every rule on every sample row, positive and finite", () => {
  const panel = makeCrudePanel(500, 3);
  for (const side of ["long", "short"] as const) {
    const study = buildCrudeStudy(panel, { ...o, side, features: ["rv_20d"] });
    const r = ccpMargins(panel, study, ro);
    assert.deepEqual(Object.keys(r), [...CCP_RULES]);
    for (const k of CCP_RULES) {
      assert.deepEqual(r[k].length, study.dates.length);
      assert.ok(r[k].every((v) => Number.isFinite(v) && v > 0), `${side} ${k}`);
    }
    assert.ok(r.flooredHs.every((v, i) => v >= study.im[i]));
    assert.ok(r.apcFloor.every((v, i) => v >= r.fhs[i]));
    assert.ok(r.apcStressWeight.every((v, i) => v >= 0.75 * r.fhs[i]));
    assert.ok(r.apcBuffer.every((v, i) => v >= r.fhs[i] && v <= 1.25 * r.fhs[i] + 1e-9));
  }
});

Deno.test("ccpMargins: the stressed margin is the largest HS window of the history (EMIR stressed period)", () => {
  const panel = makeCrudePanel(500, 4);
  const study = buildCrudeStudy(panel, { ...o, side: "long", features: ["rv_20d"] });
  const r = ccpMargins(panel, study, { ...ro, apcStressWeight: 1 });
  const daily = rolledDailyPnl(panel.columns.cl1, panel.columns.cl2, clLastTradingDays(panel.dates), 1000);
  const pnl = overlappingSum(daily, 2);
  const first = pnl.findIndex((v) => Number.isFinite(v));
  const i = study.dates.length - 1, t = study.panelOffset + i;
  const seg = pnl.slice(first, t + 1);
  const sp = stressedPeriod(seg, (w) => hsMargin(w, { tau: 0.99, measure: "var" }), 50);
  assert.ok(Math.abs(r.apcStressWeight[i] - sp.margin) < 1e-9);
});

Deno.test("ccpMargins: the FHS decay moves the FHS margin only", () => {
  const panel = makeCrudePanel(500, 5);
  const study = buildCrudeStudy(panel, { ...o, side: "long", features: ["rv_20d"] });
  const a = ccpMargins(panel, study, ro), b = ccpMargins(panel, study, { ...ro, fhsLambda: 0.5 });
  assert.ok(a.fhs.some((v, i) => v !== b.fhs[i]));
  assert.deepEqual(a.flooredHs, b.flooredHs);
});

Deno.test("ccpMargins: bad options are named", () => {
  const panel = makeCrudePanel(400, 1);
  const study = buildCrudeStudy(panel, { ...o, side: "long", features: ["rv_20d"] });
  assert.throws(() => ccpMargins(panel, study, { ...ro, floorLookback: 10 }), /floorLookback/);
  assert.throws(() => ccpMargins(panel, study, { ...ro, fhsLambda: 1 }), /fhsLambda/);
  assert.throws(() => ccpMargins(panel, study, { ...ro, fhsBurnIn: -1 }), /fhsBurnIn/);
  assert.throws(() => ccpMargins(panel, study, { ...ro, lookback: 60 }), /HS VaR/);
});
