import assert from "node:assert/strict";
import { type ChainSampleFitOptions, chainSampleFits } from "./chain_sample_fits.ts";
import type { OptionQuote } from "./chain.ts";
import { sviTotalVariance } from "./svi.ts";
import { black76Price } from "../market/black76.ts";

/** Calls and puts on 15 strikes per expiry, priced from one SVI smile scaled by T (calendar-arbitrage free). */
function sviChain(expiries: { expiry: string; T: number }[], halfSpread = 0.002): OptionQuote[] {
  const F = 20, svi = { a: 0.04, b: 0.3, rho: 0.4, m: 0.05, sigma: 0.2 };
  return expiries.flatMap(({ expiry, T }) =>
    Array.from({ length: 15 }, (_, i) => 12 + i).flatMap((K) =>
      [true, false].map((isCall) => {
        const vol = Math.sqrt(sviTotalVariance(svi, Math.log(K / F)));
        const px = black76Price(isCall, F, K, T, vol, Math.exp(-0.01 * T));
        return { expiry, T, strike: K, isCall, bid: px - halfSpread, ask: px + halfSpread };
      })
    )
  );
}

const opts: ChainSampleFitOptions = {
  maxRelSpread: 1,
  fitWeighting: "vegaSpread",
  sabrBeta: 1,
  rhoBoundAbs: 0.99,
  calendarGrid: { kMin: -0.3, kMax: 0.3, n: 41 },
  figureExpiries: ["2020-03-01"],
  smileGridN: 11,
  digits: 5,
  label: "test",
};
const expiries = [{ expiry: "2020-02-01", T: 0.1 }, { expiry: "2020-03-01", T: 0.2 }, {
  expiry: "2020-06-01",
  T: 0.45,
}];

Deno.test("chainSampleFits: quotes priced from an SVI surface are refitted to well under a vol point, arbitrage free", () => {
  const quotes = sviChain(expiries);
  const r = chainSampleFits(quotes, opts);
  assert.equal(r.rawQuotes, quotes.length);
  assert.equal(r.expiries, 3);
  assert.equal(r.fittedSlices, 3);
  assert.equal(r.summary.sviRmseVolPts.n, 3);
  assert.ok(r.summary.sviRmseVolPts.max! < 0.5, `SVI RMSE ${r.summary.sviRmseVolPts.max} vol pts`);
  assert.ok(r.calendar.ok);
  assert.equal(r.summary.sviArbitrageFlagged, 0);
  const e = r.byExpiry.d20200301;
  assert.ok(e.fitted && Math.abs(e.forward - 20) < 1e-6 && Math.abs(e.impliedRate - 0.01) < 1e-6);
  assert.equal(r.figure.length, 1);
  assert.equal(r.figure[0].curve.length, 11);
  // cleaned quotes are the out-of-the-money side of each strike
  assert.equal(r.cleanQuotes, r.byExpiry.d20200201.quotes + e.quotes + r.byExpiry.d20200601.quotes);
});

Deno.test("chainSampleFits: a figure expiry without a fitted slice is an error naming it", () => {
  assert.throws(
    () => chainSampleFits(sviChain(expiries), { ...opts, figureExpiries: ["2021-01-01"] }),
    /figure expiry 2021-01-01 has no fitted test slice/,
  );
});
