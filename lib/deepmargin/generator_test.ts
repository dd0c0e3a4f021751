import assert from "node:assert/strict";
import { createPrng } from "../core/prng.ts";
import { buildMarketDay } from "./market_day.ts";
import { syntheticPanel } from "./synthetic_panel.ts";
import { checkModelPortfolio, generatePortfolio, MAX_POSITIONS } from "./generator.ts";
import type { Portfolio, Position } from "../market/portfolio.ts";

const panel = syntheticPanel(3, 2700);
const day = buildMarketDay(panel, 2699);

Deno.test("generatePortfolio: same seed, same portfolios; different seed, different ones", () => {
  const a = Array.from({ length: 30 }, (_, __, r = createPrng(5)) => r).map(() => 0);
  const r1 = createPrng(11), r2 = createPrng(11), r3 = createPrng(12);
  const p1 = a.map(() => generatePortfolio(r1, day));
  const p2 = a.map(() => generatePortfolio(r2, day));
  const p3 = a.map(() => generatePortfolio(r3, day));
  assert.deepEqual(p1, p2);
  assert.notDeepEqual(p1, p3);
});

Deno.test("generatePortfolio: sizes, instruments and strikes are in range and valid", () => {
  const rng = createPrng(2);
  const sizes = new Set<number>();
  let american = 0, options = 0;
  for (let i = 0; i < 400; i++) {
    const pf = generatePortfolio(rng, day);
    sizes.add(pf.positions.length);
    assert.ok(pf.positions.length >= 1 && pf.positions.length <= MAX_POSITIONS);
    for (const p of pf.positions) {
      assert.notEqual(p.quantity, 0);
      assert.ok(day.expiries.includes(p.expiry));
      if (p.type !== "future") {
        options++;
        if (p.style === "american") american++;
        const F = day.market[p.underlying]!.prices[0];
        assert.ok(p.strike! > 0.6 * F && p.strike! < 1.4 * F, `strike ${p.strike} near F ${F}`);
      }
    }
  }
  assert.equal(sizes.size, 20);
  assert.ok(american > 0.15 * options && american < 0.45 * options);
  assert.throws(() => generatePortfolio(rng, day, { maxPositions: 21 }), /maxPositions.*21/);
  assert.throws(() => generatePortfolio(rng, day, { optionShare: 1.5 }), /optionShare.*1.5/);
});

Deno.test("checkModelPortfolio: clear errors for bad input", () => {
  const ok: Position = { type: "future", underlying: "WTI", quantity: 2, expiry: day.expiries[0] };
  const pf = (p: Partial<Position>): Portfolio => ({ positions: [{ ...ok, ...p } as Position] });
  checkModelPortfolio(pf({}), day.market);
  assert.throws(
    () => checkModelPortfolio(pf({ type: "swap" as "future" }), day.market),
    /unknown instrument type "swap"/,
  );
  assert.throws(
    () => checkModelPortfolio(pf({ underlying: "GOLD" as "WTI" }), day.market),
    /unknown underlying "GOLD"/,
  );
  assert.throws(
    () => checkModelPortfolio(pf({ type: "call", strike: 50, expiry: -0.01 }), day.market),
    /has expired/,
  );
  assert.throws(() => checkModelPortfolio(pf({ quantity: 0 }), day.market), /quantity must be a finite non-zero/);
  assert.throws(() => checkModelPortfolio({ positions: [] }, day.market), /empty/);
  assert.throws(
    () => checkModelPortfolio({ positions: Array.from({ length: 21 }, () => ok) }, day.market),
    /21 positions, above the model's maximum of 20/,
  );
});
