import assert from "node:assert/strict";
import { oracleMultiplier } from "./oracle_multiplier.ts";
import { generateSyntheticMarket } from "../market/synthetic_market.ts";
import { oracleQuantileSeries } from "../market/synthetic_oracle.ts";
import { hsMargin } from "../margin/hs.ts";
import { createPrng } from "../core/prng.ts";

const market = generateSyntheticMarket(3, { days: 90, chains: false });
const opts = { mpor: 2, position: 1 as const, tau: 0.99, lookback: 40, contractSize: 1000, paths: 40 };

Deno.test("oracleMultiplier: q* / IM with IM the HS VaR of the trailing h-day P&Ls, and q* / (c·F)", () => {
  const o = oracleMultiplier(market, createPrng(5), opts);
  const q = oracleQuantileSeries(market, 2, 1, 0.99, createPrng(5), { paths: 40, contractSize: 1000 });
  assert.deepEqual(o.quantile, q); // same draws in the same order
  const t = 70;
  const pnl = Float64Array.from({ length: 40 }, (_, i) => 1000 * (market.front[t - 39 + i] - market.front[t - 41 + i]));
  assert.equal(o.im[t], hsMargin(pnl, { tau: 0.99, measure: "var" }));
  assert.equal(o.multiplier[t], q[t] / o.im[t]);
  assert.equal(o.relative[t], q[t] / (1000 * market.front[t]));
  for (let s = 0; s < opts.mpor + opts.lookback - 1; s++) {
    assert.ok(Number.isNaN(o.im[s]) && Number.isNaN(o.multiplier[s]));
  }
});

Deno.test("oracleMultiplier: a short position's IM is the HS VaR of the negated P&L", () => {
  const lo = oracleMultiplier(market, createPrng(1), opts),
    sh = oracleMultiplier(market, createPrng(1), { ...opts, position: -1 });
  const t = 80;
  const pnl = Float64Array.from(
    { length: 40 },
    (_, i) => -1000 * (market.front[t - 39 + i] - market.front[t - 41 + i]),
  );
  assert.equal(sh.im[t], hsMargin(pnl, { tau: 0.99, measure: "var" }));
  assert.notEqual(sh.im[t], lo.im[t]);
});
