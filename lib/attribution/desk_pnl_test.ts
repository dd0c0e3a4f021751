import assert from "node:assert/strict";
import { deskPnl } from "./desk_pnl.ts";
import { makeCrudePanel } from "../testing/crude_panel_fixture.ts";
import { clLastTradingDays, overlappingSum, rolledDailyPnl } from "../market/cl_roll.ts";

const panel = makeCrudePanel(400);
const units = [
  { id: "A", instrument: "cl1", quantity: 10, contractSize: 1000 },
  { id: "B", instrument: "cl2", quantity: -9, contractSize: 1000 },
  { id: "C", instrument: "hh_spot", quantity: 1, contractSize: 10000 },
];

Deno.test("deskPnl: futures rows are scaled rolled h-day P&Ls, spot rows plain h-day price changes, oldest first", () => {
  const pnl = deskPnl(panel, units, { mpor: 2, lookback: 250 });
  const t = 380, m = pnl.at(t);
  assert.deepEqual([m.rows, m.cols], [3, 250]);
  const ltd = clLastTradingDays(panel.dates);
  const fut = overlappingSum(rolledDailyPnl(panel.columns.cl1, panel.columns.cl2, ltd, 1), 2);
  for (const s of [0, 100, 249]) {
    const end = t - 249 + s; // the window of scenario s ends at this row
    assert.equal(m.data[s], 10 * 1000 * fut[end]);
    const hh = panel.columns.hh_spot;
    assert.ok(Math.abs(m.data[2 * 250 + s] - 10000 * (hh[end] - hh[end - 2])) < 1e-6);
  }
  // a short position's P&L is the negative of the long one's, in proportion to the quantity
  const flipped = deskPnl(panel, units.map((u) => ({ ...u, quantity: -u.quantity })), { mpor: 2, lookback: 250 }).at(t);
  for (let i = 0; i < m.data.length; i++) {
    assert.ok(Object.is(flipped.data[i], -m.data[i]) || flipped.data[i] === -m.data[i]);
  }
});

Deno.test("deskPnl: errors name the missing column, and the as-of date whose window runs before the panel", () => {
  assert.throws(
    () => deskPnl(panel, [{ id: "X", instrument: "nope", quantity: 1, contractSize: 1 }], { mpor: 2, lookback: 10 }),
    /no column "nope"/,
  );
  const pnl = deskPnl(panel, units, { mpor: 2, lookback: 250 });
  assert.throws(
    () => pnl.at(250),
    new RegExp(`as-of ${panel.dates[250]}: a lookback of 250 2-day scenarios needs history`),
  );
});
