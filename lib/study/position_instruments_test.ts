import assert from "node:assert/strict";
import { instrumentPnl, yearFraction } from "./position_instruments.ts";
import { nearbyDailyPnl } from "../market/nearby_futures_pnl.ts";
import { clLastTradingDays, overlappingSum } from "../market/cl_roll.ts";
import { parBondHoldingPnl } from "../market/treasury_par_bond.ts";
import { makePositionPanel } from "../testing/position_panel_fixture.ts";
import type { Panel } from "../data/panel.ts";

const withColumn = (p: Panel, col: string, row: number, value: number): Panel => {
  const x = p.columns[col].slice();
  x[row] = value;
  return { ...p, columns: { ...p.columns, [col]: x } };
};

Deno.test("instrumentPnl: futures are the rolled k-th nearby, spot the price change, both additive", () => {
  const p = makePositionPanel(400, 1), c = p.columns, ltd = clLastTradingDays(p.dates);
  const f = instrumentPnl(p, "cl3", 2);
  assert.deepEqual(f.daily, nearbyDailyPnl([c.cl1, c.cl2, c.cl3, c.cl4], 3, ltd));
  assert.deepEqual(f.mpor, overlappingSum(f.daily, 2));
  const s = instrumentPnl(p, "wti_spot", 3);
  assert.equal(s.daily[10], c.wti_spot[10] - c.wti_spot[9]);
  assert.equal(s.mpor[10], s.daily[8] + s.daily[9] + s.daily[10]);
  assert.ok(s.additive && f.additive);
});

Deno.test("instrumentPnl: a Treasury's MPOR P&L reprices the bond issued h rows before, aged on the calendar", () => {
  const p = makePositionPanel(400, 2), c = p.columns, t = 123;
  const b = instrumentPnl(p, "ust30y", 5);
  const age = yearFraction(p.dates[t - 5], p.dates[t]);
  const w = (30 - age - 20) / 10;
  const yEnd = c.ust20y[t] / 100 + w * (c.ust30y[t] / 100 - c.ust20y[t] / 100);
  assert.ok(Math.abs(b.mpor[t] - parBondHoldingPnl(c.ust30y[t - 5] / 100, yEnd, 30, age)) < 1e-12);
  assert.ok(!b.additive && Number.isNaN(b.mpor[4]) && Number.isFinite(b.daily[1]));
  assert.equal(yearFraction("2024-01-05", "2024-01-08"), 3 / 365.25);
});

Deno.test("instrumentPnl: bad data is an error naming the column, date and value", () => {
  const p = makePositionPanel(300, 3);
  assert.throws(
    () => instrumentPnl(withColumn(p, "cl2", 100, NaN), "cl1", 2),
    /column "cl2": value NaN on 2010-05-24 \(row 100\) inside the series' life/,
  );
  assert.throws(
    () => instrumentPnl(withColumn(p, "brent_spot", 120, -3), "brent_spot", 2),
    /column "brent_spot" is -3 on 2010-06-21 \(row 120\); a brent_spot price ≤ 0 is not possible/,
  );
  assert.throws(() => instrumentPnl(withColumn(p, "hh_spot", 5, 0), "hh_spot", 2), /"hh_spot" is 0 on 2010-01-11/);
  assert.ok(Number.isFinite(instrumentPnl(withColumn(p, "wti_spot", 5, -10), "wti_spot", 2).daily[5])); // WTI can
  assert.throws(
    () => instrumentPnl(withColumn(p, "ust5y", 50, 45), "ust10y", 2),
    /column "ust5y" is 45 on 2010-03-15 \(row 50\); a Treasury yield is in percent/,
  );
  assert.throws(() => instrumentPnl(withColumn(p, "ust2y", 7, Infinity), "ust2y", 2), /non-finite value Infinity/);
  const { ust1y: _, ...rest } = p.columns;
  assert.throws(() => instrumentPnl({ ...p, columns: rest }, "ust2y", 2), /missing column "ust1y"/);
  assert.throws(() => instrumentPnl(p, "cl1", 0), /mpor must be an integer >= 1, got 0/);
  assert.throws(() => instrumentPnl(p, "gold" as never, 2), /unknown instrument "gold"/);
});
