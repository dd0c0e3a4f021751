/**
 * Portfolios of energy futures and options on futures, and the market state
 * they are valued in — the one object that both the SPAN-like (`span.ts`) and
 * the SPAN 2-like (`span2.ts`) engines accept, so a random-portfolio generator
 * can feed both.
 *
 * - Underlyings: WTI (CL, 1,000 bbl), Brent (BZ, 1,000 bbl), Henry Hub natural
 *   gas (NG, 10,000 MMBtu); contract sizes live in the market state.
 * - Instruments: `future`, `call`, `put`; options are on the future of the
 *   same expiry (a simplification: real options expire a few days before
 *   their future), `european` (Black-76) or `american` (binomial tree).
 * - `quantity` is signed contracts (long > 0, short < 0, never 0).
 * - `expiry` is in years from the valuation date (> 0: an option or future
 *   with `expiry ≤ 0` has expired and is refused).
 * - Market state per underlying: a futures curve (expiries, prices, implied
 *   vols; linear interpolation in expiry, flat beyond the ends), a rate for
 *   discounting option premiums, the contract size.
 *
 * @example
 * ```ts
 * import { validatePortfolio, type MarketState, type Portfolio } from "./portfolio.ts";
 * const market: MarketState = {
 *   WTI: { expiries: [0.1, 0.5, 1], prices: [72, 71, 70], vols: [0.4, 0.37, 0.35], rate: 0.04, contractSize: 1000 },
 * };
 * const pf: Portfolio = {
 *   positions: [
 *     { type: "future", underlying: "WTI", quantity: 10, expiry: 0.1 },
 *     { type: "put", underlying: "WTI", quantity: -5, expiry: 0.5, strike: 65, style: "american" },
 *   ],
 * };
 * validatePortfolio(pf, market);
 * ```
 * @module
 */
import { black76Greeks, black76PriceUnchecked } from "./black76.ts";
import { binomialUnchecked } from "./american.ts";

/** Supported underlyings. */
export const UNDERLYINGS = ["WTI", "BRENT", "HH"] as const;
/** An underlying commodity. */
export type Underlying = typeof UNDERLYINGS[number];
/** Supported instrument types. */
export const INSTRUMENT_TYPES = ["future", "call", "put"] as const;
/** Instrument type. */
export type InstrumentType = typeof INSTRUMENT_TYPES[number];
/** Option exercise style. */
export type ExerciseStyle = "european" | "american";

/** One position: a signed number of contracts of one instrument. */
export interface Position {
  type: InstrumentType;
  underlying: Underlying;
  /** Signed contracts (long > 0, short < 0); 0 is refused. */
  quantity: number;
  /** Years to expiry (> 0). For options, also the expiry of the underlying future. */
  expiry: number;
  /** Strike (options only, > 0). */
  strike?: number;
  /** Exercise style (options only). Default `"european"`. */
  style?: ExerciseStyle;
}

/** A portfolio: a list of positions (several may share an instrument). */
export interface Portfolio {
  positions: Position[];
}

/** Market state of one underlying. */
export interface UnderlyingMarket {
  /** Curve pillar expiries in years, strictly increasing, > 0. */
  expiries: number[];
  /** Futures prices at the pillars (finite; may be ≤ 0 for futures, must be > 0 where options are priced). */
  prices: number[];
  /** ATM implied (lognormal) vols at the pillars, > 0. */
  vols: number[];
  /** Continuously compounded rate for discounting option premiums. */
  rate: number;
  /** Units of the commodity per contract, > 0. */
  contractSize: number;
}

/** Market state of every underlying a portfolio may reference. */
export type MarketState = Partial<Record<Underlying, UnderlyingMarket>>;

/**
 * Validate a market state (every underlying given).
 *
 * @throws {RangeError} naming the underlying, field, index and value
 * @example
 * ```ts
 * validateMarket({ HH: { expiries: [1], prices: [3], vols: [0.6], rate: 0.04, contractSize: 10000 } });
 * ```
 */
export function validateMarket(market: MarketState): void {
  if (market === null || typeof market !== "object") {
    throw new TypeError(`validateMarket: market must be an object keyed by underlying, got ${String(market)}`);
  }
  for (const [u, m] of Object.entries(market)) {
    const at = `validateMarket: market.${u}`;
    if (!(UNDERLYINGS as readonly string[]).includes(u)) {
      throw new RangeError(`validateMarket: unknown underlying "${u}" (known: ${UNDERLYINGS.join(", ")})`);
    }
    if (m === undefined) continue;
    const n = m.expiries?.length;
    if (!Array.isArray(m.expiries) || n === 0) throw new RangeError(`${at}.expiries must be a non-empty array`);
    for (const k of ["prices", "vols"] as const) {
      if (!Array.isArray(m[k]) || m[k].length !== n) {
        throw new RangeError(`${at}.${k} must be an array of length ${n} (one per expiry), got ${m[k]?.length}`);
      }
    }
    for (let i = 0; i < n; i++) {
      const e = m.expiries[i];
      if (!(e > 0) || !Number.isFinite(e) || (i > 0 && !(e > m.expiries[i - 1]))) {
        throw new RangeError(`${at}.expiries[${i}] must be finite, > 0 and increasing, got ${e}`);
      }
      if (!Number.isFinite(m.prices[i])) throw new RangeError(`${at}.prices[${i}] must be finite, got ${m.prices[i]}`);
      if (!(m.vols[i] > 0) || !Number.isFinite(m.vols[i])) {
        throw new RangeError(`${at}.vols[${i}] must be finite and > 0, got ${m.vols[i]}`);
      }
    }
    if (!Number.isFinite(m.rate)) throw new RangeError(`${at}.rate must be finite, got ${m.rate}`);
    if (!(m.contractSize > 0) || !Number.isFinite(m.contractSize)) {
      throw new RangeError(`${at}.contractSize must be finite and > 0, got ${m.contractSize}`);
    }
  }
}

/**
 * Piecewise-linear interpolation of `ys` over increasing knots `xs`, flat beyond the first and last knot.
 * @example
 * ```ts
 * import { interp } from "./portfolio.ts";
 * console.assert(interp([1, 2, 4], [10, 20, 40], 3) === 30);
 * console.assert(interp([1, 2, 4], [10, 20, 40], 9) === 40); // flat extrapolation
 * ```
 */
export function interp(xs: number[], ys: number[], x: number): number {
  const n = xs.length;
  if (x <= xs[0]) return ys[0];
  if (x >= xs[n - 1]) return ys[n - 1];
  let i = 1;
  while (xs[i] < x) i++;
  const w = (x - xs[i - 1]) / (xs[i] - xs[i - 1]);
  return ys[i - 1] + w * (ys[i] - ys[i - 1]);
}

/**
 * Futures price and implied vol of `underlying` at `expiry` (linear interpolation, flat extrapolation).
 *
 * @throws {RangeError} when the underlying has no market state
 * @example
 * ```ts
 * const market: MarketState = {
 *   WTI: { expiries: [0.1, 0.5, 1], prices: [72, 71, 70], vols: [0.4, 0.37, 0.35], rate: 0.04, contractSize: 1000 },
 * };
 * curveAt(market, "WTI", 0.3); // { price: 71.5, vol: 0.385 }
 * ```
 */
export function curveAt(market: MarketState, underlying: Underlying, expiry: number): { price: number; vol: number } {
  const m = market[underlying];
  if (m === undefined) throw new RangeError(`curveAt: no market state for underlying "${underlying}"`);
  return { price: interp(m.expiries, m.prices, expiry), vol: interp(m.expiries, m.vols, expiry) };
}

/**
 * Validate a portfolio against a market state: known instrument type and
 * underlying, market state present, non-zero finite quantity, expiry > 0
 * (not expired), option strike > 0 and style known, positive futures price
 * where an option must be priced.
 *
 * @throws {TypeError} when `portfolio.positions` is not an array
 * @throws {RangeError} naming `positions[i]`, the field and its value
 * @example
 * ```ts
 * const market: MarketState = {
 *   WTI: { expiries: [0.1, 0.5, 1], prices: [72, 71, 70], vols: [0.4, 0.37, 0.35], rate: 0.04, contractSize: 1000 },
 * };
 * try {
 *   validatePortfolio({ positions: [{ type: "swap" as "future", underlying: "WTI", quantity: 1, expiry: 1 }] }, market);
 * } catch (e) {
 *   console.assert(e instanceof RangeError); // positions[0].type: unknown instrument type "swap"
 * }
 * ```
 */
export function validatePortfolio(portfolio: Portfolio, market: MarketState): void {
  if (portfolio === null || typeof portfolio !== "object" || !Array.isArray(portfolio.positions)) {
    throw new TypeError(`validatePortfolio: portfolio.positions must be an array, got ${String(portfolio?.positions)}`);
  }
  const ps = portfolio.positions;
  for (let i = 0; i < ps.length; i++) {
    const p = ps[i];
    const at = `validatePortfolio: positions[${i}]`;
    if (p === null || typeof p !== "object") throw new TypeError(`${at} must be an object, got ${String(p)}`);
    if (!(INSTRUMENT_TYPES as readonly string[]).includes(p.type)) {
      throw new RangeError(`${at}.type: unknown instrument type "${p.type}" (known: ${INSTRUMENT_TYPES.join(", ")})`);
    }
    if (!(UNDERLYINGS as readonly string[]).includes(p.underlying)) {
      throw new RangeError(`${at}.underlying: unknown underlying "${p.underlying}" (known: ${UNDERLYINGS.join(", ")})`);
    }
    if (market[p.underlying] === undefined) {
      throw new RangeError(`${at}.underlying: no market state for "${p.underlying}"`);
    }
    if (typeof p.quantity !== "number" || !Number.isFinite(p.quantity) || p.quantity === 0) {
      throw new RangeError(`${at}.quantity must be a finite non-zero number of contracts, got ${p.quantity}`);
    }
    if (typeof p.expiry !== "number" || !Number.isFinite(p.expiry)) {
      throw new RangeError(`${at}.expiry must be a finite number of years, got ${p.expiry}`);
    }
    if (p.expiry <= 0) {
      throw new RangeError(`${at}.expiry: ${p.type} on ${p.underlying} has expired (expiry ${p.expiry} years <= 0)`);
    }
    if (p.type === "future") {
      if (p.strike !== undefined) throw new RangeError(`${at}.strike: a future has no strike, got ${p.strike}`);
      continue;
    }
    if (typeof p.strike !== "number" || !(p.strike > 0) || !Number.isFinite(p.strike)) {
      throw new RangeError(`${at}.strike must be finite and > 0 for an option, got ${p.strike}`);
    }
    if (p.style !== undefined && p.style !== "european" && p.style !== "american") {
      throw new RangeError(`${at}.style: unknown exercise style "${p.style}" (known: european, american)`);
    }
    const F = curveAt(market, p.underlying, p.expiry).price;
    if (!(F > 0)) {
      throw new RangeError(`${at}: option needs a positive futures price, got ${F} for ${p.underlying} at ${p.expiry}`);
    }
  }
}

/** Identity of an instrument (a position without its quantity). */
export type Instrument = Omit<Position, "quantity">;

/**
 * A stable string key of an instrument, for caching risk arrays and grouping positions.
 *
 * @example
 * ```ts
 * instrumentKey({ type: "call", underlying: "WTI", expiry: 0.5, strike: 70 }); // "call|WTI|0.5|70|european"
 * ```
 */
export function instrumentKey(p: Instrument): string {
  return p.type === "future"
    ? `future|${p.underlying}|${p.expiry}`
    : `${p.type}|${p.underlying}|${p.expiry}|${p.strike}|${p.style ?? "european"}`;
}

/**
 * Value of one unit of underlying of an instrument at futures price `F` and vol `sigma`
 * (futures: `F`, so P&L is a price difference; options: premium by Black-76 or,
 * for American style, a binomial tree with `treeSteps`). No checks (validated inputs);
 * option prices use `max(F, 1e-8)` so a shocked futures price cannot break the model.
 *
 * @example
 * ```ts
 * unitValue({ type: "put", underlying: "WTI", expiry: 0.5, strike: 65 }, 70, 0.4, 0.04, 100);
 * ```
 */
export function unitValue(inst: Instrument, F: number, sigma: number, rate: number, treeSteps: number): number {
  if (inst.type === "future") return F;
  const isCall = inst.type === "call";
  const f = Math.max(F, 1e-8);
  const s = Math.max(sigma, 1e-8);
  const K = inst.strike as number, T = inst.expiry;
  if (inst.style === "american") return binomialUnchecked(isCall, f, K, T, s, rate, true, treeSteps);
  return black76PriceUnchecked(isCall, f, K, T, s, Math.exp(-rate * T));
}

/**
 * Futures-equivalent delta of one contract (∂value/∂F per unit; futures 1,
 * options Black-76 delta — also used for American options, an approximation).
 *
 * @example
 * ```ts
 * unitDelta({ type: "call", underlying: "WTI", expiry: 1, strike: 70 }, 70, 0.3, 0); // ≈ 0.56
 * ```
 */
export function unitDelta(inst: Instrument, F: number, sigma: number, rate: number): number {
  if (inst.type === "future") return 1;
  const T = inst.expiry;
  return black76Greeks(inst.type === "call", Math.max(F, 1e-8), inst.strike as number, T, sigma, Math.exp(-rate * T))
    .delta;
}
