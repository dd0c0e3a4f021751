import assert from "node:assert/strict";
import { SIZE_BUCKETS, surrogateMetrics, surrogateSummary } from "./surrogate_metrics.ts";

const close = (a: number, b: number, what: string) => assert.ok(Math.abs(a - b) < 1e-12, `${what}: ${a} vs ${b}`);

// five portfolios, by hand:
//   pred   110   180   0   55  1000
//   truth  100   200   0   50   800
//   span   100   100   0   40   500
//   size     1     3   3    7    20
// |err|     10    20   0    5   200      → sorted 0 5 10 20 200
// APE      0.1   0.1   –  0.1  0.25     (truth > 0)
// δ̂ − δ   0.1  −0.2   –  0.125 0.4     (span > 0; = err/span)
const cases = {
  pred: [110, 180, 0, 55, 1000],
  truth: [100, 200, 0, 50, 800],
  span: [100, 100, 0, 40, 500],
};

Deno.test("surrogateSummary: hand-computed absolute, relative and δ errors", () => {
  const s = surrogateSummary(cases);
  assert.equal(s.n, 5);
  assert.equal(s.medae, 10);
  close(s.p95ae, 20 + 0.8 * 180, "p95 (h = 3.8)");
  assert.equal(s.meanAe, 47);
  assert.equal(s.nApe, 4);
  assert.equal(s.medape, 0.1);
  close(s.mape, 0.55 / 4, "MAPE");
  assert.equal(s.nDelta, 4);
  close(s.deltaBias, (0.1 + 0.125) / 2, "median δ error");
  close(s.deltaMedae, (0.125 + 0.2) / 2, "median |δ error|");
  close(s.deltaP95ae, 0.2 + 0.85 * 0.2, "p95 |δ error| (h = 2.85)");
  // the APE floor leaves out small margins
  const f = surrogateSummary(cases, { apeFloor: 100 });
  assert.equal(f.nApe, 3);
  assert.equal(f.medape, 0.1);
  close(f.mape, 0.45 / 3, "MAPE above the floor");
  // nothing to average: NaN, not 0
  const e = surrogateSummary({ pred: [], truth: [], span: [] });
  assert.equal(e.n, 0);
  assert.ok(Number.isNaN(e.medae) && Number.isNaN(e.medape) && Number.isNaN(e.deltaBias) && Number.isNaN(e.mape));
  assert.throws(() => surrogateSummary({ pred: [1], truth: [1, 2], span: [1, 1] }), /pred has 1 values, truth has 2/);
  assert.throws(() => surrogateSummary({ pred: [1], truth: [NaN], span: [1] }), /truth\[0\] is not finite/);
  assert.throws(() => surrogateSummary(cases, { apeFloor: -1 }), /opts.apeFloor must be >= 0, got -1/);
});

Deno.test("surrogateMetrics: by size bucket, by exact size and on unseen sizes", () => {
  const m = surrogateMetrics({ ...cases, size: [1, 3, 3, 7, 20], trainSizes: [1, 2, 3, 4, 5, 3, 1] });
  assert.deepEqual(m.all, surrogateSummary(cases));
  assert.deepEqual(Object.keys(m.bySize), ["s1_5", "s6_10", "s11_15", "s16_20"]);
  assert.equal(SIZE_BUCKETS.length, 4);
  assert.equal(m.bySize.s1_5.n, 3);
  assert.equal(m.bySize.s1_5.medae, 10); // 10, 20, 0
  assert.equal(m.bySize.s1_5.nDelta, 2);
  close(m.bySize.s1_5.deltaBias, (0.1 - 0.2) / 2, "bucket 1-5 δ bias");
  assert.equal(m.bySize.s6_10.n, 1);
  assert.equal(m.bySize.s6_10.medae, 5);
  assert.equal(m.bySize.s11_15.n, 0);
  assert.ok(Number.isNaN(m.bySize.s11_15.medae));
  assert.equal(m.bySize.s16_20.medape, 0.25);
  assert.deepEqual(Object.keys(m.byExactSize), ["1", "3", "7", "20"]);
  assert.equal(m.byExactSize["3"].meanAe, 10);
  assert.deepEqual(m.unseen.sizes, [7, 20]);
  assert.equal(m.unseen.summary!.n, 2);
  assert.equal(m.unseen.summary!.medae, 102.5);
  close(m.unseen.summary!.deltaBias, (0.125 + 0.4) / 2, "unseen δ bias");
  // every size seen: no unseen statistics
  assert.equal(surrogateMetrics({ ...cases, size: [1, 1, 1, 1, 1], trainSizes: [1] }).unseen.summary, null);
  // custom buckets and the APE floor
  const c = surrogateMetrics({ ...cases, size: [1, 3, 3, 7, 20], trainSizes: [1], buckets: [[1, 10]], apeFloor: 100 });
  assert.deepEqual(Object.keys(c.bySize), ["s1_10"]);
  assert.equal(c.bySize.s1_10.nApe, 2);
  assert.throws(
    () => surrogateMetrics({ ...cases, size: [1, 2, 3, 4, 0], trainSizes: [] }),
    /size\[4\] must be an integer >= 1, got 0/,
  );
  assert.throws(
    () => surrogateMetrics({ ...cases, size: [1, 2, 3], trainSizes: [] }),
    /size has 3 values, truth has 5/,
  );
  assert.throws(
    () => surrogateMetrics({ ...cases, size: [1, 2, 3, 4, 5], trainSizes: [], buckets: [[5, 1]] }),
    /bucket \[5, 1\] has lo > hi/,
  );
});
