/**
 * Daily P&L of a position in the k-th nearby NYMEX WTI futures contract (EIA RCLC1..RCLC4), rolled at the CL last
 * trading days — the generalisation of `rolledDailyPnl` (`cl_roll.ts`, the front month) to contracts 2–4 and to
 * calendar spreads between them.
 *
 * The EIA series `clk` is the k-th nearby contract; the day after a front contract's last trading day every series
 * jumps to the next contract (`cl1` becomes what `cl2` was, …). A leg "the k-th nearby contract" holds overnight
 * from t−1 to t the contract that is k-th nearby **on day t** (rolled at the close of the last trading day, as the
 * study's front-month position), so every daily P&L is the settlement change of one real contract:
 *
 * - ordinary day: `clk[t] − clk[t−1]`;
 * - the day after a last trading day: `clk[t] − cl(k+1)[t−1]` (the same contract, one place further out the day
 *   before); for k = 1 this is exactly `rolledDailyPnl`;
 * - **exception for the last contract of the strip** (k = 4 with RCLC1..4): the contract that is 4th on day t was
 *   5th on day t−1, which EIA does not publish, so on that one night the leg holds the contract that was 4th on
 *   day t−1 (3rd on day t): `cl(k−1)[t] − clk[t−1]` — rolled one day late. A spread with a 4th-contract leg is then,
 *   for that night, a spread between contracts one place closer together than its name says.
 *
 * Prices are in USD/bbl, P&L per barrel (× 1,000 for one CL contract). Differences, never log returns: WTI
 * settled at −37.63 on 2020-04-20.
 *
 * @example
 * ```ts
 * import { nearbyDailyPnl } from "./nearby_futures_pnl.ts";
 * const strip = [[70, 71, 72], [71, 72.5, 73], [72, 73, 74], [73, 74, 75]];
 * const ltd = [0, 1, 0]; // day 1 is a last trading day: day 2's cl2 was cl3 on day 1
 * nearbyDailyPnl(strip, 2, ltd); // [NaN, 1.5, 0]  (73 − 73 on day 2)
 * nearbyDailyPnl(strip, 4, ltd); // [NaN, 1, 0]    (cl3[2] − cl4[1] = 74 − 74)
 * ```
 * @module
 */

/**
 * Daily P&L per unit of the k-th nearby contract (1-based) of `strip` (`strip[0]` = front), rolled at the flags of
 * `lastTradingDay` (1 on a front contract's last trading day, `clLastTradingDays`). Row 0 is NaN; a missing price
 * gives NaN on the rows that need it.
 *
 * @throws {RangeError} when k is not an integer in [1, strip.length], the strip has fewer than 2 contracts, or the
 *   lengths differ
 * @example
 * ```ts
 * nearbyDailyPnl([[50, 51], [52, 52.5]], 1, [1, 0]); // [NaN, −1]: cl1[1] − cl2[0]
 * ```
 */
export function nearbyDailyPnl(
  strip: readonly ArrayLike<number>[],
  k: number,
  lastTradingDay: ArrayLike<number>,
): Float64Array {
  const fn = "nearbyDailyPnl";
  const K = strip.length;
  if (K < 2) throw new RangeError(`${fn}: the strip needs at least 2 contracts to roll, got ${K}`);
  if (!Number.isInteger(k) || k < 1 || k > K) {
    throw new RangeError(`${fn}: k must be an integer in [1, ${K}] (the contract's place in the strip), got ${k}`);
  }
  const n = strip[0].length;
  strip.forEach((c, i) => {
    if (c.length !== n) throw new RangeError(`${fn}: strip[${i}] has ${c.length} prices, strip[0] has ${n}`);
  });
  if (lastTradingDay.length !== n) {
    throw new RangeError(`${fn}: lastTradingDay has ${lastTradingDay.length} flags for ${n} prices`);
  }
  const out = new Float64Array(n).fill(NaN);
  const own = strip[k - 1];
  for (let t = 1; t < n; t++) {
    if (lastTradingDay[t - 1] !== 1) out[t] = own[t] - own[t - 1];
    else if (k < K) out[t] = own[t] - strip[k][t - 1];
    else out[t] = strip[k - 2][t] - own[t - 1];
  }
  return out;
}
