/**
 * Options on futures priced on a Cox–Ross–Rubinstein binomial tree, European
 * or American exercise. Used for American options by the SPAN-like and
 * SPAN 2-like engines (the "slow, accurate" reference; Black-76 from
 * `lib/market/black76.ts` prices the European ones).
 *
 * Tree on the futures price (zero drift under the risk-neutral measure):
 * `u = e^{σ√Δt}`, `d = 1/u`, `p = (1 − d)/(u − d)`, discount `e^{−rΔt}` per step;
 * American values take `max(exercise, continuation)` at every node. The error
 * is O(1/steps) (oscillating); 200 steps give about 1e-3 relative accuracy
 * at the money. Barone-Adesi–Whaley would be faster; the tree is chosen for
 * transparency and because it converges to the exact price.
 *
 * @example
 * ```ts
 * import { binomialFuturesOption } from "./american.ts";
 * binomialFuturesOption(false, 70, 75, 0.5, 0.4, 0.05, { american: true, steps: 200 }); // ≥ European put
 * ```
 * @module
 */

/** Options of {@link binomialFuturesOption}. */
export interface BinomialOptions {
  /** American (early exercise, default) or European. */
  american?: boolean;
  /** Number of time steps ≥ 1. Default 200. */
  steps?: number;
}

/**
 * CRR binomial price of a call (`isCall`) or put on a futures price `F`, strike `K`,
 * expiry `T` years, volatility `sigma`, continuously compounded rate `r`.
 *
 * @throws {RangeError} on F, K ≤ 0, T < 0, sigma < 0, non-finite r, steps < 1 (naming the argument)
 * @example
 * ```ts
 * binomialFuturesOption(true, 100, 100, 1, 0.2, 0, { american: false, steps: 500 }); // ≈ 7.9616 (Black-76: 7.9656)
 * ```
 */
export function binomialFuturesOption(
  isCall: boolean,
  F: number,
  K: number,
  T: number,
  sigma: number,
  r: number,
  opts: BinomialOptions = {},
): number {
  const fn = "binomialFuturesOption";
  if (!(F > 0) || !Number.isFinite(F)) throw new RangeError(`${fn}: futures price F must be finite and > 0, got ${F}`);
  if (!(K > 0) || !Number.isFinite(K)) throw new RangeError(`${fn}: strike K must be finite and > 0, got ${K}`);
  if (!(T >= 0) || !Number.isFinite(T)) throw new RangeError(`${fn}: expiry T must be finite and >= 0, got ${T}`);
  if (!(sigma >= 0) || !Number.isFinite(sigma)) {
    throw new RangeError(`${fn}: sigma must be finite and >= 0, got ${sigma}`);
  }
  if (!Number.isFinite(r)) throw new RangeError(`${fn}: rate r must be finite, got ${r}`);
  const steps = opts.steps ?? 200;
  if (!Number.isInteger(steps) || steps < 1) throw new RangeError(`${fn}: steps must be an integer >= 1, got ${steps}`);
  return binomialUnchecked(isCall, F, K, T, sigma, r, opts.american ?? true, steps);
}

/**
 * {@link binomialFuturesOption} without checks, for hot loops over validated inputs.
 *
 * @example
 * ```ts
 * binomialUnchecked(false, 70, 75, 0.5, 0.4, 0.05, true, 100);
 * ```
 */
export function binomialUnchecked(
  isCall: boolean,
  F: number,
  K: number,
  T: number,
  sigma: number,
  r: number,
  american: boolean,
  steps: number,
): number {
  const intrinsic = Math.max(isCall ? F - K : K - F, 0);
  if (T === 0 || sigma === 0) {
    const df = Math.exp(-r * T);
    return american ? Math.max(intrinsic, df * intrinsic) : df * intrinsic;
  }
  const dt = T / steps;
  const u = Math.exp(sigma * Math.sqrt(dt)), d = 1 / u;
  const p = (1 - d) / (u - d), q = 1 - p;
  const disc = Math.exp(-r * dt);
  const v = new Float64Array(steps + 1);
  // terminal nodes: F·u^(2j − steps)
  let f = F * Math.pow(d, steps);
  const u2 = u * u;
  for (let j = 0; j <= steps; j++) {
    v[j] = Math.max(isCall ? f - K : K - f, 0);
    f *= u2;
  }
  for (let i = steps - 1; i >= 0; i--) {
    let fi = F * Math.pow(d, i);
    for (let j = 0; j <= i; j++) {
      const cont = disc * (p * v[j + 1] + q * v[j]);
      if (american) {
        const ex = isCall ? fi - K : K - fi;
        v[j] = ex > cont ? ex : cont;
      } else v[j] = cont;
      fi *= u2;
    }
  }
  return v[0];
}
