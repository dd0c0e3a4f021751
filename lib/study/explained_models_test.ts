import assert from "node:assert/strict";
import { fitExplainedModels } from "./explained_models.ts";
import { studyDataset } from "./dataset.ts";
import { testMatrix } from "../testing/study_matrix_fixture.ts";
import { TEST_EXPLAINED_FIT } from "../testing/study_params_fixture.ts";
import { predictEnsemble } from "../explain/tree_ensemble.ts";

const p = TEST_EXPLAINED_FIT;

Deno.test("fitExplainedModels: the prediction functions are the fitted models; the trees give the mean prediction", async () => {
  const s = testMatrix(300);
  const train = studyDataset(s, { start: 0, end: 200 }), valid = studyDataset(s, { start: 200, end: 250 });
  const test = studyDataset(s, { start: 250, end: 300 });
  const fit = await fitExplainedModels(train, valid, p, 1);
  const n = test.r.length;
  assert.deepEqual(await fit.models.mlp(test.x, n, 2), fit.mlp.predict(test.x));
  assert.deepEqual(await fit.models.forest(test.x, n, 2), fit.forest.predict(test.x));
  const mean = await fit.models.forestMean(test.x, n, 2);
  const viaTrees = predictEnsemble(fit.models.trees, test.x, n, 2);
  assert.ok(mean.every((v, i) => Math.abs(v - viaTrees[i]) < 1e-12), "TreeSHAP's trees reproduce predictMean");
  const internal = fit.models.trees.trees.reduce((k, t) => k + Array.from(t.feature).filter((f) => f >= 0).length, 0);
  assert.equal(fit.splitNodes, internal);
  assert.equal(fit.models.trees.trees.length, 3);
  assert.ok(Number.isFinite(fit.mlpReport.validPinball) && Number.isFinite(fit.forestReport.validPinball));
  fit.mlp.dispose();
});
