import assert from "node:assert/strict";
import { createPrng } from "../core/prng.ts";
import { buildMarketDay } from "./market_day.ts";
import { syntheticPanel } from "./synthetic_panel.ts";
import { generatePortfolio } from "./generator.ts";
import { AGG_FEATURES, CONTEXT_TOKEN_FEATURES, createTokenizer, TOKEN_FEATURES } from "./tokenizer.ts";
import { createSpanEngine } from "../margin/span.ts";

const day = buildMarketDay(syntheticPanel(6, 2650), 2649, { historyDays: 2600 });

Deno.test("tokenize: shapes, SPAN total, one-hot fields; shuffling positions permutes token rows", () => {
  const tok = createTokenizer(day, { offset: 1000 });
  const rng = createPrng(1);
  for (let i = 0; i < 20; i++) {
    const pf = generatePortfolio(rng, day);
    const t = tok.tokenize(pf);
    assert.equal(t.tokens.length, pf.positions.length * TOKEN_FEATURES);
    assert.equal(t.context.length, CONTEXT_TOKEN_FEATURES);
    assert.equal(tok.aggregate(t).length, AGG_FEATURES);
    assert.equal(t.span, createSpanEngine(day.market, day.spanParams).margin(pf).total);
    for (let k = 0; k < t.n; k++) {
      const row = t.tokens.subarray(k * TOKEN_FEATURES, k * TOKEN_FEATURES + 9);
      assert.equal(row[0] + row[1] + row[2], 1);
      assert.equal(row[3] + row[4] + row[5], 1);
      assert.equal(row[6] + row[7] + row[8], 1);
    }
    const rev = { positions: [...pf.positions].reverse() };
    const tr = tok.tokenize(rev);
    for (let k = 0; k < t.n; k++) {
      assert.deepEqual(
        tr.tokens.subarray(k * TOKEN_FEATURES, (k + 1) * TOKEN_FEATURES),
        t.tokens.subarray((t.n - 1 - k) * TOKEN_FEATURES, (t.n - k) * TOKEN_FEATURES),
      );
    }
  }
});

Deno.test("tokenize: clear errors at inference time", () => {
  const tok = createTokenizer(day);
  const e = day.expiries[1];
  assert.throws(
    () => tok.tokenize({ positions: [{ type: "swap" as "future", underlying: "WTI", quantity: 1, expiry: e }] }),
    /unknown instrument type/,
  );
  assert.throws(
    () => tok.tokenize({ positions: [{ type: "future", underlying: "TTF" as "HH", quantity: 1, expiry: e }] }),
    /unknown underlying "TTF"/,
  );
  assert.throws(
    () => tok.tokenize({ positions: [{ type: "put", underlying: "HH", quantity: 1, expiry: 0, strike: 3 }] }),
    /has expired/,
  );
  assert.throws(
    () => tok.tokenize({ positions: [{ type: "future", underlying: "WTI", quantity: 0, expiry: e }] }),
    /non-zero/,
  );
  const big = Array.from(
    { length: 25 },
    () => ({ type: "future" as const, underlying: "WTI" as const, quantity: 1, expiry: e }),
  );
  assert.throws(() => tok.tokenize({ positions: big }), /25 positions, above the model's maximum of 20/);
  assert.throws(() => createTokenizer(day, { offset: 0 }), /offset must be finite and > 0, got 0/);
});
