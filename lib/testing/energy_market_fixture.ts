/**
 * A small energy market for the SPAN-like and SPAN 2-like tests: WTI and Brent futures curves at 0.1, 0.5 and 1
 * years, Henry Hub at 0.25 and 1 years, with Black-76 vols, a 4% rate and CME contract sizes.
 * @module
 */
import type { MarketState } from "../market/portfolio.ts";

/** Fresh copy of the test market (callers may mutate it). */
export function energyMarket(): MarketState {
  return {
    WTI: { expiries: [0.1, 0.5, 1], prices: [72, 71, 70], vols: [0.4, 0.37, 0.35], rate: 0.04, contractSize: 1000 },
    BRENT: { expiries: [0.1, 0.5, 1], prices: [76, 75, 74], vols: [0.38, 0.35, 0.33], rate: 0.04, contractSize: 1000 },
    HH: { expiries: [0.25, 1], prices: [3, 3.5], vols: [0.6, 0.5], rate: 0.04, contractSize: 10000 },
  };
}
