/**
 * The inference-time checks every DeepMargin {@link Tokenizer} must pass, run by each tokenizer's test file (the v1
 * `createTokenizer`, the anchor-like `createAnchorTokenizer`): an unknown instrument type or underlying, an expired
 * option, a zero quantity, more positions than the model takes, and a bad instrument given to `prepare` are errors
 * that name what is wrong. Test-only.
 *
 * @example
 * ```ts
 * import { buildMarketDay } from "../deepmargin/market_day.ts";
 * import { syntheticPanel } from "../deepmargin/synthetic_panel.ts";
 * import { createTokenizer } from "../deepmargin/tokenizer.ts";
 * import { assertTokenizerRejectsBadInput } from "./tokenizer_contract.ts";
 * const day = buildMarketDay(syntheticPanel(1, 2700), 2699);
 * assertTokenizerRejectsBadInput(createTokenizer(day), day);
 * ```
 * @module
 */
import assert from "node:assert/strict";
import type { MarketDay } from "../deepmargin/market_day.ts";
import type { Tokenizer } from "../deepmargin/tokenizer.ts";

/**
 * Assert that `tok`, bound to `day` and taking at most `maxPositions` positions (the tokenizers' default, 20),
 * rejects bad portfolios in `tokenize` and a bad instrument in `prepare` with a message naming the problem.
 */
export function assertTokenizerRejectsBadInput(tok: Tokenizer, day: MarketDay, maxPositions = 20): void {
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
  const n = maxPositions + 1;
  const big = Array.from(
    { length: n },
    () => ({ type: "future" as const, underlying: "WTI" as const, quantity: 1, expiry: e }),
  );
  assert.throws(
    () => tok.tokenize({ positions: big }),
    new RegExp(`${n} positions, above the model's maximum of ${maxPositions}`),
  );
  assert.throws(
    () => tok.prepare([{ type: "call", underlying: "WTI", expiry: 0.5, strike: -1 }]),
    /prepare: instruments\[0\] .*strike must be finite and > 0/,
  );
}
