/**
 * The two input sets of DeepMargin v2 (issue 15), both in the v1 token widths so that one network
 * (`model.ts`, `inference.ts`) reads either:
 *
 * - `anchor`: what ION's anchor network could see — position descriptors and the SPAN-like risk array only
 *   (`createAnchorTokenizer`, layout `"v1"`: the anchor-invisible slots are zero);
 * - `wide`: e06 v1's tokens (`createTokenizer`), which add the position's P&L at the label engine's FHS and stressed
 *   quantile moves, the hypothetical stress scenarios and the market regime.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { INPUT_SETS, inputSetTokenizer } from "./input_sets.ts";
 * import { buildMarketDay } from "./market_day.ts";
 * import { syntheticPanel } from "./synthetic_panel.ts";
 * const day = buildMarketDay(syntheticPanel(1, 2700), 2699);
 * const pf = { positions: [{ type: "future" as const, underlying: "WTI" as const, quantity: 1, expiry: day.expiries[0] }] };
 * const [a, w] = INPUT_SETS.map((s) => inputSetTokenizer(s)(day, 1000).tokenize(pf));
 * assert.equal(a.tokens.length, w.tokens.length); // same widths
 * assert.equal(a.span, w.span); // same SPAN-like margin
 * ```
 * @module
 */
import { createAnchorTokenizer } from "./anchor_tokenizer.ts";
import { createTokenizer } from "./tokenizer.ts";
import type { TokenizerFactory } from "./training.ts";

/** The input sets, headline first. */
export const INPUT_SETS = Object.freeze(["anchor", "wide"] as const);

/** An input set's name. */
export type InputSet = (typeof INPUT_SETS)[number];

/**
 * The tokenizer factory of an input set.
 *
 * @throws {RangeError} on an unknown name
 * @example
 * ```ts
 * import { inputSetTokenizer } from "./input_sets.ts";
 * typeof inputSetTokenizer("anchor"); // "function"
 * ```
 */
export function inputSetTokenizer(name: string): TokenizerFactory {
  if (name === "anchor") return (day, offset) => createAnchorTokenizer(day, { offset, layout: "v1" });
  if (name === "wide") return (day, offset) => createTokenizer(day, { offset });
  throw new RangeError(`inputSetTokenizer (lib/deepmargin/input_sets.ts): unknown input set "${name}" (anchor, wide)`);
}
