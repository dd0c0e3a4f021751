// The experiments rely on the model constructors and `fit` to reject bad designs before any training.
import assert from "node:assert/strict";
import { mlp, staticMultiplier } from "../models/mod.ts";
import { studyDataset } from "./dataset.ts";
import type { CrudeStudy } from "./crude_study.ts";

const n = 40;
const S: CrudeStudy = {
  dates: Array.from(
    { length: n },
    (_, i) => `2020-${String(1 + Math.floor(i / 28)).padStart(2, "0")}-${String(1 + (i % 28)).padStart(2, "0")}`,
  ),
  x: Float64Array.from({ length: n * 2 }, (_, i) => Math.sin(i)),
  featureNames: ["a", "b"],
  d: 2,
  r: Float64Array.from({ length: n }, (_, i) => 0.5 + 0.01 * i),
  loss: new Float64Array(n),
  im: new Float64Array(n).fill(1),
  panelOffset: 0,
  mpor: 1,
  side: "long",
};

Deno.test("preflight: min >= max bounds are a RangeError at construction", () => {
  assert.throws(() => mlp({ mMin: 1.5, mMax: 0.8 }), RangeError);
  assert.throws(() => mlp({ mMin: 1, mMax: 1 }), RangeError);
  assert.throws(() => staticMultiplier({ mMin: 2, mMax: 1 }), RangeError);
});

Deno.test("preflight: too few samples and NaN features are RangeErrors before training", async () => {
  const m = staticMultiplier({ minTrain: 30 });
  await assert.rejects(
    () => m.fit(studyDataset(S, { start: 0, end: 10 }), studyDataset(S, { start: 12, end: 20 })),
    RangeError,
  );
  const bad = { ...S, x: S.x.slice() };
  bad.x[5] = NaN;
  const m2 = staticMultiplier({ minTrain: 5 });
  await assert.rejects(
    () => m2.fit(studyDataset(bad, { start: 0, end: 20 }), studyDataset(bad, { start: 22, end: 30 })),
    RangeError,
  );
});
