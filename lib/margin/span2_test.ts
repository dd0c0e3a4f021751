import assert from "node:assert/strict";
import fc from "fast-check";
import { aggregateSpan2, defaultSpan2Params, type Span2History, span2Margin } from "./span2.ts";
import type { MarketState, Portfolio, Position } from "../market/portfolio.ts";
import { buildFhsScenarios } from "./fhs.ts";
import { varEs } from "./var_es.ts";
import { createPrng } from "../core/prng.ts";
import { defaultSpanParams, spanMargin } from "./span.ts";

const T = 2530;
function makeHistory(seed: number): Span2History {
  const rng = createPrng(seed);
  const wti = new Float64Array(T), brent = new Float64Array(T), hh = new Float64Array(T);
  const vw = new Float64Array(T), vh = new Float64Array(T);
  wti[0] = 60;
  brent[0] = 64;
  hh[0] = 3;
  let vol = 0.02;
  for (let t = 0; t < T; t++) {
    // regime: a stressed year around t = 1000..1250
    vol = t > 1000 && t < 1250 ? 0.05 : 0.02;
    vw[t] = vol * Math.sqrt(252) * (1 + 0.1 * rng.normal() ** 2);
    vh[t] = 0.6 * (1 + 0.1 * rng.normal() ** 2);
    if (t === 0) continue;
    const z1 = rng.normal(), z2 = 0.9 * z1 + Math.sqrt(1 - 0.81) * rng.normal(), z3 = rng.normal();
    // additive (price-unit) changes: absolute-mode scenarios, negative levels allowed
    wti[t] = wti[t - 1] + 60 * vol * z1;
    brent[t] = brent[t - 1] + 64 * vol * z2;
    hh[t] = hh[t - 1] + 0.09 * z3;
  }
  return { prices: { WTI: wti, BRENT: brent, HH: hh }, vols: { WTI: vw, HH: vh } };
}
const history = makeHistory(1);
const market: MarketState = {
  WTI: { expiries: [0.1, 0.5, 1], prices: [72, 71, 70], vols: [0.4, 0.37, 0.35], rate: 0.04, contractSize: 1000 },
  BRENT: { expiries: [0.1, 0.5, 1], prices: [76, 75, 74], vols: [0.38, 0.35, 0.33], rate: 0.04, contractSize: 1000 },
  HH: { expiries: [0.25, 1], prices: [3, 3.5], vols: [0.6, 0.5], rate: 0.04, contractSize: 10000 },
};
const params = defaultSpan2Params();

Deno.test("span2: futures-only HVaR is the FHS VaR of quantity × size × price change", () => {
  const pf: Portfolio = { positions: [{ type: "future", underlying: "WTI", quantity: 3, expiry: 0.5 }] };
  const r = span2Margin(pf, market, history, params);
  const fhs = buildFhsScenarios([history.prices.WTI!], {
    mpor: 2,
    lookback: 2520,
    lambda: 0.97,
    volFloorFraction: 0.5,
  });
  const expected = varEs(fhs.scenarios.data.map((d) => 3 * 1000 * d), 0.99).var;
  assert.ok(Math.abs(r.hvar - expected) < 1e-6 * expected);
  assert.ok(Math.abs(r.liquidity - 3 * 1000 * 0.01) < 1e-9);
  assert.equal(r.concentration, 0);
  assert.equal(r.netOptionValue, 0);
  assert.ok(Math.abs(r.riskRequirement - (0.75 * r.hvar + 0.25 * r.stress + r.liquidity)) < 1e-9);
  assert.equal(r.total, r.riskRequirement);
  // the stressed period is found in the simulated stress year
  assert.ok(r.stressWindow.last > 1000 && r.stressWindow.first < 1250, JSON.stringify(r.stressWindow));
  assert.ok(r.stressedVar > r.hvar);
});

Deno.test("span2: options are fully revalued; American put priced on the tree", () => {
  const pf: Portfolio = {
    positions: [
      { type: "call", underlying: "WTI", quantity: -4, expiry: 0.5, strike: 75 },
      { type: "put", underlying: "HH", quantity: 10, expiry: 0.25, strike: 2.8, style: "american" },
      { type: "future", underlying: "BRENT", quantity: 2, expiry: 0.1 },
    ],
  };
  const r = span2Margin(pf, market, history, { ...params, treeSteps: 20 });
  assert.equal(r.revaluations, 2 * (2520 + T - 2));
  assert.ok(r.hvar > 0 && r.stress > 0 && r.liquidity > 0);
  assert.ok(r.total >= 0);
  assert.ok(Math.abs(r.total - Math.max(0, r.riskRequirement - r.netOptionValue)) < 1e-9);
});

Deno.test("span2: concentration add-on above the ADV-calibrated threshold, superlinear", () => {
  const wtiFuture = (quantity: number, p: typeof params) =>
    span2Margin({ positions: [{ type: "future", underlying: "WTI", quantity, expiry: 0.5 }] }, market, history, p);
  const small = wtiFuture(100, params);
  assert.equal(small.concentration, 0);
  const tight = {
    ...params,
    liquidity: { ...params.liquidity, WTI: { futuresBidAsk: 0.02, optionVolBidAsk: 0.01, adv: 1000 } },
  };
  // threshold = 0.1 × 1000 × 2 = 200 contracts
  const at = wtiFuture(200, tight);
  assert.equal(at.concentration, 0);
  const big = wtiFuture(1000, tight);
  const bigger = wtiFuture(2000, tight);
  assert.ok(big.concentration > 0);
  assert.ok(bigger.concentration > 2 * big.concentration);
});

Deno.test("span2: margin ≥ 0 and same portfolio object works in SPAN-like (property)", () => {
  const pos = fc.record({
    type: fc.constantFrom("future", "call", "put"),
    underlying: fc.constantFrom("WTI", "BRENT", "HH"),
    quantity: fc.integer({ min: -20, max: 20 }).filter((q) => q !== 0),
    expiry: fc.constantFrom(0.25, 0.5, 1),
    moneyness: fc.double({ min: 0.7, max: 1.3, noNaN: true }),
  }).map((p) => {
    const m = market[p.underlying as "WTI"]!;
    const { moneyness, ...rest } = p;
    return (p.type === "future"
      ? rest
      : { ...rest, strike: Math.round(m.prices.at(-1)! * moneyness * 100) / 100 }) as Position;
  });
  fc.assert(
    fc.property(fc.array(pos, { minLength: 1, maxLength: 4 }), (positions) => {
      const pf = { positions };
      const r2 = span2Margin(pf, market, history, params);
      const r1 = spanMargin(pf, market, defaultSpanParams());
      assert.ok(r2.total >= 0 && r1.total >= 0);
    }),
    { numRuns: 4 },
  );
});

Deno.test("span2: bad input is named", () => {
  const pf: Portfolio = { positions: [{ type: "future", underlying: "WTI", quantity: 1, expiry: 0.5 }] };
  assert.throws(
    () => span2Margin(pf, market, history, { ...params, lookback: 500 }),
    /params.lookback \(>= 10 years of daily scenarios\) must be an integer >= 2520, got 500/,
  );
  assert.throws(
    () => span2Margin(pf, market, { prices: { HH: history.prices.HH } }, params),
    /history.prices.WTI is missing/,
  );
  const short = { prices: { WTI: Float64Array.from(history.prices.WTI!).slice(0, 2000) } };
  assert.throws(
    () => span2Margin(pf, market, short, params),
    /history has 2000 days; lookback 2520 with mpor 2 needs 2522/,
  );
  const nan = Float64Array.from(history.prices.WTI!);
  nan[17] = NaN;
  assert.throws(
    () => span2Margin(pf, market, { prices: { WTI: nan } }, params),
    /prices\[0\]\[17\] must be a finite number, got NaN/,
  );
  assert.throws(
    () => span2Margin(pf, market, history, { ...params, liquidity: {} }),
    /params.liquidity.WTI is missing/,
  );
  assert.throws(
    () => span2Margin(pf, market, history, { ...params, tau: 1 }),
    /params.tau must lie in \(0, 1\), got 1/,
  );
  assert.throws(
    () =>
      span2Margin(
        { positions: [{ type: "call", underlying: "WTI", quantity: 1, expiry: -1, strike: 70 }] },
        market,
        history,
        params,
      ),
    /positions\[0\].expiry: call on WTI has expired/,
  );
});

Deno.test("aggregateSpan2: no lines → zero margin; one future line → liquidity and hypothetical loss", () => {
  const setup = {
    underlyings: ["WTI" as const],
    tau: 0.99,
    mpor: 2,
    hvarWeight: 0.75,
    participation: 0.1,
    liquidity: { WTI: { futuresBidAsk: 0.02, optionVolBidAsk: 0.01, adv: 1e6 } },
    todayVol: [1.5],
    contractSize: [1000],
    fhsScenarios: 3,
    stressScenarios: 2,
    hypotheticals: 1,
    stressedVar: (p: Float64Array) => ({ var: Math.max(0, ...Array.from(p, (x) => -x)) }),
  };
  const none = aggregateSpan2([], setup);
  assert.equal(none.total, 0);
  assert.equal(none.worstHypotheticalIndex, 0); // a zero loss in the first scenario
  assert.equal(none.pnl.length, 3);
  const line = {
    u: 0,
    qty: 2,
    size: 1000,
    isFuture: true,
    v0: 70,
    fhs: [-1, 0.5, 1],
    stress: [-3, 2],
    hyp: [-2],
    vega: 0,
    delta: 1,
  };
  const r = aggregateSpan2([line], setup);
  assert.equal(r.liquidity, 2 * 1000 * 0.02 / 2);
  assert.equal(r.worstHypothetical, 4000);
  assert.equal(r.stressedVar, 6000);
  assert.equal(r.stress, 6000);
  assert.equal(r.netOptionValue, 0);
  assert.deepEqual(Array.from(r.pnl), [-2000, 1000, 2000]);
});
