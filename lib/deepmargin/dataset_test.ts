import assert from "node:assert/strict";
import { buildMarketDay } from "./market_day.ts";
import { syntheticPanel } from "./synthetic_panel.ts";
import { decodePosition, encodePosition, labelDay, type PositionTuple, toPortfolio } from "./dataset.ts";
import type { Position } from "../market/portfolio.ts";

Deno.test("encodePosition/decodePosition round-trip; bad codes are named", () => {
  const ps: Position[] = [
    { type: "future", underlying: "BRENT", quantity: -4, expiry: 0.3 },
    { type: "put", underlying: "HH", quantity: 7, expiry: 0.1, strike: 3.25, style: "american" },
    { type: "call", underlying: "WTI", quantity: -1, expiry: 0.2, strike: 71.5, style: "european" },
  ];
  for (const p of ps) assert.deepEqual(decodePosition(encodePosition(p)), p);
  assert.throws(() => decodePosition([5, 0, 1, 0.1, 0, 0] as PositionTuple), /unknown instrument type code 5/);
  assert.throws(() => decodePosition([0, 9, 1, 0.1, 0, 0] as PositionTuple), /unknown underlying code 9/);
  assert.throws(() => decodePosition([1, 0, 1, 0.1, 50, 3] as PositionTuple), /unknown exercise style code 3/);
});

Deno.test("labelDay: deterministic per seed; labels consistent (SPAN2 = max(0, RR2 − NOV))", () => {
  // 50-step trees in both engines (the SPAN-like default), so both compute the same NOV
  const day = buildMarketDay(syntheticPanel(5, 2650), 2649, { historyDays: 2600, span2TreeSteps: 50 });
  const a = labelDay(day, { train: 15, test: 5 }, 3, { maxPositions: 5 });
  const b = labelDay(day, { train: 15, test: 5 }, 3, { maxPositions: 5 });
  assert.deepEqual(a, b);
  assert.equal(a.rows.length, 20);
  for (const r of a.rows) {
    assert.ok(r.span >= 0 && r.span2 >= 0);
    assert.ok(Math.abs(Math.max(0, r.rr2 - r.nov) - r.span2) <= 1e-6 * (1 + r.span2));
    assert.equal(toPortfolio(r).positions.length, r.positions.length);
  }
  assert.throws(() => labelDay(day, { train: -1 }, 3), /counts.train must be an integer >= 0/);
});
