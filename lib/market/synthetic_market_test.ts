import assert from "node:assert/strict";
import { businessDays, generateSyntheticMarket, serializeSyntheticMarket } from "./synthetic_market.ts";
import { syntheticMarketPanel } from "./synthetic_panel.ts";

async function sha256(s: string): Promise<string> {
  const d = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(s));
  return Array.from(new Uint8Array(d), (b) => b.toString(16).padStart(2, "0")).join("");
}

Deno.test("generateSyntheticMarket: same seed → byte-identical serialization; other seed differs", async () => {
  const a = await sha256(serializeSyntheticMarket(generateSyntheticMarket(123, { days: 120 })));
  const b = await sha256(serializeSyntheticMarket(generateSyntheticMarket(123, { days: 120 })));
  const c = await sha256(serializeSyntheticMarket(generateSyntheticMarket(124, { days: 120 })));
  assert.equal(a, b);
  assert.notEqual(a, c);
});

Deno.test("generateSyntheticMarket: chains do not change the price path", () => {
  const a = generateSyntheticMarket(5, { days: 80 });
  const b = generateSyntheticMarket(5, { days: 80, chains: false });
  assert.deepEqual(a.front, b.front);
  assert.deepEqual(a.curve, b.curve);
  assert.equal(b.chains.length, 0);
  assert.equal(a.chains.length, 80);
});

Deno.test("generateSyntheticMarket: shapes, calendar, curve and positivity", () => {
  const m = generateSyntheticMarket(9, { days: 260, chains: false });
  assert.equal(m.dates.length, 260);
  for (let i = 1; i < m.dates.length; i++) assert.ok(m.dates[i] > m.dates[i - 1]);
  for (const d of m.dates) assert.ok(![0, 6].includes(new Date(d + "T00:00:00Z").getUTCDay()), d);
  assert.equal(m.front[0], m.curve[0][0]);
  assert.ok(Math.abs(m.front[0] - 70) < 1e-9);
  for (let t = 0; t < 260; t++) {
    assert.ok(m.front[t] > 0 && Number.isFinite(m.front[t]));
    assert.equal(m.curve[0][t], m.front[t]);
    // With χ = 0 the curve is in contango by the carry; the sign of the slope follows χ.
    const slope = Math.log(m.curve[3][t] / m.curve[0][t]) - m.params.carry * (m.params.tenors[3] - m.params.tenors[0]);
    assert.ok(Math.sign(slope) === -Math.sign(m.chi[t]) || m.chi[t] === 0);
  }
  const panel = syntheticMarketPanel(m);
  assert.deepEqual(Object.keys(panel.columns), ["cl1", "cl2", "cl3", "cl4"]);
  assert.deepEqual(panel.columns.cl1, m.front);
});

Deno.test("generateSyntheticMarket: regimes switch and stress days are more volatile", () => {
  const m = generateSyntheticMarket(11, { days: 2000, chains: false });
  let n1 = 0, s0 = 0, s1 = 0, c0 = 0, c1 = 0;
  for (let t = 1; t < m.front.length; t++) {
    const r = Math.log(m.front[t] / m.front[t - 1]);
    if (m.regime[t - 1] === 1) {
      s1 += r * r;
      c1++;
    } else {
      s0 += r * r;
      c0++;
    }
    n1 += m.regime[t];
  }
  assert.ok(n1 > 20 && n1 < 1900, `stress days ${n1}`);
  assert.ok(s1 / c1 > 1.5 * (s0 / c0));
});

Deno.test("generateSyntheticMarket: chains are well formed, with gaps and bid ≤ ask", () => {
  const m = generateSyntheticMarket(3, { days: 30 });
  let quoted = 0, grid = 0;
  for (const day of m.chains) {
    assert.equal(day.slices.length, m.params.expiryDays.length);
    for (const s of day.slices) {
      grid += m.params.strikeZ.length;
      quoted += s.strikes.length;
      for (let j = 0; j < s.strikes.length; j++) {
        if (j > 0) assert.ok(s.strikes[j] > s.strikes[j - 1]);
        assert.ok(s.callBid[j] >= 0 && s.callBid[j] <= s.callAsk[j]);
        assert.ok(s.putBid[j] >= 0 && s.putBid[j] <= s.putAsk[j]);
        assert.ok(s.modelVol[j] > 0.05 && s.modelVol[j] < 3, `vol ${s.modelVol[j]}`);
      }
    }
  }
  assert.ok(quoted < grid && quoted > 0.75 * grid, `${quoted} of ${grid}`);
});

Deno.test("generateSyntheticMarket: rejects bad seeds and parameters", () => {
  assert.throws(() => generateSyntheticMarket(1.5), RangeError);
  assert.throws(() => generateSyntheticMarket(1, { rho: 1 }), /rho/);
  assert.throws(() => generateSyntheticMarket(1, { days: 1 }), /days/);
  assert.throws(() => generateSyntheticMarket(1, { expiryDays: [42, 21] }), /expiryDays/);
  // deno-lint-ignore no-explicit-any
  assert.throws(() => generateSyntheticMarket(1, { bogus: 1 } as any), TypeError);
});

Deno.test("businessDays skips weekends", () => {
  assert.deepEqual(businessDays("2000-01-07", 3), ["2000-01-07", "2000-01-10", "2000-01-11"]);
  assert.deepEqual(businessDays("2000-01-08", 1), ["2000-01-10"]);
  assert.throws(() => businessDays("2000/01/08", 1), /start/);
});
