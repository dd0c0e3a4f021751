/**
 * Calibrate a SPAN price scan range from history: the `tau` quantile
 * of absolute h-day futures price changes over the lookback, expressed as a
 * fraction of today's price (the unit of `SpanUnderlyingParams.priceScan`).
 * Absolute changes are used so that histories with negative prices
 * (WTI, 2020-04-20) are valid.
 *
 * @example
 * ```ts
 * import { scanRangeFromHistory } from "./scan_range.ts";
 * const p = Array.from({ length: 600 }, (_, i) => 70 + 3 * Math.sin(i / 3));
 * scanRangeFromHistory(p, { mpor: 2, tau: 0.99 }); // ≈ 0.029
 * ```
 * @module
 */
import { buildScenarios } from "./scenarios.ts";
import { checkConfidence } from "../core/check.ts";
import { quickselect, tailIndex } from "./var_es.ts";

/** Options of {@link scanRangeFromHistory}. */
export interface ScanRangeOptions {
  /** MPOR in days. Default 2. */
  mpor?: number;
  /** Quantile level. Default 0.99. */
  tau?: number;
  /** Number of h-day changes. Default all available. */
  lookback?: number;
}

/**
 * Price scan range as a fraction of today's price.
 *
 * @throws {RangeError} on bad prices, lookback or tau (see `buildScenarios`), or a zero price today
 * @example
 * ```ts
 * scanRangeFromHistory([70, 72, 69, 71, 70], { mpor: 1, tau: 0.75 });
 * ```
 */
export function scanRangeFromHistory(prices: ArrayLike<number>, opts: ScanRangeOptions = {}): number {
  const fn = "scanRangeFromHistory";
  const tau = opts.tau ?? 0.99;
  checkConfidence(fn, tau, "tau");
  const sc = buildScenarios([prices], { mpor: opts.mpor ?? 2, lookback: opts.lookback });
  const today = prices[prices.length - 1];
  if (today === 0) throw new RangeError(`${fn}: today's price is 0, a relative scan range is undefined`);
  const a = sc.data.map(Math.abs);
  const { k } = tailIndex(a.length, tau);
  return quickselect(a, k - 1) / Math.abs(today);
}
