import assert from "node:assert/strict";
import { forwardRealizedVol, leadSeries } from "./forward_realized_vol.ts";
import { assembleFeatureFrame } from "./feature_frame.ts";
import { requireFeature } from "./require_feature.ts";

const frame = (rv: Float64Array) =>
  assembleFeatureFrame(Array.from(rv, (_, t) => `2020-01-${String(t + 1).padStart(2, "0")}`), [
    { name: "rv_3d", values: rv, description: "vol", unit: "1/yr", group: "historical", lookback: 4 },
  ]);

Deno.test("forwardRealizedVol: row t holds the trailing vol of row t + window, so it only looks forward", () => {
  const rv = Float64Array.from({ length: 12 }, (_, t) => (t < 3 ? NaN : t / 10));
  const fwd = forwardRealizedVol(frame(rv), 3, "test");
  for (let t = 0; t < 12; t++) {
    if (t + 3 < 12) assert.ok(Object.is(fwd[t], rv[t + 3]), `t=${t}`);
    else assert.ok(Number.isNaN(fwd[t]));
  }
  // changing the past never changes the forward value of a later row
  const rv2 = rv.slice();
  rv2[4] = 99;
  const fwd2 = forwardRealizedVol(frame(rv2), 3, "test");
  for (let t = 2; t < 12; t++) assert.ok(Object.is(fwd[t], fwd2[t]));
});

Deno.test("leadSeries and requireFeature reject bad input with a message naming it", () => {
  assert.equal(leadSeries(Float64Array.of(1, 2), 0)[1], 2);
  assert.throws(() => leadSeries(Float64Array.of(1), -1), /lag must be an integer >= 0, got -1/);
  assert.throws(() => requireFeature(frame(Float64Array.of(1)), "ovx", "params crudeCorr"), /params crudeCorr.*"ovx"/);
  assert.throws(() => forwardRealizedVol(frame(Float64Array.of(1)), 20, "crude frame"), /crude frame.*"rv_20d"/);
});
