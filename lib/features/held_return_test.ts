import assert from "node:assert/strict";
import { clLastTradingDays, rolledDailyPnl } from "../market/cl_roll.ts";
import { buildCrudeFeatures } from "./crude_features.ts";
import { featureColumn } from "./feature_frame.ts";
import { targetForwardLossFromDailyPnl } from "../targets/forward_loss.ts";
import { divideLagged, heldDailyChange, heldLogReturn, heldPriceIndex, rollingSum } from "./held_return.ts";
import { makeCrudePanel } from "../testing/crude_panel_fixture.ts";

const A = (...x: number[]) => Float64Array.from(x);

Deno.test("heldDailyChange: rolls into the next contract after a flagged last trading day", () => {
  const cl1 = A(50, 51, 53, 54), cl2 = A(50.5, 52.5, 53.6, 55);
  const h = heldDailyChange(cl1, cl2, Uint8Array.of(0, 1, 0, 0));
  assert.deepEqual(h.change, A(NaN, 1, 53 - 52.5, 1));
  assert.deepEqual(h.prev, A(NaN, 50, 52.5, 53));
  assert.deepEqual(heldDailyChange(cl1).change, A(NaN, 1, 2, 1));
  assert.deepEqual(rollingSum(h.change, 2), A(NaN, NaN, 1.5, 1.5));
  assert.deepEqual(divideLagged(A(NaN, 2, 4), A(40, 50, 80), 1), A(NaN, 0.05, 0.08));
  assert.deepEqual(heldPriceIndex(A(NaN, 50, 51, 53), A(NaN, NaN, 1, 0.5)), A(NaN, 50, 51, 51.5));
  const lr = heldLogReturn(A(50, 55, -1), heldDailyChange(A(50, 55, -1)), 1, A(50, 50, 50));
  assert.equal(lr[1], Math.log(1.1));
  assert.equal(lr[2], -56 / 50);
  assert.throws(() => heldDailyChange(cl1, undefined, Uint8Array.of(0, 1, 0, 0)), /next contract/);
  assert.throws(() => heldDailyChange(cl1, A(NaN, NaN, 1, 1), Uint8Array.of(0, 1, 0, 0)), /row 1/);
  assert.throws(() => rollingSum(cl1, 0), /n must be/);
});

Deno.test("buildCrudeFeatures: daily returns are the rolled P&L of the target (cl_roll), not the generic series' jump", () => {
  const p = makeCrudePanel(300, 8);
  const ltd = clLastTradingDays(p.dates);
  const rollDays: number[] = [];
  ltd.forEach((f, i) => f === 1 && i + 1 < 300 && rollDays.push(i + 1));
  assert.ok(rollDays.length >= 10);
  const f = buildCrudeFeatures(p);
  const raw = buildCrudeFeatures(p, { rollAdjust: false });
  const r = featureColumn(f, "ret_usd_1d"), rr = featureColumn(raw, "ret_usd_1d");
  const pnl = rolledDailyPnl(p.columns.cl1, p.columns.cl2, ltd, 1000);
  for (let t = 1; t < 300; t++) assert.ok(Math.abs(1000 * r[t] - pnl[t]) < 1e-9, `row ${t}`);
  for (const t of rollDays) {
    assert.equal(r[t], p.columns.cl1[t] - p.columns.cl2[t - 1]);
    assert.equal(rr[t], p.columns.cl1[t] - p.columns.cl1[t - 1]);
  }
  // The target from the same P&L: L_{t,t+h} = −Σ next h daily P&L for a long.
  const L = targetForwardLossFromDailyPnl(pnl, 5, 1);
  const r5 = featureColumn(f, "ret_usd_5d");
  assert.ok(Math.abs(L[100] + 1000 * r5[105]) < 1e-6);
  assert.throws(() => buildCrudeFeatures(p, { rollAdjust: "yes" as unknown as boolean }), TypeError);
});
