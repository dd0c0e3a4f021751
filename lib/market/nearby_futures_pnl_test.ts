import assert from "node:assert/strict";
import { nearbyDailyPnl } from "./nearby_futures_pnl.ts";
import { clLastTradingDays, rolledDailyPnl } from "./cl_roll.ts";
import { createPrng } from "../core/prng.ts";
import { businessDays } from "./synthetic_market.ts";

/** A strip of contracts whose identities roll at the flags: contract j has its own random-walk price. */
function rollingStrip(n: number, seed: number) {
  const dates = businessDays("2019-01-02", n);
  const ltd = clLastTradingDays(dates);
  const rng = createPrng(seed);
  const months = 4 + 40;
  const price: number[][] = Array.from({ length: months }, (_, j) => [60 + j * 0.5]);
  for (let t = 1; t < n; t++) for (const p of price) p.push(p[t - 1] + rng.normal());
  // front contract index on day t: number of last trading days strictly before t
  const front = new Int32Array(n);
  for (let t = 1; t < n; t++) front[t] = front[t - 1] + (ltd[t - 1] === 1 ? 1 : 0);
  const strip = [0, 1, 2, 3].map((k) => Float64Array.from({ length: n }, (_, t) => price[front[t] + k][t]));
  return { ltd, strip, price, front };
}

Deno.test("nearbyDailyPnl: k = 1 is rolledDailyPnl bit for bit", () => {
  const { ltd, strip } = rollingStrip(400, 1);
  assert.deepEqual(nearbyDailyPnl(strip, 1, ltd), rolledDailyPnl(strip[0], strip[1], ltd, 1));
});

Deno.test("nearbyDailyPnl: every daily P&L is the change of one real contract", () => {
  const { ltd, strip, price, front } = rollingStrip(400, 2);
  let rolls = 0;
  for (const k of [1, 2, 3, 4]) {
    const d = nearbyDailyPnl(strip, k, ltd);
    for (let t = 1; t < 400; t++) {
      // held overnight: the contract k-th on day t, except for k = 4 after a last trading day (4th on day t−1)
      const roll = ltd[t - 1] === 1;
      const j = k === 4 && roll ? front[t - 1] + 3 : front[t] + k - 1;
      rolls += roll ? 1 : 0;
      assert.equal(d[t], price[j][t] - price[j][t - 1], `k=${k} t=${t}`);
    }
    assert.ok(Number.isNaN(d[0]));
  }
  assert.ok(rolls >= 4 * 15, `only ${rolls / 4} rolls in the test calendar`);
});

Deno.test("nearbyDailyPnl: bad input names the argument", () => {
  const s = [[1, 2], [1, 2]];
  assert.throws(() => nearbyDailyPnl(s, 3, [0, 0]), /k must be an integer in \[1, 2\].*got 3/);
  assert.throws(() => nearbyDailyPnl([[1, 2]], 1, [0, 0]), /at least 2 contracts to roll, got 1/);
  assert.throws(() => nearbyDailyPnl([[1, 2], [1]], 1, [0, 0]), /strip\[1\] has 1 prices/);
  assert.throws(() => nearbyDailyPnl(s, 1, [0]), /lastTradingDay has 1 flags for 2/);
});
