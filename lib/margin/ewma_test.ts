import assert from "node:assert/strict";
import { ewmaVol } from "./ewma.ts";

Deno.test("ewmaVol: recursion by hand", () => {
  const v = ewmaVol([2, 0], { lambda: 0.5, init: 1 });
  assert.equal(v[0], 1);
  assert.ok(Math.abs(v[1] - Math.sqrt(0.5 * 1 + 0.5 * 4)) < 1e-15);
  assert.ok(Math.abs(v[2] - Math.sqrt(0.5 * 2.5)) < 1e-15);
});

Deno.test("ewmaVol: default seed is the RMS of the first window", () => {
  const v = ewmaVol([3, -4], { lambda: 0.9, initWindow: 2 });
  assert.ok(Math.abs(v[0] - Math.sqrt(12.5)) < 1e-15);
});

Deno.test("ewmaVol: bad input is named", () => {
  assert.throws(() => ewmaVol([]), /changes is empty/);
  assert.throws(() => ewmaVol([1], { lambda: 1 }), /lambda must be < 1, got 1/);
  assert.throws(() => ewmaVol([1], { lambda: -0.1 }), /lambda must be a finite number in \[0, 1\], got -0.1/);
  assert.throws(() => ewmaVol([1, Infinity]), /changes\[1\] must be a finite number, got Infinity/);
});
