/**
 * **Target-side, looks forward — never a feature.** The realized h-day loss of
 * a futures position held from t to t+h, in USD:
 * `L_{t,t+h} = −position · contractSize · (x_{t+h} − x_t)` (positive = loss), with
 * 1 contract = 1,000 bbl. Price units, not log returns, so negative prices are
 * handled honestly. NaN for the last `mpor` = h rows (no future) or NaN prices.
 *
 * @example
 * ```ts
 * import { targetForwardLoss } from "./forward_loss.ts";
 * targetForwardLoss(Float64Array.of(50, 49, 51), 1, 1); // [1000, -2000, NaN]
 * ```
 * @module
 */
import { checkInt } from "../core/check.ts";

/**
 * h-day forward loss of `position` contracts (USD), indexed by the start date t.
 *
 * @throws {RangeError} on a bad horizon, position or contract size
 * @example
 * ```ts
 * const L = targetForwardLoss(Float64Array.of(50, 51, 53), 2, -1); // short 1 contract, 2-day MPOR: [3000, NaN, NaN]
 * ```
 */
export function targetForwardLoss(
  price: Float64Array,
  mpor: number,
  position: number,
  contractSize = 1000,
): Float64Array {
  checkInt("targetForwardLoss", "mpor", mpor, 1);
  if (!Number.isFinite(position) || position === 0) {
    throw new RangeError(`targetForwardLoss: position must be a finite non-zero number of contracts, got ${position}`);
  }
  if (!(contractSize > 0)) throw new RangeError(`targetForwardLoss: contractSize must be > 0, got ${contractSize}`);
  const n = price.length;
  const out = new Float64Array(n).fill(NaN);
  for (let t = 0; t + mpor < n; t++) out[t] = -position * contractSize * (price[t + mpor] - price[t]);
  return out;
}

/**
 * **Target-side, looks forward.** h-day forward loss from a daily P&L series of
 * one long contract (USD, `pnl[t]` = P&L from t−1 to t, e.g. the lead's
 * `rolledDailyPnl`, which rolls at last trading days):
 * `L_{t,t+h} = −position · Σ_{s=t+1..t+h} pnl[s]`. NaN where the window runs past
 * the end or holds a NaN.
 *
 * @throws {RangeError} on a bad horizon or position
 * @example
 * ```ts
 * targetForwardLossFromDailyPnl(Float64Array.of(NaN, 1000, -500, 250), 2, 1); // [-500, 250, NaN, NaN]
 * ```
 */
export function targetForwardLossFromDailyPnl(dailyPnl: Float64Array, mpor: number, position: number): Float64Array {
  checkInt("targetForwardLossFromDailyPnl", "mpor", mpor, 1);
  if (!Number.isFinite(position) || position === 0) {
    throw new RangeError(
      `targetForwardLossFromDailyPnl: position must be a finite non-zero number of contracts, got ${position}`,
    );
  }
  const n = dailyPnl.length;
  const out = new Float64Array(n).fill(NaN);
  for (let t = 0; t + mpor < n; t++) {
    let s = 0;
    for (let i = t + 1; i <= t + mpor; i++) s += dailyPnl[i];
    out[t] = -position * s;
  }
  return out;
}
