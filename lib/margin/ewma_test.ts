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

Deno.test("ewmaVol filter: σ(t) includes change t, seeded by the first x², NaN restarts, minPeriods, annualized", () => {
  const close = (a: number, b: number) => assert.ok(Math.abs(a - b) < 1e-15, `${a} vs ${b}`);
  const r = Float64Array.of(NaN, 0.01, -0.02, 0.03);
  const ev = ewmaVol(r, { convention: "filter", lambda: 0.9 });
  assert.equal(ev.length, 4);
  assert.ok(Number.isNaN(ev[0]));
  close(ev[1], 0.01);
  close(ev[2], Math.sqrt(0.9 * 0.0001 + 0.1 * 0.0004));
  close(ev[3], Math.sqrt(0.9 * (0.9 * 0.0001 + 0.1 * 0.0004) + 0.1 * 0.0009));
  assert.ok(Number.isNaN(ewmaVol(r, { convention: "filter", lambda: 0.9, minPeriods: 3 })[2]));
  const gap = ewmaVol(Float64Array.of(0.01, NaN, 0.03), { convention: "filter", annualization: 4 });
  assert.ok(Number.isNaN(gap[1]));
  close(gap[2], 0.06); // restarted at the finite change after the gap: √(4·0.03²)
  close(ewmaVol(new Float64Array(50).fill(0.01), { convention: "filter", minPeriods: 20 })[49], 0.01);
  assert.throws(() => ewmaVol(r, { convention: "filter", minPeriods: 0 }), /minPeriods must be an integer >= 1, got 0/);
  assert.throws(() => ewmaVol(r, { convention: "x" as "filter" }), /convention must be "forecast" or "filter"/);
});
