import assert from "node:assert/strict";
import { createPrng } from "../core/prng.ts";
import { type Instrument, unitValue } from "./portfolio.ts";
import { unitValues } from "./unit_values.ts";

Deno.test("unitValues: bitwise equal to unitValue for futures, European and American options (mixed vols)", () => {
  const rng = createPrng(23);
  for (let c = 0; c < 90; c++) {
    const type = (["future", "call", "put"] as const)[c % 3];
    const style = (["european", "american"] as const)[(c >> 1) % 2];
    const F0 = 2 + 100 * rng.next();
    const inst: Instrument = type === "future"
      ? { type, underlying: "WTI", expiry: 0.3 }
      : { type, underlying: "WTI", expiry: 0.02 + rng.next(), strike: F0 * (0.7 + 0.6 * rng.next()), style };
    const n = [1, 2, 17, 300][c % 4];
    // scenario prices (some below zero: the 1e-8 floor), a few distinct vols (one of them 0: the 1e-8 floor)
    const F = Float64Array.from({ length: n }, () => F0 + F0 * 1.2 * (rng.next() - 0.55));
    const vols = [0.35, 0.35 * 1.5, 0, 0.35 - 0.05];
    const sigma = Float64Array.from({ length: n }, (_, k) => vols[k % 7 === 0 ? (k >> 3) % 4 : 0]);
    const rate = [0, 0.04][c % 2], steps = [50, 7][c % 2];
    const got = unitValues(inst, F, sigma, rate, steps);
    const one = unitValues(inst, F, 0.35, rate, steps);
    for (let k = 0; k < n; k++) {
      assert.ok(Object.is(got[k], unitValue(inst, F[k], sigma[k], rate, steps)), `${JSON.stringify(inst)} k=${k}`);
      assert.ok(Object.is(one[k], unitValue(inst, F[k], 0.35, rate, steps)), `${JSON.stringify(inst)} k=${k}`);
    }
  }
});

Deno.test("unitValues: short sigma or out arrays are named", () => {
  const put: Instrument = { type: "put", underlying: "HH", expiry: 0.5, strike: 3, style: "american" };
  assert.throws(() => unitValues(put, [3, 3.1], [0.5], 0, 50), /unitValues: sigma has 1 elements, fewer than F's 2/);
  assert.throws(
    () => unitValues(put, [3, 3.1], 0.5, 0, 50, new Float64Array(1)),
    /unitValues: out has 1 elements, fewer than F's 2/,
  );
});
