import assert from "node:assert/strict";
import { createPrng } from "../core/prng.ts";
import { span2Margin } from "../margin/span2.ts";
import { buildMarketDay } from "./market_day.ts";
import { syntheticPanel } from "./synthetic_panel.ts";
import { generatePortfolio } from "./generator.ts";
import { createSpan2Cache } from "./span2_cache.ts";

Deno.test("createSpan2Cache: totals and components bitwise equal to span2Margin", () => {
  const day = buildMarketDay(syntheticPanel(4, 2650), 2649, { historyDays: 2600, span2TreeSteps: 12 });
  const cache = createSpan2Cache(day.market, day.history, day.span2Params);
  const rng = createPrng(9);
  for (let i = 0; i < 6; i++) {
    const pf = generatePortfolio(rng, day, { maxPositions: 6 });
    const ref = span2Margin(pf, day.market, day.history, day.span2Params);
    const got = cache.margin(pf);
    assert.ok(Object.is(got.total, ref.total), `portfolio ${i}: ${got.total} vs ${ref.total}`);
    for (const k of ["hvar", "stress", "liquidity", "concentration", "netOptionValue", "riskRequirement"] as const) {
      assert.ok(Object.is(got[k], ref[k]), `${k}: ${got[k]} vs ${ref[k]}`);
    }
  }
});

Deno.test("createSpan2Cache: American-option portfolios (batched trees) bitwise equal to span2Margin, 2 dates", () => {
  for (const [seed, steps] of [[4, 20], [11, 7]] as const) {
    const day = buildMarketDay(syntheticPanel(seed, 2650), 2649, { historyDays: 2600, span2TreeSteps: steps });
    const cache = createSpan2Cache(day.market, day.history, day.span2Params);
    const rng = createPrng(seed);
    for (let i = 0; i < 4; i++) {
      const pf = generatePortfolio(rng, day, { maxPositions: 5, optionShare: 1, americanShare: 0.8 });
      const ref = span2Margin(pf, day.market, day.history, day.span2Params);
      const got = cache.margin(pf);
      for (const k of ["total", "hvar", "stress", "liquidity", "netOptionValue", "riskRequirement"] as const) {
        assert.ok(Object.is(got[k], ref[k]), `date ${seed}, portfolio ${i}, ${k}: ${got[k]} vs ${ref[k]}`);
      }
    }
  }
});

Deno.test("createSpan2Cache: refuses a searched stressed period and bad portfolios", () => {
  const day = buildMarketDay(syntheticPanel(4, 2650), 2649, { historyDays: 2600, span2TreeSteps: 12 });
  assert.throws(
    () => createSpan2Cache(day.market, day.history, { ...day.span2Params, stressPeriod: undefined }),
    /stressPeriod must be fixed/,
  );
  const cache = createSpan2Cache(day.market, day.history, day.span2Params);
  assert.throws(
    () => cache.margin({ positions: [{ type: "future", underlying: "WTI", quantity: 0, expiry: 0.2 }] }),
    /quantity/,
  );
});
