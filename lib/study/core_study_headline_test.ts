import assert from "node:assert/strict";
import { coreStudyHeadline } from "./core_study_headline.ts";

const iv = (estimate: number) => ({ estimate, lo: estimate - 0.05, hi: estimate + 0.05 });
const cap = { paths: 20, best: iv(0.46), bestModel: "mlpEns", linear: iv(0.67) };
const wti = {
  bestModel: "mlpHist",
  marginAtTargetVsStatic: iv(0.93),
  linearAtTargetVsStatic: iv(0.94),
  conformal: { cells: 18, greenCells: 14, breachRate: 0.012 },
  baselines: { fhs: { marginVsStatic: 1.26, breachRate: 0.016 } },
};
const panel = () => ({
  positions: 14,
  testFrom: "2013-01-02",
  testTo: "2025-12-31",
  bestModel: "mlpPooled",
  bestLabel: "MLP, pooled",
  marginAtTargetVsStatic: iv(0.906),
  linearAtTargetVsStatic: iv(0.914),
  groups: { ignored: true },
});
const src = (p: unknown, s: unknown = { oracleCapture: cap, pinballCapture: cap }) => ({
  panel: { file: "e12/metrics.full.json", headline: p },
  synthetic: { file: "e11/metrics.full.json", headline: s },
});

Deno.test("coreStudyHeadline: the panel's pooled answer is the headline, the WTI study is kept whole", () => {
  const h = coreStudyHeadline(wti, src(panel()));
  assert.deepEqual(h.positions, 14);
  assert.deepEqual([h.testFrom, h.testTo], ["2013-01-02", "2025-12-31"]);
  assert.deepEqual(h.marginAtTargetVsStatic, iv(0.906));
  assert.deepEqual(h.linearAtTargetVsStatic, iv(0.914));
  assert.deepEqual(h.bestLabel, "MLP, pooled");
  assert.deepEqual(h.oracleCapture, cap);
  assert.deepEqual(h.wti, wti);
  assert.deepEqual("groups" in h, false);
});

Deno.test("coreStudyHeadline: a missing or malformed upstream key names the file and the key", () => {
  const noPositions = panel() as Record<string, unknown>;
  delete noPositions.positions;
  assert.throws(
    () => coreStudyHeadline(wti, src(noPositions)),
    (e: unknown) => e instanceof RangeError && e.message.includes("e12/metrics.full.json: headline.positions"),
  );
  assert.throws(
    () => coreStudyHeadline(wti, src({ ...panel(), marginAtTargetVsStatic: { estimate: NaN, lo: 0, hi: 1 } })),
    (e: unknown) =>
      e instanceof RangeError && e.message.includes("headline.marginAtTargetVsStatic.estimate must be a finite number"),
  );
  assert.throws(
    () => coreStudyHeadline(wti, src({ ...panel(), linearAtTargetVsStatic: { estimate: 1, lo: 1.2, hi: 0.8 } })),
    (e: unknown) => e instanceof RangeError && e.message.includes("lo 1.2 exceeds"),
  );
  assert.throws(
    () => coreStudyHeadline(wti, src({ ...panel(), testFrom: "2026-01-01" })),
    (e: unknown) => e instanceof RangeError && e.message.includes("ISO dates in order"),
  );
  assert.throws(
    () => coreStudyHeadline(wti, src(panel(), { oracleCapture: { ...cap, paths: 0 }, pinballCapture: cap })),
    (e: unknown) =>
      e instanceof RangeError &&
      e.message.includes("e11/metrics.full.json: headline.oracleCapture.paths must be an integer >= 1, got 0"),
  );
  assert.throws(
    () => coreStudyHeadline(wti, src(panel(), { oracleCapture: cap })),
    (e: unknown) => e instanceof RangeError && e.message.includes("headline.pinballCapture is missing"),
  );
});
