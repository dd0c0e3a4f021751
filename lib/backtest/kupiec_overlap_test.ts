import assert from "node:assert/strict";
import { createPrng } from "../core/prng.ts";
import { binomialPmf } from "../core/distributions.ts";
import { normInv } from "../core/normal.ts";
import { kupiecPof } from "./kupiec.ts";
import { kupiecOverlapping } from "./kupiec_overlap.ts";

/** Exact P(LR(X) ≥ LR(x)) for X ~ Bin(n, 1 − tau). */
function exactP(x: number, n: number, tau: number): number {
  const lr = kupiecPof(x, n, tau).lr;
  let p = 0;
  for (let c = 0; c <= n; c++) if (kupiecPof(c, n, tau).lr >= lr) p += binomialPmf(c, n, 1 - tau);
  return p;
}

Deno.test("kupiecOverlapping: with 1-day windows it is the exact binomial LR test (up to simulation noise)", () => {
  for (const x of [0, 2, 5, 9]) {
    const r = kupiecOverlapping(x, 250, 0.99, 1, { simulations: 10_000, prng: createPrng(x + 1) });
    const e = exactP(x, 250, 0.99);
    assert.ok(Math.abs(r.pValue - e) < 4 * Math.sqrt(e * (1 - e) / 10_000) + 1e-9, `x ${x}: ${r.pValue} vs ${e}`);
    assert.equal(r.lr, kupiecPof(x, 250, 0.99).lr);
    assert.ok(Math.abs(r.varianceRatio - 1) < 0.05, `variance ratio ${r.varianceRatio}`);
  }
});

Deno.test("kupiecOverlapping: 2-day windows at 99% inflate the count variance by about 1.24", () => {
  const r = kupiecOverlapping(25, 2000, 0.99, 2, { simulations: 5000, prng: createPrng(3) });
  assert.ok(r.varianceRatio > 1.15 && r.varianceRatio < 1.35, `variance ratio ${r.varianceRatio}`);
  // a wider null: the overlap-aware p-value is larger than the χ² one for the same excess
  assert.ok(r.pValue > kupiecPof(25, 2000, 0.99).pValue);
});

Deno.test("kupiecOverlapping: right size under overlapping 10-day windows, where the χ² test over-rejects", () => {
  const n = 500, h = 10, cov = 0.99, runs = 400;
  const thr = normInv(cov) * Math.sqrt(h);
  const rng = createPrng(17);
  // one simulated null distribution reused for all runs (same seed → same p-value function of the count)
  const pOf = new Map<number, number>();
  let rejectOverlap = 0, rejectChi2 = 0;
  for (let run = 0; run < runs; run++) {
    const z = Float64Array.from({ length: n + h - 1 }, () => rng.normal());
    let x = 0;
    for (let t = 0; t < n; t++) {
      let s = 0;
      for (let i = 0; i < h; i++) s += z[t + i];
      if (s > thr) x++;
    }
    if (!pOf.has(x)) pOf.set(x, kupiecOverlapping(x, n, cov, h, { simulations: 4000, prng: createPrng(99) }).pValue);
    if (pOf.get(x)! < 0.05) rejectOverlap++;
    if (kupiecPof(x, n, cov).pValue < 0.05) rejectChi2++;
  }
  assert.ok(rejectOverlap / runs < 0.08, `overlap-aware rejection rate ${rejectOverlap / runs}`);
  assert.ok(rejectChi2 / runs > 2 * (rejectOverlap / runs), `χ² ${rejectChi2 / runs} vs ${rejectOverlap / runs}`);
});

Deno.test("kupiecOverlapping: deterministic under a seed; bad input is named", () => {
  const o = { simulations: 500, prng: createPrng(1) };
  assert.deepEqual(
    kupiecOverlapping(3, 250, 0.99, 2, { simulations: 500, prng: createPrng(1) }),
    kupiecOverlapping(3, 250, 0.99, 2, o),
  );
  assert.throws(() => kupiecOverlapping(300, 250, 0.99, 2, o), /exceptions must be an integer in \[0, 250\], got 300/);
  assert.throws(() => kupiecOverlapping(3, 250, 0.99, 0, o), /mpor must be an integer >= 1, got 0/);
  assert.throws(() => kupiecOverlapping(3, 250, 1.5, 2, o), /tau/);
  assert.throws(() => kupiecOverlapping(3, 250, 0.99, 2, { ...o, simulations: 10 }), /simulations/);
});
