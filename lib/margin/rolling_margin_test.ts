import assert from "node:assert/strict";
import { rollingMargin, stressedPeriod } from "./rolling_margin.ts";
import { hsMargin } from "./hs.ts";
import { apcFloor, apcStressedWeight } from "./apc.ts";

const worst = (w: Float64Array) => Math.max(0, -Math.min(...w));

Deno.test("rollingMargin: uses only data up to t", () => {
  assert.deepEqual(Array.from(rollingMargin([1, -2, -3], worst, { lookback: 2 })), [NaN, 2, 3]);
  assert.deepEqual(Array.from(rollingMargin([-1, -2, 5], worst, { lookback: 2, minObs: 1 })), [1, 2, 2]);
});

Deno.test("stressedPeriod finds the worst window", () => {
  assert.deepEqual(stressedPeriod([0, -9, 1, 2, 3], worst, 2), { start: 0, end: 1, margin: 9 });
});

Deno.test("rolling baseline + APC: stressed weight and 10-year floor on an HS baseline", () => {
  const pnl = Float64Array.from({ length: 400 }, (_, i) => (i > 50 && i < 80 ? -20 : 1) * Math.sin(i + 1));
  const fn = (w: Float64Array) => hsMargin(w, { tau: 0.95 });
  const base = rollingMargin(pnl, fn, { lookback: 100 });
  const st = stressedPeriod(pnl, fn, 100);
  const weighted = apcStressedWeight(base, st.margin);
  const floor = apcFloor(base, rollingMargin(pnl, fn, { lookback: 400, minObs: 100 }));
  for (let t = 99; t < 400; t++) {
    assert.ok(weighted[t] >= base[t] - 1e-12);
    assert.ok(floor[t] >= base[t]);
  }
  assert.ok(floor[399] > base[399]); // the stress has left the 100-day window but not the long one
});

Deno.test("rollingMargin: bad input is named", () => {
  assert.throws(() => rollingMargin([1], worst, { lookback: 0 }), /lookback must be an integer >= 1, got 0/);
  assert.throws(() => rollingMargin([1], worst, { lookback: 2, minObs: 3 }), /minObs must be <= lookback \(2\), got 3/);
  assert.throws(() => rollingMargin([NaN], worst, { lookback: 1 }), /pnl\[0\] must be a finite number, got NaN/);
  assert.throws(() => stressedPeriod([1, 2], worst, 3), /length 3 exceeds the 2 observations/);
});
