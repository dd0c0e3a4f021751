import assert from "node:assert/strict";
import { sviParamSeries, syntheticSurfaceFits } from "./synthetic_surface_fits.ts";
import { generateSyntheticMarket } from "../market/synthetic_market.ts";

const market = generateSyntheticMarket(11, { days: 12 });
const opts = {
  fitWeighting: "vegaSpread" as const,
  sabrBeta: 1,
  rhoBoundAbs: 0.99,
  calendarGrid: { kMin: -0.5, kMax: 0.5, n: 41 },
  ssviEvery: 4,
};

Deno.test("syntheticSurfaceFits: every slice of every day is fitted or counted as failed; shares are in [0, 1]", () => {
  const { report, svi } = syntheticSurfaceFits(market.chains, opts);
  const S = report.expiryDays.length;
  assert.equal(report.days, 12);
  assert.equal(report.slicesFitted + report.slicesFailed, 12 * S);
  let fitted = 0;
  for (const e of report.expiryDays) {
    const b = report.bySlice[`d${e}`];
    assert.equal(b.fitted + b.failed, 12);
    assert.equal(b.sviRmseVolPts.n, b.fitted);
    fitted += b.fitted;
  }
  assert.equal(fitted, report.slicesFitted);
  assert.equal(svi.flat().filter((x) => x !== null).length, report.slicesFitted);
  for (const v of Object.values(report.all)) if (typeof v === "number") assert.ok(v >= 0 && v <= 1);
  assert.ok(report.calendar.days <= 12 && report.ssvi.days + report.ssvi.failed <= 3); // days 0, 4, 8
  // model-priced quotes are fitted well
  assert.ok(report.all.sviRmseVolPts.median! < 1, `median SVI RMSE ${report.all.sviRmseVolPts.median} vol pts`);
});

Deno.test("sviParamSeries: every k-th day of one slice, rounded; an unknown slice is an error", () => {
  const { report, svi } = syntheticSurfaceFits(market.chains.slice(0, 5), opts);
  const e = report.expiryDays[1];
  const s = sviParamSeries(svi, { expiryDays: report.expiryDays, dates: market.dates.slice(0, 5) }, {
    expiryDays: e,
    every: 2,
    digits: 4,
  });
  assert.deepEqual(s.dates, [market.dates[0], market.dates[2], market.dates[4]]);
  const p0 = svi[1][0];
  assert.equal(s.a[0], p0 === null ? null : Math.round(p0.a * 1e4) / 1e4 || 0);
  assert.throws(
    () =>
      sviParamSeries(svi, { expiryDays: report.expiryDays, dates: market.dates }, {
        expiryDays: 999,
        every: 1,
        digits: 4,
      }),
    /999 is not a synthetic slice/,
  );
  assert.throws(() => syntheticSurfaceFits([], opts), /no daily chains/);
});
