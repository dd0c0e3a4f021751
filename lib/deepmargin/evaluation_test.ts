import assert from "node:assert/strict";
import type { LabelledPortfolio } from "./dataset.ts";
import { datasetDays, errStats, evaluateDeepMargin, meanStats, trainingSummary } from "./evaluation.ts";
import { targetY } from "./inference.ts";
import type { DatasetDay, TrainOutcome } from "./training.ts";

Deno.test("errStats / meanStats: median, p95, mean and MAPE above the floor", () => {
  const s = errStats([110, 190, 0, 400], [100, 200, 50, 400], 100);
  assert.equal(s.n, 4);
  assert.equal(s.medae, 10);
  assert.equal(s.meanAe, (10 + 10 + 50 + 0) / 4);
  assert.equal(s.nMape, 3);
  assert.ok(Math.abs(s.mape - (0.1 + 0.05 + 0) / 3) < 1e-15);
  const m = meanStats([s, { ...s, medae: 30 }]);
  assert.equal(m.medae, 20);
  assert.equal(m.n, 4);
});

/** Rows whose SPAN2 the "perfect" model predicts exactly and the "zero" model misses by |y|. */
function fixture() {
  const rows: LabelledPortfolio[] = [];
  const bySet: Record<string, number[]> = { train: [], val: [], test: [], oot: [] };
  const sets = ["train", "train", "val", "test", "test", "test", "test", "oot", "oot"];
  sets.forEach((set, i) => {
    const rr = 1000 + 100 * i, rr2 = 1200 + 150 * i, nov = i % 3 === 0 ? 0 : 50;
    const n = 1 + (i * 7) % 20;
    const positions = Array.from(
      { length: n },
      () => [0, 0, 1, 0.1, 0, 0] as [number, number, number, number, number, number],
    );
    rows.push({ set, day: 0, positions, span: rr - nov, span2: Math.max(0, rr2 - nov), rr, rr2, nov });
    bySet[set].push(i);
  });
  const y = (set: string) => bySet[set].map((i) => targetY(rows[i].rr2, rows[i].rr, 1000));
  const perfect = (name: string): TrainOutcome => ({
    name,
    bestEpoch: 0,
    history: [{ epoch: 0, loss: 0, val: 0 }],
    pred: { val: y("val"), test: y("test"), oot: y("oot") },
    trainSize: 2,
  });
  const outcomes = new Map(["transformer_s1", "mlp_s1", "transformer_small_s1"].map((n) => [n, perfect(n)]));
  return { rows, bySet, outcomes };
}

Deno.test("evaluateDeepMargin: a perfect model has zero error; shapes of every block", () => {
  const { rows, bySet, outcomes } = fixture();
  const input = { rows, bySet, outcomes, seeds: [1], offset: 1000, sizeSplit: 10, scatterPoints: 10, mapeFloor: 0 };
  const { metrics, series } = evaluateDeepMargin(input);
  assert.equal(metrics.test.n, 4);
  assert.equal(metrics.oot.n, 2);
  assert.ok(metrics.test.transformer.mean.medae < 1e-9);
  assert.ok(metrics.test.span.medae > 100);
  assert.deepEqual(metrics.test.transformer.ensemble, metrics.test.transformer.seeds[0]);
  assert.equal(metrics.zeroShare.test, 0);
  assert.equal(Object.keys(metrics.sizes.buckets).join(), "s1_5,s6_10,s11_15,s16_20");
  assert.equal(metrics.sizes.unseen.n, bySet.test.filter((i) => rows[i].positions.length > 10).length);
  assert.equal(series.scatter.length, 4);
  assert.equal(series.histograms.transformer[0], 4); // every error in the first bin
  assert.throws(() => evaluateDeepMargin({ ...input, seeds: [2] }), /no trained model "transformer_s2"/);
});

Deno.test("datasetDays / trainingSummary", () => {
  const days: DatasetDay[] = [
    { index: 1, date: "2010-01-04", counts: { train: 5, val: 1, test: 1 } },
    { index: 5, date: "2012-01-04", counts: { train: 5, val: 1, test: 1 } },
    { index: 9, date: "2020-01-02", counts: { oot: 3 } },
  ];
  assert.deepEqual(datasetDays(days), {
    inSample: 2,
    outOfTime: 1,
    firstInSample: "2010-01-04",
    lastInSample: "2012-01-04",
    firstOot: "2020-01-02",
    lastOot: "2020-01-02",
  });
  const o = {
    name: "mlp_s1",
    bestEpoch: 2,
    history: [{ epoch: 0, loss: 1, val: 9 }, { epoch: 1, loss: 1, val: 7 }],
    pred: {},
    trainSize: 4,
  };
  assert.deepEqual(trainingSummary([o]), { mlp_s1: { bestEpoch: 3, trainPortfolios: 4, finalValMedae: 7 } });
});
