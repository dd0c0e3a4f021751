import assert from "node:assert/strict";
import { runForecasterContract } from "../testing/forecaster_contract.ts";
import { loadStaticMultiplier, staticMultiplier } from "./static_multiplier.ts";

runForecasterContract({
  name: "static",
  make: (o) => staticMultiplier(o),
  load: loadStaticMultiplier,
  learnable: false,
});

Deno.test("static: the in-sample τ-quantile, clipped to the bounds", async () => {
  const n = 101, r = Float64Array.from({ length: n }, (_, i) => 1 + i / 100); // 1.00 .. 2.00
  const ds = {
    x: new Float64Array(n),
    d: 1,
    r,
    dates: Array.from({ length: n }, (_, i) => `d${String(i).padStart(5, "0")}`),
  };
  const valid = { ...ds, dates: ds.dates.map((d) => "e" + d) };
  const f = staticMultiplier({ tau: 0.3 });
  await f.fit(ds, valid);
  assert.ok(Math.abs(f.predict(Float64Array.of(0))[0] - 1.3) < 1e-12);
  const g = staticMultiplier({ tau: 0.99 });
  await g.fit(ds, valid);
  assert.equal(g.predict(Float64Array.of(0))[0], 1.5);
});
