import assert from "node:assert/strict";
import { fitStressWindow, stressSplit } from "./stress_window.ts";
import { studyDataset } from "./dataset.ts";
import { testMatrix } from "../testing/study_matrix_fixture.ts";

const opts = { mpor: 2, validShare: 0.2, validMaxRows: 60, embargo: 3, minTrain: 100 };

Deno.test("stressSplit: train and validation end before the window (purge + embargo), validation capped", () => {
  const s = testMatrix(700);
  const w = { name: "w", from: s.dates[600], to: s.dates[650] };
  const sp = stressSplit(s.dates, w, opts);
  assert.equal(s.dates[sp.test.start], w.from);
  assert.equal(s.dates[sp.test.end - 1], w.to);
  assert.equal(sp.valid.end - sp.valid.start, 60, "the last validMaxRows rows only");
  assert.ok(sp.valid.end - 1 + opts.mpor + opts.embargo < sp.test.start, "labels realised before the window");
  const uncapped = stressSplit(s.dates, w, { ...opts, validMaxRows: 10_000 });
  assert.ok(uncapped.valid.end - uncapped.valid.start > 60);
  assert.equal(uncapped.valid.end, sp.valid.end);
});

Deno.test("stressSplit: a window with no earlier rows is a RangeError naming it", () => {
  const s = testMatrix(300);
  assert.throws(() => stressSplit(s.dates, { name: "early", from: "2001-01-01", to: "2001-02-01" }, opts), /early/);
});

Deno.test("fitStressWindow: static is one constant; a probe of the test rows gives each seed's test multipliers", async () => {
  const s = testMatrix(500);
  const sp = stressSplit(s.dates, { name: "w", from: s.dates[420], to: s.dates[499] }, opts);
  const p = {
    tau: 0.9,
    mMin: 0.5,
    mMax: 2,
    seeds: [3, 4],
    netEpochs: 2,
    netBatch: 64,
    netLr: 0.01,
    netPatience: 2,
    mlpHidden: [4],
  };
  const test = studyDataset(s, sp.test);
  const fit = await fitStressWindow(s, sp, p, [test.x]);
  assert.ok(fit.static.every((v) => v === fit.static[0]));
  assert.equal(fit.mlp.length, 2);
  fit.mlp.forEach((m, k) => assert.deepEqual(fit.probes[k][0], m));
  assert.ok(fit.mlp.flatMap((m) => Array.from(m)).every((v) => v >= 0.5 && v <= 2));
});
