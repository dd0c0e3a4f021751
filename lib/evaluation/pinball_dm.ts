/**
 * Diebold–Mariano test of two multiplier series on their pinball loss against
 * the ratio target (Newey–West variance with lag h for the overlapping h-day
 * losses). Negative statistic = the first series is more accurate.
 *
 * @example
 * ```ts
 * import { pinballDm } from "./pinball_dm.ts";
 * const r = Float64Array.from({ length: 500 }, (_, i) => 0.4 * Math.sin(i * 0.7) * (i % 3));
 * const good = new Float64Array(500).fill(0.8), bad = new Float64Array(500).fill(0.2);
 * const { stat, pValue } = pinballDm(r, good, bad, 0.99, 2);
 * console.assert(stat < 0 && pValue < 0.05);
 * ```
 * @module
 */
import { dieboldMariano } from "../backtest/mod.ts";
import { pinballLosses as pinballLoss } from "../targets/pinball_loss.ts";

/**
 * DM test of `a` against `b` on pinball loss at τ; identical series give `{ stat: 0, pValue: 1 }`
 * (the test statistic is undefined there).
 *
 * @throws {RangeError} on mismatched lengths or bad τ / MPOR (from the backtest library)
 * @example
 * ```ts
 * const same = pinballDm(Float64Array.of(1, 2), Float64Array.of(1, 1), Float64Array.of(1, 1), 0.99, 1);
 * console.assert(same.stat === 0 && same.pValue === 1);
 * ```
 */
export function pinballDm(
  r: Float64Array,
  a: Float64Array,
  b: Float64Array,
  tau: number,
  mpor: number,
): { stat: number; pValue: number } {
  if (a.length !== b.length) throw new RangeError(`pinballDm: series have lengths ${a.length} and ${b.length}`);
  let same = true;
  for (let i = 0; i < a.length && same; i++) same = a[i] === b[i];
  if (same) return { stat: 0, pValue: 1 };
  const dm = dieboldMariano(pinballLoss(r, a, tau), pinballLoss(r, b, tau), { mpor });
  return { stat: dm.stat, pValue: dm.pValue };
}
