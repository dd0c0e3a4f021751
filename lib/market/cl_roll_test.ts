import assert from "node:assert/strict";
import { clLastTradingDays, overlappingSum, rolledDailyPnl } from "./cl_roll.ts";
import { loadCrudePanel } from "../data/load.ts";

Deno.test("clLastTradingDays: CME rule on known expiries", () => {
  // Business days of April 2020 (no NYMEX holiday between Apr 13 and Apr 24).
  const cal: string[] = [];
  for (let d = 1; d <= 30; d++) {
    const iso = `2020-04-${String(d).padStart(2, "0")}`;
    const wd = new Date(iso + "T00:00:00Z").getUTCDay();
    if (wd !== 0 && wd !== 6 && iso !== "2020-04-10") cal.push(iso); // Good Friday closed
  }
  cal.push("2020-05-01");
  const f = clLastTradingDays(cal);
  // May-2020 CL expired on 2020-04-21 (the 25th was a Saturday: last bday before is Apr 24, minus 3 = Apr 21).
  assert.deepEqual(cal.filter((_, i) => f[i] === 1), ["2020-04-21"]);
});

Deno.test("rolledDailyPnl: rolls into contract 2 after the last trading day", () => {
  const cl1 = [10, 11, 20, 21], cl2 = [19, 19.5, 21, 22];
  const ltd = [0, 1, 0, 0];
  const p = rolledDailyPnl(cl1, cl2, ltd, 1000);
  assert.ok(Number.isNaN(p[0]));
  assert.deepEqual([...p.slice(1)], [1000, 500, 1000]);
  assert.throws(() => rolledDailyPnl([1], [1, 2], [0]), /lengths differ/);
});

Deno.test("overlappingSum: h-day sums", () => {
  assert.deepEqual([...overlappingSum([NaN, 1, 2, 3], 2)], [NaN, NaN, 3, 5]);
  assert.throws(() => overlappingSum([1], 0), /h must be an integer >= 1, got 0/);
});

Deno.test("clLastTradingDays: on the real RCLC1/RCLC2 history the rule's day is where the front contract switches", async () => {
  const { panel } = await loadCrudePanel(".", { to: "2022-02-15" });
  const { cl1, cl2 } = panel.columns;
  const f = clLastTradingDays(panel.dates);
  // For each offset from the rule's day, count roll days where the next front price is closer to
  // today's second contract than to today's front: the switch shows up exactly at offset 0.
  const agreement = (off: number) => {
    let rolls = 0, agree = 0;
    for (let t = 2; t < panel.dates.length - 3; t++) {
      if (!f[t] || panel.dates[t] < "1990-01-01") continue;
      const u = t + off;
      rolls++;
      if (Math.abs(cl1[u + 1] - cl2[u]) < Math.abs(cl1[u + 1] - cl1[u])) agree++;
    }
    return { rolls, agree };
  };
  const at0 = agreement(0);
  assert.ok(at0.rolls > 380, `rolls ${at0.rolls}`);
  for (const off of [-2, -1, 1, 2]) {
    const o = agreement(off);
    assert.ok(at0.agree > o.agree + 50, `offset 0: ${at0.agree} vs offset ${off}: ${o.agree}`);
  }
});
