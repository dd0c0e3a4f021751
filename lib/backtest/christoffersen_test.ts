import assert from "node:assert/strict";
import { christoffersen } from "./christoffersen.ts";

// Hand-checked sequence (n = 100, 4 exceptions, a cluster of two): transitions
// n00=92, n01=3, n10=3, n11=1. Expected statistics computed independently in python3
// from the likelihood formulas (xlogy convention, erfc for χ²₁, exp(−x/2) for χ²₂).
function seq(): number[] {
  return [...new Array(20).fill(0), 1, 1, 0, 0, 0, 1, ...new Array(30).fill(0), 1, ...new Array(43).fill(0)];
}

Deno.test("christoffersen: golden values", () => {
  const r = christoffersen(seq(), 0.95);
  assert.deepEqual([r.n00, r.n01, r.n10, r.n11], [92, 3, 3, 1]);
  assert.ok(Math.abs(r.pof.lr - 0.22534116400704107) < 1e-10);
  assert.ok(Math.abs(r.pof.pValue - 0.6350000115137546) < 1e-10);
  assert.ok(Math.abs(r.independence.lr - 2.372247381565779) < 1e-10);
  assert.ok(Math.abs(r.independence.pValue - 0.12350913061858788) < 1e-10);
  assert.ok(Math.abs(r.conditionalCoverage.lr - 2.5975885455728203) < 1e-10);
  assert.ok(Math.abs(r.conditionalCoverage.pValue - 0.2728605902134625) < 1e-10);
});

Deno.test("christoffersen: no exceptions gives zero independence statistic", () => {
  const r = christoffersen(new Uint8Array(250), 0.99);
  assert.equal(r.independence.lr, 0);
  assert.equal(r.independence.pValue, 1);
});

Deno.test("christoffersen: bad flags are named", () => {
  assert.throws(() => christoffersen([0, 2, 0], 0.99), /flags\[1\] must be 0 or 1, got 2/);
  assert.throws(() => christoffersen([0], 0.99), /at least 2/);
  assert.throws(() => christoffersen([0, 1], 0), /coverage must lie in \(0, 1\), got 0/);
});
