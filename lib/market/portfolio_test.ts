import assert from "node:assert/strict";
import { curveAt, instrumentKey, type MarketState, unitValue, validateMarket, validatePortfolio } from "./portfolio.ts";
import type { Position } from "./portfolio.ts";
import { black76Price } from "./black76.ts";

const market: MarketState = {
  WTI: { expiries: [0.1, 0.5, 1], prices: [72, 71, 70], vols: [0.4, 0.37, 0.35], rate: 0.04, contractSize: 1000 },
  HH: { expiries: [0.25, 1], prices: [3, 3.5], vols: [0.6, 0.5], rate: 0.04, contractSize: 10000 },
};

Deno.test("curveAt interpolates linearly and extrapolates flat", () => {
  const c = curveAt(market, "WTI", 0.3);
  assert.ok(Math.abs(c.price - 71.5) < 1e-12 && Math.abs(c.vol - 0.385) < 1e-12);
  assert.equal(curveAt(market, "WTI", 5).price, 70);
  assert.equal(curveAt(market, "WTI", 0.01).price, 72);
});

Deno.test("unitValue: futures = price, European options = Black-76", () => {
  assert.equal(unitValue({ type: "future", underlying: "WTI", expiry: 1 }, 70, 0.3, 0.04, 50), 70);
  const v = unitValue({ type: "call", underlying: "WTI", expiry: 1, strike: 75 }, 70, 0.3, 0.04, 50);
  assert.ok(Math.abs(v - black76Price(true, 70, 75, 1, 0.3, Math.exp(-0.04))) < 1e-14);
  assert.equal(instrumentKey({ type: "put", underlying: "HH", expiry: 1, strike: 3 }), "put|HH|1|3|european");
});

Deno.test("validatePortfolio: accepts a mixed portfolio", () => {
  validatePortfolio({
    positions: [
      { type: "future", underlying: "WTI", quantity: 3, expiry: 0.1 },
      { type: "call", underlying: "HH", quantity: -2, expiry: 0.5, strike: 3.2, style: "american" },
    ],
  }, market);
});

Deno.test("validatePortfolio: bad positions are named", () => {
  const bad = (p: Record<string, unknown>) => () =>
    validatePortfolio({ positions: [p as unknown as Position] }, market);
  assert.throws(
    bad({ type: "swap", underlying: "WTI", quantity: 1, expiry: 1 }),
    /positions\[0\].type: unknown instrument type "swap"/,
  );
  assert.throws(
    bad({ type: "future", underlying: "GOLD", quantity: 1, expiry: 1 }),
    /positions\[0\].underlying: unknown underlying "GOLD"/,
  );
  assert.throws(bad({ type: "future", underlying: "BRENT", quantity: 1, expiry: 1 }), /no market state for "BRENT"/);
  assert.throws(
    bad({ type: "call", underlying: "WTI", quantity: 1, expiry: -0.01, strike: 70 }),
    /call on WTI has expired \(expiry -0.01/,
  );
  assert.throws(
    bad({ type: "future", underlying: "WTI", quantity: 0, expiry: 1 }),
    /positions\[0\].quantity must be a finite non-zero number of contracts, got 0/,
  );
  assert.throws(
    bad({ type: "put", underlying: "WTI", quantity: 1, expiry: 1, strike: -5 }),
    /strike must be finite and > 0 for an option, got -5/,
  );
  assert.throws(
    bad({ type: "put", underlying: "WTI", quantity: 1, expiry: 1, strike: 5, style: "bermudan" }),
    /unknown exercise style "bermudan"/,
  );
  assert.throws(
    bad({ type: "future", underlying: "WTI", quantity: NaN, expiry: 1 }),
    /quantity must be a finite non-zero number of contracts, got NaN/,
  );
});

Deno.test("validateMarket: bad market state is named", () => {
  const m = (x: Record<string, unknown>) => () => validateMarket({ WTI: { ...market.WTI!, ...x } });
  assert.throws(m({ vols: [0.4, 0.37] }), /market.WTI.vols must be an array of length 3/);
  assert.throws(
    m({ expiries: [0.1, 0.05, 1] }),
    /market.WTI.expiries\[1\] must be finite, > 0 and increasing, got 0.05/,
  );
  assert.throws(m({ contractSize: -1000 }), /market.WTI.contractSize must be finite and > 0, got -1000/);
  assert.throws(() => validateMarket({ GOLD: market.WTI } as MarketState), /unknown underlying "GOLD"/);
});
