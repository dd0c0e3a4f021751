import assert from "node:assert/strict";
import { kupiecPof } from "./kupiec.ts";

// Golden values computed independently in python3 from the hand formula
// LR = −2[(n−x)ln(1−p) + x ln p − (n−x)ln(1−x/n) − x ln(x/n)], p-value = erfc(√(LR/2)).
Deno.test("kupiecPof: golden values for 250 obs at 99%", () => {
  const r5 = kupiecPof(5, 250, 0.99);
  assert.ok(Math.abs(r5.lr - 1.956809788230622) < 1e-10);
  assert.ok(Math.abs(r5.pValue - 0.16185491719604272) < 1e-10);
  const r0 = kupiecPof(0, 250, 0.99);
  assert.ok(Math.abs(r0.lr - 5.025167926750726) < 1e-10);
  assert.ok(Math.abs(r0.pValue - 0.02498150305344971) < 1e-10);
  const r10 = kupiecPof(10, 250, 0.99);
  assert.ok(Math.abs(r10.lr - 12.955491062356018) < 1e-9);
  assert.ok(Math.abs(r10.pValue - 0.0003189845082133835) < 1e-10);
});

Deno.test("kupiecPof: LR is 0 when the rate equals the target", () => {
  const r = kupiecPof(1, 100, 0.99);
  assert.ok(r.lr < 1e-12);
  assert.ok(Math.abs(r.pValue - 1) < 1e-6);
});

Deno.test("kupiecPof: bad input is named", () => {
  assert.throws(() => kupiecPof(3, 250, 1), /tau must lie in \(0, 1\), got 1/);
  assert.throws(() => kupiecPof(300, 250, 0.99), /x must be an integer in \[0, 250\], got 300/);
  assert.throws(() => kupiecPof(1, 0, 0.99), /n must be an integer >= 1, got 0/);
});
