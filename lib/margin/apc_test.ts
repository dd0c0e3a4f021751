import assert from "node:assert/strict";
import fc from "fast-check";
import { apcBuffer, apcFloor, apcStressedWeight } from "./apc.ts";

Deno.test("apcBuffer: 25% buffer collected, released in stress, rebuilt after", () => {
  const m = [100, 100, 110, 120, 130, 130];
  const out = apcBuffer(m, { stress: [0, 0, 1, 1, 1, 0] });
  assert.deepEqual(Array.from(out), [125, 125, 125, 125, 130, 162.5]);
});

Deno.test("apcBuffer: automatic stress detection from a sharp rise", () => {
  const m = [100, 100, 100, 100, 100, 100, 140];
  const out = apcBuffer(m, { releaseThreshold: 0.25, releaseWindow: 5 });
  assert.equal(out[6], 140); // buffer of 125 exhausted, collected = calculated
  const calm = apcBuffer([100, 101, 102]);
  assert.deepEqual(Array.from(calm), [125, 126.25, 127.5]);
});

Deno.test("apcStressedWeight and apcFloor", () => {
  assert.deepEqual(Array.from(apcStressedWeight([100, 80], [200, 200])), [125, 110]);
  assert.deepEqual(Array.from(apcFloor([5, 15, NaN], [10, 10, 10])), [10, 15, NaN]);
});

Deno.test("apc wrappers never go below the baseline or below 0 (property)", () => {
  const ms = fc.array(fc.double({ min: 0, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 50 });
  fc.assert(
    fc.property(ms, (m) => {
      const b = apcBuffer(m), f = apcFloor(m, 1000);
      for (let t = 0; t < m.length; t++) {
        assert.ok(b[t] >= m[t] && b[t] <= 1.25 * m[t] * (1 + 1e-12) + 1e-9);
        assert.ok(f[t] >= m[t] && f[t] >= 1000);
      }
    }),
    { numRuns: 100 },
  );
});

Deno.test("apc: bad input is named", () => {
  assert.throws(() => apcBuffer([1, -2]), /margins\[1\] must be a finite margin >= 0/);
  assert.throws(() => apcBuffer([1, Infinity]), /margins\[1\] must be a finite margin >= 0/);
  assert.throws(() => apcBuffer([1, 2], { stress: [1] }), /stress.length must equal margins.length = 2, got 1/);
  assert.throws(() => apcStressedWeight([1], [1], 1.5), /weight must be a finite number in \[0, 1\], got 1.5/);
  assert.throws(() => apcFloor([1, 2], [1]), /floorMargins.length must equal margins.length = 2, got 1/);
});
