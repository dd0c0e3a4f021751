import assert from "node:assert/strict";
import { createPrng } from "../core/prng.ts";
import { normInv } from "../core/normal.ts";
import { christoffersen, christoffersenNonOverlapping } from "./christoffersen.ts";

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
  assert.throws(() => christoffersen([0, 1], 0), /tau must lie in \(0, 1\), got 0/);
});

Deno.test("christoffersenNonOverlapping: every mpor-th day from offset, same statistics as christoffersen on it", () => {
  const flags = [0, 1, 1, 0, 0, 0, 1, 0, 1, 1, 0, 0, 0];
  const r = christoffersenNonOverlapping(flags, 0.9, 3, 1); // days 1, 4, 7, 10 → 1, 0, 0, 0
  assert.equal(r.n, 4);
  const ref = christoffersen([1, 0, 0, 0], 0.9);
  assert.deepEqual({ ...r, n: undefined }, { ...ref, n: undefined });
  assert.deepEqual(christoffersenNonOverlapping(flags, 0.9, 1), { ...christoffersen(flags, 0.9), n: 13 });
  assert.throws(() => christoffersenNonOverlapping(flags, 0.9, 0), /mpor must be an integer >= 1, got 0/);
  assert.throws(() => christoffersenNonOverlapping(flags, 0.9, 3, 3), /offset must be an integer in \[0, 3\), got 3/);
  assert.throws(() => christoffersenNonOverlapping([1, 0], 0.9, 2), /at least 2 flags, got 1/);
});

Deno.test("christoffersenNonOverlapping: nominal size for a calibrated 10-day margin, where all-days Christoffersen rejects", () => {
  const n = 1000, h = 10, cov = 0.99, runs = 200;
  const thr = normInv(cov) * Math.sqrt(h);
  const rng = createPrng(21);
  let rejectAll = 0, rejectSub = 0;
  for (let run = 0; run < runs; run++) {
    const z = Float64Array.from({ length: n + h - 1 }, () => rng.normal());
    const flags = new Uint8Array(n);
    let s = 0;
    for (let i = 0; i < h - 1; i++) s += z[i];
    for (let t = 0; t < n; t++) {
      s += z[t + h - 1];
      flags[t] = s > thr ? 1 : 0;
      s -= z[t];
    }
    if (christoffersen(flags, cov).independence.pValue < 0.05) rejectAll++;
    if (christoffersenNonOverlapping(flags, cov, h).independence.pValue < 0.05) rejectSub++;
  }
  assert.ok(rejectAll / runs > 0.8, `all days reject ${rejectAll / runs}`);
  assert.ok(rejectSub / runs < 0.1, `subsample rejects ${rejectSub / runs}`);
});
