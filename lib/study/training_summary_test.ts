import assert from "node:assert/strict";
import { trainingSummary } from "./training_summary.ts";
import type { FitJob, FitOutcome } from "./fit_jobs.ts";

const job = (model: string, kind: FitJob["kind"], seed: number): FitJob => ({
  data: "long",
  fold: 0,
  model,
  kind,
  seed,
  features: ["x"],
});
const out = (epochs: number, bestEpoch: number): FitOutcome => ({ m: new Float64Array(0), epochs, bestEpoch });

Deno.test("trainingSummary: counts fits that kept the cap epoch, per model; non-networks are left out", () => {
  const jobs = [job("mlp", "mlp", 1), job("mlp", "mlp", 2), job("mlp", "mlp", 3), job("lstm", "lstm", 1)];
  const jobsAll = [...jobs, job("linear", "linear", 1)];
  const s = trainingSummary(jobsAll, [out(15, 5), out(50, 50), out(30, 20), out(50, 50), out(1, 1)], 50);
  assert.equal(s.fits, 4);
  assert.equal(s.bestEpochAtCap, 2);
  assert.deepEqual(s.models.mlp, {
    fits: 3,
    atCap: 1,
    bestEpoch: { median: 20, max: 50 },
    epochsRun: { mean: (15 + 50 + 30) / 3, max: 50 },
  });
  assert.equal(s.models.lstm.atCap, 1);
  assert.equal("linear" in s.models, false);
});

Deno.test("trainingSummary: an even number of fits takes the mean of the two middle kept epochs", () => {
  const s = trainingSummary([job("mlp", "mlp", 1), job("mlp", "mlp", 2)], [out(10, 4), out(10, 7)], 100);
  assert.equal(s.models.mlp.bestEpoch.median, 5.5);
  assert.equal(s.bestEpochAtCap, 0);
});

Deno.test("trainingSummary: refuses mismatched inputs, a bad cap and an impossible kept epoch", () => {
  const isRange = (msg: string) => (e: unknown) => e instanceof RangeError && e.message.includes(msg);
  assert.throws(() => trainingSummary([job("mlp", "mlp", 1)], [], 10), isRange("0 outcomes for 1 jobs"));
  assert.throws(() => trainingSummary([], [], 0), isRange("cap must be a positive integer, got 0"));
  assert.throws(() => trainingSummary([job("mlp", "mlp", 1)], [out(5, 6)], 10), isRange("kept epoch 6 outside 1…5"));
});
