/**
 * Black-76 (options on futures/forwards) and Black–Scholes prices and greeks.
 *
 * Conventions: `F` forward/futures price, `K` strike, `T` time to expiry in
 * years, `sigma` lognormal volatility, `df` discount factor to the payment
 * date (exp(-rT)). Black–Scholes on spot `S` with rate `r` and dividend yield
 * `q` is Black-76 with `F = S·e^{(r−q)T}`, `df = e^{−rT}`.
 *
 * @example
 * ```ts
 * import { black76Price } from "./black76.ts";
 * const c = black76Price(true, 100, 100, 1, 0.2, 1); // ≈ 7.9656
 * ```
 * @module
 */
import { normCdf, normPdf } from "../core/normal.ts";

function checkInputs(fn: string, F: number, K: number, T: number, sigma: number, df: number): void {
  if (!(F > 0) || !Number.isFinite(F)) throw new RangeError(`${fn}: forward F must be finite and > 0, got ${F}`);
  if (!(K > 0) || !Number.isFinite(K)) throw new RangeError(`${fn}: strike K must be finite and > 0, got ${K}`);
  if (!(T >= 0) || !Number.isFinite(T)) throw new RangeError(`${fn}: expiry T must be finite and >= 0, got ${T}`);
  if (!(sigma >= 0) || !Number.isFinite(sigma)) {
    throw new RangeError(`${fn}: volatility sigma must be finite and >= 0, got ${sigma}`);
  }
  if (!(df > 0) || !Number.isFinite(df)) {
    throw new RangeError(`${fn}: discount factor df must be finite and > 0, got ${df}`);
  }
}

/**
 * Black-76 price of a European call (`isCall = true`) or put.
 *
 * @throws {RangeError} naming the argument when F, K ≤ 0, T < 0, sigma < 0 or df ≤ 0
 * @example
 * ```ts
 * black76Price(false, 100, 110, 0.5, 0.3, 0.99);
 * ```
 */
export function black76Price(isCall: boolean, F: number, K: number, T: number, sigma: number, df = 1): number {
  checkInputs("black76Price", F, K, T, sigma, df);
  return black76PriceUnchecked(isCall, F, K, T, sigma, df);
}

/** Black-76 price without argument checks, for hot loops whose inputs were validated once. */
export function black76PriceUnchecked(
  isCall: boolean,
  F: number,
  K: number,
  T: number,
  sigma: number,
  df: number,
): number {
  const sd = sigma * Math.sqrt(T);
  if (sd === 0) return df * Math.max(isCall ? F - K : K - F, 0);
  const d1 = Math.log(F / K) / sd + 0.5 * sd;
  const d2 = d1 - sd;
  return isCall ? df * (F * normCdf(d1) - K * normCdf(d2)) : df * (K * normCdf(-d2) - F * normCdf(-d1));
}

/** Greeks of a Black-76 option, per unit of underlying. */
export interface Black76Greeks {
  price: number;
  /** ∂V/∂F */
  delta: number;
  /** ∂²V/∂F² */
  gamma: number;
  /** ∂V/∂σ (per unit of vol, not per vol point) */
  vega: number;
  /** −∂V/∂T with df = e^{−rT} held at its rate (per year) */
  theta: number;
}

/**
 * Price and greeks of a Black-76 option; `r` is the continuously compounded
 * rate implied by `df` (used for theta only).
 *
 * @example
 * ```ts
 * const g = black76Greeks(true, 100, 100, 1, 0.2, 1);
 * g.delta; // ≈ 0.5398
 * ```
 */
export function black76Greeks(isCall: boolean, F: number, K: number, T: number, sigma: number, df = 1): Black76Greeks {
  checkInputs("black76Greeks", F, K, T, sigma, df);
  const sqrtT = Math.sqrt(T);
  const sd = sigma * sqrtT;
  const r = T > 0 ? -Math.log(df) / T : 0;
  if (sd === 0) {
    const itm = isCall ? F > K : K > F;
    const price = df * Math.max(isCall ? F - K : K - F, 0);
    return { price, delta: itm ? (isCall ? df : -df) : 0, gamma: 0, vega: 0, theta: r * price };
  }
  const d1 = Math.log(F / K) / sd + 0.5 * sd;
  const d2 = d1 - sd;
  const pdf = normPdf(d1);
  const price = isCall ? df * (F * normCdf(d1) - K * normCdf(d2)) : df * (K * normCdf(-d2) - F * normCdf(-d1));
  const delta = isCall ? df * normCdf(d1) : -df * normCdf(-d1);
  const gamma = df * pdf / (F * sd);
  const vega = df * F * pdf * sqrtT;
  const theta = -df * F * pdf * sigma / (2 * sqrtT) + r * price;
  return { price, delta, gamma, vega, theta };
}

/**
 * Black–Scholes price on a spot with continuous rate `r` and dividend yield `q`.
 *
 * @example
 * ```ts
 * blackScholesPrice(true, 100, 100, 1, 0.2, 0.05, 0); // ≈ 10.4506
 * ```
 */
export function blackScholesPrice(
  isCall: boolean,
  S: number,
  K: number,
  T: number,
  sigma: number,
  r: number,
  q = 0,
): number {
  if (!(S > 0)) throw new RangeError(`blackScholesPrice: spot S must be > 0, got ${S}`);
  if (!Number.isFinite(r)) throw new RangeError(`blackScholesPrice: rate r must be finite, got ${r}`);
  if (!Number.isFinite(q)) throw new RangeError(`blackScholesPrice: dividend yield q must be finite, got ${q}`);
  return black76Price(isCall, S * Math.exp((r - q) * T), K, T, sigma, Math.exp(-r * T));
}
