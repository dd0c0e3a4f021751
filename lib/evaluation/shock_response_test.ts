import assert from "node:assert/strict";
import { shockResponse } from "./shock_response.ts";

Deno.test("shockResponse: seed means, mean change and the sd of per-seed changes", () => {
  const r = shockResponse({ none: [1, 1.2, 1.1], volX: [1.3, 1.4, 1.6], curve: [1, 1.2, 1.1] });
  assert.deepEqual(Object.keys(r.effects), ["volX", "curve"]);
  assert.ok(Math.abs(r.m - 1.1) < 1e-12);
  assert.ok(Math.abs(r.effects.volX.m - 1.4333333333333333) < 1e-12);
  assert.ok(Math.abs(r.effects.volX.dm - (r.effects.volX.m - r.m)) < 1e-15);
  // per-seed changes 0.3, 0.2, 0.5: deviations −1/30, −4/30, 5/30 from their mean, sd = √(42/900 / 2) = √21 / 30
  assert.ok(Math.abs(r.effects.volX.dmSd - Math.sqrt(21) / 30) < 1e-12);
  assert.equal(r.effects.curve.dm, 0);
  assert.equal(r.effects.curve.dmSd, 0);
});

Deno.test("shockResponse: a missing baseline or ragged seeds are RangeErrors", () => {
  assert.throws(() => shockResponse({ volX: [1] }), /no "none"/);
  assert.throws(() => shockResponse({ none: [1, 2], volX: [1] }), /"volX" has 1 seeds/);
});
