/**
 * Seeded random portfolio generator of the DeepMargin study: 1–20 positions
 * of long/short futures and European/American calls/puts on WTI, Brent and
 * Henry Hub, at the curve pillars of one market day, strikes on a grid of
 * ±5% steps around the money (rounded to the exchange tick), quantities
 * log-uniform in 1..`maxQuantity`, and a share of positions that hedge the
 * previous one (opposite sign, same underlying), so that spreads — where
 * SPAN-like and SPAN 2-like margins differ most — are common.
 *
 * @example
 * ```ts
 * import { createPrng } from "../core/prng.ts";
 * import { generatePortfolio } from "./generator.ts";
 * import { buildMarketDay } from "./market_day.ts";
 * import { syntheticPanel } from "./synthetic_panel.ts";
 * const day = buildMarketDay(syntheticPanel(1, 2700), 2699);
 * const pf = generatePortfolio(createPrng(1), day, { minPositions: 1, maxPositions: 20 });
 * console.log(pf.positions[0]); // e.g. { type: "call", underlying: "HH", quantity: -4, expiry: 0.17, strike: 1.1, … }
 * ```
 * @module
 */
import type { Prng } from "../core/prng.ts";
import {
  curveAt,
  type MarketState,
  type Portfolio,
  type Position,
  UNDERLYINGS,
  validatePortfolio,
} from "../market/portfolio.ts";
import type { MarketDay } from "./market_day.ts";

/** The most positions a portfolio may hold (the model's token budget). */
export const MAX_POSITIONS = 20;

/** Options of {@link generatePortfolio}. */
export interface GeneratorOptions {
  /** Fewest positions (≥ 1). Default 1. */
  minPositions?: number;
  /** Most positions (≤ {@link MAX_POSITIONS}). Default 20. */
  maxPositions?: number;
  /** Share of option positions. Default 0.65. */
  optionShare?: number;
  /** Share of American options among options. Default 0.3. */
  americanShare?: number;
  /** Probability that a position hedges the previous one. Default 0.35. */
  hedgeShare?: number;
  /** Largest |quantity| in contracts. Default 50. */
  maxQuantity?: number;
  /** Strike grid half-width in 5% steps. Default 4 (±20%). */
  strikeSteps?: number;
}

/** Strike tick per underlying. */
const TICK: Record<string, number> = { WTI: 0.5, BRENT: 0.5, HH: 0.05 };
const UNDERLYING_WEIGHTS = [0.45, 0.3, 0.25];

function checkOptions(o: GeneratorOptions): Required<GeneratorOptions> {
  const fn = "generatePortfolio";
  const r: Required<GeneratorOptions> = {
    minPositions: o.minPositions ?? 1,
    maxPositions: o.maxPositions ?? MAX_POSITIONS,
    optionShare: o.optionShare ?? 0.65,
    americanShare: o.americanShare ?? 0.3,
    hedgeShare: o.hedgeShare ?? 0.35,
    maxQuantity: o.maxQuantity ?? 50,
    strikeSteps: o.strikeSteps ?? 4,
  };
  if (!Number.isInteger(r.minPositions) || r.minPositions < 1) {
    throw new RangeError(`${fn}: opts.minPositions must be an integer >= 1, got ${r.minPositions}`);
  }
  if (!Number.isInteger(r.maxPositions) || r.maxPositions < r.minPositions || r.maxPositions > MAX_POSITIONS) {
    throw new RangeError(
      `${fn}: opts.maxPositions must be an integer in [minPositions=${r.minPositions}, ${MAX_POSITIONS}], got ${r.maxPositions}`,
    );
  }
  for (const k of ["optionShare", "americanShare", "hedgeShare"] as const) {
    if (!(r[k] >= 0 && r[k] <= 1)) throw new RangeError(`${fn}: opts.${k} must lie in [0, 1], got ${r[k]}`);
  }
  if (!Number.isInteger(r.maxQuantity) || r.maxQuantity < 1) {
    throw new RangeError(`${fn}: opts.maxQuantity must be an integer >= 1, got ${r.maxQuantity}`);
  }
  if (!Number.isInteger(r.strikeSteps) || r.strikeSteps < 0 || r.strikeSteps > 10) {
    throw new RangeError(`${fn}: opts.strikeSteps must be an integer in [0, 10], got ${r.strikeSteps}`);
  }
  return r;
}

function strikeOf(market: MarketState, u: Position["underlying"], expiry: number, step: number): number {
  const F = curveAt(market, u, expiry).price;
  const tick = TICK[u];
  return Math.max(tick, Math.round((F * (1 + 0.05 * step)) / tick) * tick);
}

/**
 * Draw one portfolio at `day` (validated against the day's market before it is returned).
 *
 * @throws {RangeError} on bad options (naming the option and value)
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { createPrng } from "../core/prng.ts";
 * import { buildMarketDay } from "./market_day.ts";
 * import { syntheticPanel } from "./synthetic_panel.ts";
 * const day = buildMarketDay(syntheticPanel(1, 2700), 2699);
 * const n = generatePortfolio(createPrng(7), day, { minPositions: 2, maxPositions: 5 }).positions.length;
 * assert.ok(n >= 2 && n <= 5);
 * ```
 */
export function generatePortfolio(rng: Prng, day: MarketDay, opts: GeneratorOptions = {}): Portfolio {
  const o = checkOptions(opts);
  const n = o.minPositions + rng.int(o.maxPositions - o.minPositions + 1);
  const positions: Position[] = [];
  const E = day.expiries.length;
  for (let i = 0; i < n; i++) {
    const prev = positions[i - 1];
    const hedge = prev !== undefined && rng.next() < o.hedgeShare;
    let u: Position["underlying"];
    if (hedge) u = prev.underlying;
    else {
      const x = rng.next();
      u = x < UNDERLYING_WEIGHTS[0] ? "WTI" : x < UNDERLYING_WEIGHTS[0] + UNDERLYING_WEIGHTS[1] ? "BRENT" : "HH";
    }
    const expiry = day.expiries[rng.int(E)];
    const mag = Math.min(o.maxQuantity, Math.floor(Math.exp(rng.next() * Math.log(o.maxQuantity + 1))));
    const sign = hedge ? -Math.sign(prev.quantity) : (rng.next() < 0.5 ? -1 : 1);
    const quantity = sign * Math.max(1, mag);
    if (rng.next() >= o.optionShare) {
      positions.push({ type: "future", underlying: u, quantity, expiry });
    } else {
      const step = rng.int(2 * o.strikeSteps + 1) - o.strikeSteps;
      positions.push({
        type: rng.next() < 0.5 ? "call" : "put",
        underlying: u,
        quantity,
        expiry,
        strike: strikeOf(day.market, u, expiry, step),
        style: rng.next() < o.americanShare ? "american" : "european",
      });
    }
  }
  const pf = { positions };
  validatePortfolio(pf, day.market);
  return pf;
}

/**
 * Check a portfolio before the model sees it: the margin engines' validation (unknown instrument type or
 * underlying, expired option, zero quantity, bad strike) plus the model's limits — 1 to `maxPositions` positions.
 *
 * @throws {TypeError} when `portfolio.positions` is not an array
 * @throws {RangeError} naming the field and value
 * @example
 * ```ts
 * import type { MarketState } from "../market/portfolio.ts";
 * const market: MarketState = {
 *   WTI: { expiries: [0.1, 0.5], prices: [70, 69], vols: [0.4, 0.38], rate: 0.04, contractSize: 1000 },
 * };
 * checkModelPortfolio({ positions: [{ type: "future", underlying: "WTI", quantity: 3, expiry: 0.1 }] }, market);
 * ```
 */
export function checkModelPortfolio(portfolio: Portfolio, market: MarketState, maxPositions = MAX_POSITIONS): void {
  validatePortfolio(portfolio, market);
  const n = portfolio.positions.length;
  if (n === 0) throw new RangeError(`checkModelPortfolio: portfolio.positions is empty (need 1..${maxPositions})`);
  if (n > maxPositions) {
    throw new RangeError(
      `checkModelPortfolio: portfolio.positions has ${n} positions, above the model's maximum of ${maxPositions}`,
    );
  }
}

/** Underlyings in token order (re-exported for the tokenizer). */
export const TOKEN_UNDERLYINGS = UNDERLYINGS;
