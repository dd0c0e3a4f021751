import assert from "node:assert/strict";
import fc from "fast-check";
import { createSpanEngine, defaultSpanParams, spanMargin, type SpanParams, spanScenarios } from "./span.ts";
import {
  curveAt,
  type Instrument,
  type MarketState,
  type Portfolio,
  type Position,
  unitValue,
} from "../market/portfolio.ts";
import { createPrng } from "../core/prng.ts";
import { black76Price } from "../market/black76.ts";
import { energyMarket } from "../testing/energy_market_fixture.ts";

const market: MarketState = energyMarket();
const params = defaultSpanParams();

Deno.test("spanScenarios: CME's 16 scenarios, extremes at 2× counted 35%", () => {
  const s = spanScenarios();
  assert.equal(s.length, 16);
  assert.deepEqual(s[0], { price: 0, vol: 1, weight: 1 });
  assert.deepEqual(s[13], { price: -1, vol: -1, weight: 1 });
  assert.deepEqual(s[14], { price: 2, vol: 0, weight: 0.35 });
  assert.deepEqual(s[15], { price: -2, vol: 0, weight: 0.35 });
});

Deno.test("span: a long future's margin is one full scan range", () => {
  const r = spanMargin(
    { positions: [{ type: "future", underlying: "WTI", quantity: 2, expiry: 0.1 }] },
    market,
    params,
  );
  assert.ok(Math.abs(r.total - 2 * 0.1 * 72 * 1000) < 1e-6);
  assert.equal(r.byUnderlying.WTI?.worstScenario, 13); // down 3/3, vol up (first of the tied pair)
  assert.equal(r.netOptionValue, 0);
});

const futArb = fc.record({
  underlying: fc.constantFrom("WTI", "BRENT", "HH"),
  quantity: fc.integer({ min: -50, max: 50 }).filter((q) => q !== 0),
  expiry: fc.constantFrom(0.1, 0.25, 0.5, 1),
}).map((p) => ({ ...p, type: "future" }) as Position);

Deno.test("span: a futures-only portfolio's scan risk equals the worst of its 16 scenarios (property)", () => {
  const engine = createSpanEngine(market, { ...params, interSpreads: [] });
  fc.assert(
    fc.property(fc.array(futArb, { minLength: 1, maxLength: 12 }), (positions) => {
      const r = engine.margin({ positions });
      for (const [u, c] of Object.entries(r.byUnderlying)) {
        // recompute the 16 scenario losses by hand: Δ = weight × move × scan × F × size
        const worst = Math.max(
          0,
          ...spanScenarios().map((s) =>
            positions.filter((p) => p.underlying === u).reduce((acc, p) => {
              const m = market[p.underlying]!;
              const F = p.expiry <= m.expiries[0]
                ? m.prices[0]
                : p.expiry >= m.expiries.at(-1)!
                ? m.prices.at(-1)!
                : NaN;
              const Fi = Number.isNaN(F)
                ? (() => {
                  let i = 1;
                  while (m.expiries[i] < p.expiry) i++;
                  const w = (p.expiry - m.expiries[i - 1]) / (m.expiries[i] - m.expiries[i - 1]);
                  return m.prices[i - 1] + w * (m.prices[i] - m.prices[i - 1]);
                })()
                : F;
              const scan = params.underlyings[p.underlying]!.priceScan * Fi;
              return acc - s.weight * p.quantity * s.price * scan * m.contractSize;
            }, 0)
          ),
        );
        assert.ok(Math.abs(c!.scanRisk - worst) < 1e-6 * Math.max(1, worst), `${u}: ${c!.scanRisk} vs ${worst}`);
        assert.ok(Math.abs(c!.scanRisk - Math.max(0, ...c!.scenarioLosses)) < 1e-9);
      }
      assert.ok(r.total >= 0);
    }),
    { numRuns: 60 },
  );
});

const optArb = fc.record({
  type: fc.constantFrom("call", "put"),
  underlying: fc.constantFrom("WTI", "BRENT", "HH"),
  quantity: fc.integer({ min: 1, max: 20 }),
  expiry: fc.constantFrom(0.1, 0.5, 1),
  moneyness: fc.double({ min: 0.5, max: 1.6, noNaN: true }),
  style: fc.constantFrom("european", "american"),
});

Deno.test("span: a long option's margin never exceeds its premium (property)", () => {
  const engine = createSpanEngine(market, params);
  fc.assert(
    fc.property(optArb, (o) => {
      const m = market[o.underlying as "WTI"]!;
      const F = m.prices[m.expiries.findIndex((e) => e >= o.expiry)] ?? m.prices.at(-1)!;
      const pos = {
        type: o.type,
        underlying: o.underlying,
        quantity: o.quantity,
        expiry: o.expiry,
        strike: Math.round(F * o.moneyness * 100) / 100,
        style: o.style,
      } as Position;
      const r = engine.margin({ positions: [pos] });
      const premium = r.netOptionValue;
      assert.ok(premium > 0);
      assert.ok(r.riskRequirement <= premium + 1e-9 * premium + 1e-9, `risk ${r.riskRequirement} > premium ${premium}`);
      assert.ok(r.total <= premium);
      assert.ok(r.total >= 0);
    }),
    { numRuns: 80 },
  );
});

Deno.test("span: option risk array is a Black-76 full revaluation", () => {
  const engine = createSpanEngine(market, params);
  const inst = { type: "call" as const, underlying: "WTI" as const, expiry: 1, strike: 75 };
  const r = engine.riskArray(inst);
  const df = Math.exp(-0.04);
  const v0 = black76Price(true, 70, 75, 1, 0.35, df);
  const v11 = black76Price(true, 70 + 0.1 * 70, 75, 1, 0.4, df); // scenario 11: up 3/3, vol up
  assert.ok(Math.abs(r.riskArray[10] - (v0 - v11) * 1000) < 1e-8);
  const v16 = black76Price(true, 70 - 2 * 0.1 * 70, 75, 1, 0.35, df);
  assert.ok(Math.abs(r.riskArray[15] - 0.35 * (v0 - v16) * 1000) < 1e-8);
  assert.equal(engine.riskArray(inst), r); // cached
  assert.ok(Math.abs(r.value - v0 * 1000) < 1e-9);
});

Deno.test("span: risk arrays bitwise equal to their scalar definition (American trees revalued in batches)", () => {
  // the definition: one unitValue per scenario, as the engine computed it before batching
  const reference = (inst: Instrument, mk: MarketState, p: SpanParams): Float64Array => {
    const m = mk[inst.underlying]!, up = p.underlyings[inst.underlying]!, steps = p.treeSteps ?? 50;
    const { price: F, vol } = curveAt(mk, inst.underlying, inst.expiry);
    const v0 = unitValue(inst, F, vol, m.rate, steps);
    const scan = up.priceScan * Math.abs(F);
    return Float64Array.from(spanScenarios(p.extremeMultiple, p.extremeCover), (sc) => {
      const sig = Math.max(0.01, vol + sc.vol * up.volScan);
      return sc.weight * (v0 - unitValue(inst, F + sc.price * scan, sc.vol === 0 ? vol : sig, m.rate, steps)) *
        m.contractSize;
    });
  };
  const rng = createPrng(31);
  for (const treeSteps of [50, 9]) {
    // a wide HH scan (down-moves below zero: the 1e-8 floor) and a vol scan that hits the 1% floor
    const p: SpanParams = { ...params, treeSteps };
    p.underlyings = { ...params.underlyings, HH: { ...params.underlyings.HH!, priceScan: 0.6, volScan: 0.7 } };
    const engine = createSpanEngine(market, p);
    for (let c = 0; c < 240; c++) {
      const underlying = (["WTI", "BRENT", "HH"] as const)[c % 3];
      const expiry = [0.02, 0.1, 0.5, 1, 1.7][c % 5] * (0.9 + 0.2 * rng.next());
      const F = curveAt(market, underlying, expiry).price;
      const inst: Instrument = c % 7 === 0 ? { type: "future", underlying, expiry } : {
        type: rng.next() < 0.5 ? "call" : "put",
        underlying,
        expiry,
        strike: F * (0.6 + 0.8 * rng.next()),
        style: rng.next() < 0.7 ? "american" : "european",
      };
      const r = engine.riskArray(inst), want = reference(inst, market, p);
      want.forEach((x, i) => assert.ok(Object.is(r.riskArray[i], x), `${JSON.stringify(inst)} scenario ${i + 1}`));
      const v0 = unitValue(inst, F, curveAt(market, underlying, expiry).vol, market[underlying]!.rate, treeSteps);
      assert.ok(Object.is(r.value, inst.type === "future" ? 0 : v0 * market[underlying]!.contractSize));
      assert.ok(Object.is(r.unitValue, v0));
    }
  }
});

Deno.test("span: calendar spread charge, inter-commodity credit, short option minimum, NOV", () => {
  const cal: Portfolio = {
    positions: [
      { type: "future", underlying: "WTI", quantity: 5, expiry: 0.1 },
      { type: "future", underlying: "WTI", quantity: -5, expiry: 1 },
    ],
  };
  const rc = spanMargin(cal, market, params);
  assert.equal(rc.byUnderlying.WTI?.intraSpreadCharge, 5 * 800);
  // scan: 5·0.1·(72 − 70)·1000 = 1000 in the worst (down) scenario
  assert.ok(Math.abs(rc.byUnderlying.WTI!.scanRisk - 1000) < 1e-6);
  assert.ok(Math.abs(rc.total - 5000) < 1e-6);

  const inter: Portfolio = {
    positions: [
      { type: "future", underlying: "WTI", quantity: 4, expiry: 0.5 },
      { type: "future", underlying: "BRENT", quantity: -4, expiry: 0.5 },
    ],
  };
  const ri = spanMargin(inter, market, params);
  const noCredit = spanMargin(inter, market, { ...params, interSpreads: [] });
  assert.ok(Math.abs(ri.byUnderlying.WTI!.interSpreadCredit - 0.7 * noCredit.byUnderlying.WTI!.scanRisk) < 1e-6);
  assert.ok(Math.abs(ri.total - 0.3 * noCredit.total) < 1e-6);

  const shortDeepOtm: Portfolio = {
    positions: [{ type: "call", underlying: "HH", quantity: -10, expiry: 0.25, strike: 30 }],
  };
  const rs = spanMargin(shortDeepOtm, market, params);
  assert.equal(rs.byUnderlying.HH?.shortOptionMinimum, 1500);
  assert.ok(rs.byUnderlying.HH!.risk >= 1500);
  assert.ok(rs.netOptionValue <= 0);
  assert.ok(Math.abs(rs.total - (rs.riskRequirement - rs.netOptionValue)) < 1e-9);
});

Deno.test("span: margin is positively homogeneous in quantities (property)", () => {
  const engine = createSpanEngine(market, params);
  fc.assert(
    fc.property(fc.array(futArb, { minLength: 1, maxLength: 8 }), fc.integer({ min: 2, max: 5 }), (ps, k) => {
      const a = engine.margin({ positions: ps }).total;
      const b = engine.margin({ positions: ps.map((p) => ({ ...p, quantity: k * p.quantity })) }).total;
      assert.ok(Math.abs(b - k * a) < 1e-6 * Math.max(1, b));
    }),
    { numRuns: 40 },
  );
});

Deno.test("span: bad input is named", () => {
  assert.throws(
    () => spanMargin({ positions: [{ type: "future", underlying: "WTI", quantity: 0, expiry: 1 }] }, market, params),
    /positions\[0\].quantity must be a finite non-zero number of contracts, got 0/,
  );
  assert.throws(
    () =>
      spanMargin(
        { positions: [{ type: "put", underlying: "WTI", quantity: 1, expiry: 0, strike: 70 }] },
        market,
        params,
      ),
    /put on WTI has expired/,
  );
  const bad = defaultSpanParams();
  bad.underlyings.WTI!.priceScan = -0.1;
  assert.throws(
    () => createSpanEngine(market, bad),
    /params.underlyings.WTI.priceScan must be finite and > 0, got -0.1/,
  );
  assert.throws(
    () => createSpanEngine(market, { ...params, extremeCover: 1.5 }),
    /params.extremeCover must lie in \[0, 1\], got 1.5/,
  );
});
