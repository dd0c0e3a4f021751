import assert from "node:assert/strict";
import { seriesTuningRecord } from "./series_tuning_record.ts";
import type { SeriesChoice } from "./series_hyper_cv.ts";

const mlp = [{ hidden: [8], lr: 0.01, weightDecay: 0 }, { hidden: [16, 8], lr: 0.003, weightDecay: 1e-4 }];
const seq = [{ hidden: [4], lr: 0.01, weightDecay: 0 }];
const choice = (data: string, fold: number, model: string, kind: string, chosen: number): SeriesChoice => ({
  data,
  fold,
  model,
  kind: kind as SeriesChoice["kind"],
  losses: [[0.2, 0.3], [0.1, 0.2]].slice(0, kind === "mlp" ? 2 : 1),
  meanLoss: [0.25, 0.15].slice(0, kind === "mlp" ? 2 : 1),
  chosen,
  hyper: (kind === "mlp" ? mlp : seq)[chosen],
});
const p = { cvFolds: 2, cvTrainRows: 800, seed: 1, netEpochs: 50, netPatience: 5, yearOf: (f: number) => 2013 + f };

Deno.test("seriesTuningRecord: counts choices per model, years from folds, CV fits at the cap", () => {
  const choices = [
    choice("long", 0, "mlp", "mlp", 1),
    choice("short", 0, "mlp", "mlp", 1),
    choice("long", 1, "mlp", "mlp", 0),
    choice("fhs|long", 1, "mlp", "mlp", 0),
    choice("long", 1, "lstm", "lstm", 0),
  ];
  const withHist = [...choices, choice("long", 1, "mlpHist", "mlp", 1)];
  const h = seriesTuningRecord({ mlp, lstm: seq }, withHist, [], p);
  assert.deepEqual([h.chosen.mlpHist, h.chosenByKind.mlp], [[0, 1], [2, 3]]);
  const { yearOf: _, ...noYears } = p;
  const blocks = seriesTuningRecord({ mlp, lstm: seq }, choices, [], noYears);
  assert.deepEqual(blocks.runs.map((r) => [r.fold, r.testYear]).slice(0, 3), [[0, undefined], [0, undefined], [
    1,
    undefined,
  ]]);
  const t = seriesTuningRecord(
    { mlp, lstm: seq },
    choices,
    [{ bestEpoch: 50 }, { bestEpoch: 49 }, { bestEpoch: 3 }],
    p,
  );
  assert.deepEqual(t.chosen, { mlp: [2, 2], lstm: [1] });
  assert.deepEqual(t.chosenByKind, { mlp: [2, 2], lstm: [1] });
  assert.deepEqual(t.runs.map((r) => [r.data, r.testYear, r.chosen]), [
    ["long", 2013, 1],
    ["short", 2013, 1],
    ["long", 2014, 0],
    ["fhs|long", 2014, 0],
    ["long", 2014, 0],
  ]);
  assert.deepEqual(t.runs[0].config, mlp[1]);
  assert.deepEqual([t.tunedRuns, t.cvFits, t.cvBestEpochAtCap], [5, 3, 1]);
  assert.deepEqual(t.cv, { folds: 2, trainRows: 800, seed: 1, epochCap: 50, patience: 5 });
  assert.deepEqual(t.grids.mlp, mlp);
});

Deno.test("seriesTuningRecord: a choice outside its grid is an error naming the run", () => {
  assert.throws(
    () => seriesTuningRecord({ mlp }, [choice("long", 0, "lstm", "lstm", 0)], [], p),
    /long lstm chose config 0 of no lstm grid/,
  );
  assert.throws(() => seriesTuningRecord({ mlp }, [choice("long", 0, "mlp", "mlp", 2)], [], p), /config 2/);
});
