import assert from "node:assert/strict";
import { smileFigureData } from "./smile_figure_data.ts";
import { cleanChain } from "./chain.ts";
import { black76Price } from "../market/black76.ts";

const quotes = [70, 80, 90, 100, 110, 120, 130].flatMap((K) =>
  [true, false].map((isCall) => {
    const px = black76Price(isCall, 100, K, 0.25, 0.4, 0.99);
    return { expiry: "3M", T: 0.25, strike: K, isCall, bid: 0.98 * px, ask: 1.02 * px };
  })
);
const flat = { svi: { a: 0.04, b: 0, rho: 0, m: 0, sigma: 0.1 }, sabr: { alpha: 0.4, beta: 1, rho: 0, nu: 1e-9 } };

Deno.test("smileFigureData: bid ≤ mid ≤ ask vols per quote; curves span the quoted strikes on an even grid", () => {
  const s = cleanChain(quotes, { discount: 0.99 });
  const fig = smileFigureData(s, flat, { gridN: 13, digits: 6 });
  assert.equal(fig.quotes.length, s.quotes.length);
  for (const q of fig.quotes) {
    assert.ok(q.bid !== null && q.ask !== null && q.mid !== null);
    assert.ok(q.bid <= q.mid && q.mid <= q.ask, `K=${q.K}`);
    assert.ok(Math.abs(q.mid - 0.4) < 1e-4);
  }
  assert.equal(fig.curve[0].K, s.quotes[0].strike);
  assert.equal(fig.curve[12].K, s.quotes[s.quotes.length - 1].strike);
  for (const c of fig.curve) assert.ok(Math.abs(c.svi! - 0.4) < 1e-9 && Math.abs(c.sabr! - 0.4) < 1e-6);
  assert.equal(fig.T, 0.25);
});
