/**
 * Labelled portfolio sets of the DeepMargin study: for one market day, draw
 * seeded portfolios for each split and label them with the SPAN-like margin
 * (`span.ts`) and the SPAN 2-like reference (`span2.ts`, through the exact
 * per-date cache of `span2_cache.ts`). Portfolios travel as compact tuples.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { labelDay } from "./dataset.ts";
 * import { buildMarketDay } from "./market_day.ts";
 * import { syntheticPanel } from "./synthetic_panel.ts";
 * const day = buildMarketDay(syntheticPanel(1, 2700), 2699);
 * const { rows } = labelDay(day, { train: 8, test: 2 }, 1);
 * assert.equal(rows.length, 10);
 * assert.ok(rows.every((r) => r.span >= 0 && r.span2 >= 0));
 * ```
 * @module
 */
import { createPrng } from "../core/prng.ts";
import type { Portfolio, Position } from "../market/portfolio.ts";
import { createSpanEngine } from "../margin/span.ts";
import { generatePortfolio, type GeneratorOptions } from "./generator.ts";
import type { MarketDay } from "./market_day.ts";
import { createSpan2Cache } from "./span2_cache.ts";

/** A position as a tuple: [type 0 future/1 call/2 put, underlying 0 WTI/1 BRENT/2 HH, quantity, expiry, strike (0 for futures), style 0 none/1 european/2 american]. */
export type PositionTuple = [number, number, number, number, number, number];

/** One labelled portfolio. */
export interface LabelledPortfolio {
  /** Split name. */
  set: string;
  /** Panel row of the market day. */
  day: number;
  positions: PositionTuple[];
  /** SPAN-like total (USD). */
  span: number;
  /** SPAN 2-like total (USD). */
  span2: number;
  /** SPAN-like risk requirement (before the net option value). */
  rr: number;
  /** SPAN 2-like risk requirement (before the net option value). */
  rr2: number;
  /** Net option value (SPAN-like engine; the SPAN 2-like one differs only by rounding). */
  nov: number;
}

const TYPES = ["future", "call", "put"] as const;
const UNDS = ["WTI", "BRENT", "HH"] as const;

/**
 * Encode a position as a tuple.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * const t = encodePosition({ type: "put", underlying: "HH", quantity: -3, expiry: 0.2, strike: 3.5, style: "american" });
 * assert.deepEqual(t, [2, 2, -3, 0.2, 3.5, 2]);
 * ```
 */
export function encodePosition(p: Position): PositionTuple {
  return [
    TYPES.indexOf(p.type),
    UNDS.indexOf(p.underlying),
    p.quantity,
    p.expiry,
    p.strike ?? 0,
    p.type === "future" ? 0 : p.style === "american" ? 2 : 1,
  ];
}

/**
 * Decode a position tuple.
 *
 * @throws {RangeError} naming the tuple and its bad code (unknown type, underlying or style)
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * assert.deepEqual(decodePosition([0, 0, 5, 0.1, 0, 0]), { type: "future", underlying: "WTI", quantity: 5, expiry: 0.1 });
 * ```
 */
export function decodePosition(t: PositionTuple): Position {
  const type = TYPES[t[0]], underlying = UNDS[t[1]];
  if (type === undefined) throw new RangeError(`decodePosition: unknown instrument type code ${t[0]} in [${t}]`);
  if (underlying === undefined) throw new RangeError(`decodePosition: unknown underlying code ${t[1]} in [${t}]`);
  if (type === "future") return { type, underlying, quantity: t[2], expiry: t[3] };
  if (t[5] !== 1 && t[5] !== 2) throw new RangeError(`decodePosition: unknown exercise style code ${t[5]} in [${t}]`);
  return { type, underlying, quantity: t[2], expiry: t[3], strike: t[4], style: t[5] === 2 ? "american" : "european" };
}

/**
 * Decode a labelled portfolio's positions.
 *
 * @example
 * ```ts
 * toPortfolio({ set: "test", day: 0, positions: [[0, 0, 5, 0.1, 0, 0]], span: 1, span2: 1, rr: 1, rr2: 1, nov: 0 }).positions.length; // 1
 * ```
 */
export function toPortfolio(r: LabelledPortfolio): Portfolio {
  return { positions: r.positions.map(decodePosition) };
}

/**
 * Draw and label portfolios for each split at one market day (also returns the number of distinct instruments
 * the SPAN 2-like cache revalued). Split `s` (in the order given) uses the
 * stream `createPrng(seed·1,000,003 + day.index·16 + s)`, so a day's portfolios do not depend on which worker
 * labels it or on the other days.
 *
 * @throws {RangeError} on a negative or non-integer count
 * @example
 * ```ts
 * import { buildMarketDay } from "./market_day.ts";
 * import { syntheticPanel } from "./synthetic_panel.ts";
 * const day = buildMarketDay(syntheticPanel(1, 2700), 2699);
 * const { rows, instruments } = labelDay(day, { oot: 5 }, 7, { maxPositions: 3 });
 * console.log(rows[0].span2, instruments); // SPAN 2-like total of the first portfolio, instruments revalued
 * ```
 */
export function labelDay(
  day: MarketDay,
  counts: Record<string, number>,
  seed: number,
  gen: GeneratorOptions = {},
): { rows: LabelledPortfolio[]; instruments: number } {
  const span = createSpanEngine(day.market, day.spanParams);
  const span2 = createSpan2Cache(day.market, day.history, day.span2Params);
  const out: LabelledPortfolio[] = [];
  for (const [s, [set, n]] of Object.entries(counts).entries()) {
    if (!Number.isInteger(n) || n < 0) {
      throw new RangeError(`labelDay: counts.${set} must be an integer >= 0, got ${n}`);
    }
    const rng = createPrng(seed * 1_000_003 + day.index * 16 + s);
    for (let i = 0; i < n; i++) {
      const pf = generatePortfolio(rng, day, gen);
      const a = span.margin(pf), b = span2.margin(pf);
      out.push({
        set,
        day: day.index,
        positions: pf.positions.map(encodePosition),
        span: a.total,
        span2: b.total,
        rr: a.riskRequirement,
        rr2: b.riskRequirement,
        nov: a.netOptionValue,
      });
    }
  }
  return { rows: out, instruments: span2.instruments };
}
