import assert from "node:assert/strict";
import { cumulativePnl, pnlHistoryFeatureColumns } from "./pnl_history_features.ts";
import { assembleFeatureFrame } from "./feature_frame.ts";
import { createPrng } from "../core/prng.ts";

function dailyPnl(n: number, seed: number): Float64Array {
  const rng = createPrng(seed);
  return Float64Array.from({ length: n }, (_, i) => (i === 0 ? NaN : rng.normal() * (i > n / 2 ? 3 : 1)));
}

Deno.test("pnlHistoryFeatureColumns: definitions on a known series", () => {
  const d = dailyPnl(400, 1);
  const cols = Object.fromEntries(pnlHistoryFeatureColumns(d).map((c) => [c.name, c.values]));
  assert.deepEqual(Object.keys(cols), [
    "pnl_1d",
    "pnl_5d",
    "pnl_20d",
    "rv_5d",
    "rv_20d",
    "rv_60d",
    "rv_250d",
    "ewma_vol",
    "vol_ratio",
    "jump_ratio_20d",
    "jump_flag",
    "drawdown_250d",
  ]);
  const t = 300;
  let s5 = 0, ss = 0;
  for (let i = t - 4; i <= t; i++) s5 += d[i];
  for (let i = t - 19; i <= t; i++) ss += d[i] * d[i];
  assert.ok(Math.abs(cols.pnl_5d[t] - s5) < 1e-12);
  assert.ok(Math.abs(cols.rv_20d[t] - Math.sqrt((252 / 20) * ss)) < 1e-12);
  assert.equal(cols.vol_ratio[t], cols.rv_5d[t] / cols.rv_250d[t]);
  assert.ok(Number.isNaN(cols.rv_250d[249]) && Number.isFinite(cols.rv_250d[250]));
  const cum = cumulativePnl(d);
  let peak = -Infinity;
  for (let i = t - 249; i <= t; i++) peak = Math.max(peak, cum[i]);
  assert.equal(cols.drawdown_250d[t], cum[t] - peak);
  assert.ok(cols.drawdown_250d.every((v) => Number.isNaN(v) || v <= 0));
});

Deno.test("pnlHistoryFeatureColumns: no look-ahead — perturbing rows after t leaves rows ≤ t bitwise equal", () => {
  const d = dailyPnl(500, 2);
  const cols = pnlHistoryFeatureColumns(d);
  const a = assembleFeatureFrame(Array.from({ length: 500 }, (_, i) => String(100000 + i)), cols);
  for (const t of [260, 300, 420]) {
    const e = d.slice();
    for (let i = t + 1; i < e.length; i++) e[i] = e[i] * 7 + 1;
    const b = assembleFeatureFrame(a.dates, pnlHistoryFeatureColumns(e));
    const F = a.names.length;
    assert.deepEqual(b.values.subarray(0, (t + 1) * F), a.values.subarray(0, (t + 1) * F), `t=${t}`);
  }
});

Deno.test("pnlHistoryFeatureColumns: a short position's features are the long's with P&L signs flipped", () => {
  const d = dailyPnl(400, 3);
  const long = pnlHistoryFeatureColumns(d), short = pnlHistoryFeatureColumns(d.map((x) => -x));
  for (let j = 0; j < long.length; j++) {
    const odd = long[j].name.startsWith("pnl_");
    const want = odd ? long[j].values.map((x) => -x) : long[j].values;
    if (long[j].name.startsWith("drawdown")) continue;
    // NaN of either sign counts as equal (the warm-up rows)
    short[j].values.forEach((v, t) => assert.ok(Object.is(v, want[t]) || (Number.isNaN(v) && Number.isNaN(want[t]))));
  }
});

Deno.test("pnlHistoryFeatureColumns: bad options and infinite P&L are errors naming them", () => {
  const d = dailyPnl(50, 4);
  assert.throws(() => pnlHistoryFeatureColumns(d, { volWindows: [] }), /volWindows a non-empty array/);
  assert.throws(
    () => pnlHistoryFeatureColumns(d, { volWindows: [1] }),
    /volWindows\[0\] must be an integer >= 2, got 1/,
  );
  assert.throws(() => pnlHistoryFeatureColumns(d, { ewmaLambda: 1 }), /ewmaLambda must be in \(0, 1\), got 1/);
  assert.throws(() => pnlHistoryFeatureColumns(d, { bogus: 1 } as never), /unknown option "bogus"/);
  const bad = d.slice();
  bad[7] = Infinity;
  assert.throws(() => pnlHistoryFeatureColumns(bad), /daily P&L is Infinity at row 7/);
});
