import assert from "node:assert/strict";
import { apcBaseline, apcBaselineConfig, loadApcBaseline } from "./apc_baseline.ts";
import { runForecasterContract } from "../testing/forecaster_contract.ts";

runForecasterContract({ name: "apc_baseline", make: (o) => apcBaseline(o), load: loadApcBaseline, learnable: false });

const dates = (n: number, start = 0) => Array.from({ length: n }, (_, i) => `d${String(start + i).padStart(5, "0")}`);

Deno.test("apc_baseline: buffer, stressed weight and floor as multipliers", async () => {
  const ds = (x: Float64Array, d: number, start = 0) => ({
    x,
    d,
    r: new Float64Array(x.length / d).fill(1),
    dates: dates(x.length / d, start),
  });
  const buf = apcBaseline({ tool: "buffer", minTrain: 2 });
  await buf.fit(ds(Float64Array.of(0, 0), 1), ds(Float64Array.of(0), 1, 100));
  assert.deepEqual(buf.predict(Float64Array.of(3, 4)), Float64Array.of(1.25, 1.25));

  // IM level 100, 100, then 140 (+40% > 25% over the window: stress, the buffer absorbs the rise).
  const withIm = apcBaseline({ tool: "buffer", column: 0, minTrain: 2 });
  await withIm.fit(ds(Float64Array.of(100, 100), 1), ds(Float64Array.of(100), 1, 100));
  const m = withIm.predict(Float64Array.of(100, 100, 140));
  assert.deepEqual(Array.from(m.subarray(0, 2)), [1.25, 1.25]);
  // Stress day: collected margin stays at the previous 125 (max(140, min(175, 125)) = 140) → m = 1.
  assert.equal(m[2], 1);

  const sw = apcBaseline({ tool: "stressed_weight", column: 1, minTrain: 2 });
  await sw.fit(ds(Float64Array.of(0, 2, 0, 2), 2), ds(Float64Array.of(0, 2), 2, 100));
  assert.deepEqual(sw.predict(Float64Array.of(0, 2, 0, 1)), Float64Array.of(1.25, 1));

  const fl = apcBaseline({ tool: "floor", column: 0, minTrain: 2 });
  await fl.fit(ds(Float64Array.of(1, 1), 1), ds(Float64Array.of(1), 1, 100));
  assert.deepEqual(fl.predict(Float64Array.of(0.7, 1.2, 3)), Float64Array.of(1, 1.2, 1.5));
});

Deno.test("apc_baseline: config validation", () => {
  assert.throws(() => apcBaselineConfig({ tool: "floor" }), /column/);
  assert.throws(() => apcBaselineConfig({ tool: "nope" as "floor" }), /tool/);
  assert.throws(() => apcBaselineConfig({ stressedWeight: 2 }), /stressedWeight/);
});
