import assert from "node:assert/strict";
import { globalExplanations } from "./global_explanations.ts";
import { fitExplainedModels } from "./explained_models.ts";
import { studyDataset } from "./dataset.ts";
import { testMatrix } from "../testing/study_matrix_fixture.ts";
import { TEST_EXPLAINED_FIT } from "../testing/study_params_fixture.ts";

Deno.test("globalExplanations: SHAP adds up, TreeSHAP matches the mean forest, seeded, an unused feature scores 0", async () => {
  const s = testMatrix(320);
  const train = studyDataset(s, { start: 0, end: 200 }), valid = studyDataset(s, { start: 200, end: 250 });
  const test = studyDataset(s, { start: 260, end: 320 });
  const fit = await fitExplainedModels(train, valid, TEST_EXPLAINED_FIT, 1);
  const p = { seed: 3, tau: 0.9, backgroundRows: 15, explainRows: 8, shapSamples: 64, permRepeats: 2 };
  const g = await globalExplanations(fit.models, train, test, p);
  assert.equal(g.rows.length, 8);
  assert.equal(g.background.length, 15 * 2);
  assert.ok(g.treeShapAdditivityError < 1e-9 && g.treeShapVsMeanError < 1e-9);
  const ks = g.kernelShapMlp;
  for (let i = 0; i < 8; i++) {
    assert.ok(Math.abs(ks.baseValue + ks.values[2 * i] + ks.values[2 * i + 1] - ks.predictions[i]) < 1e-6);
  }
  assert.deepEqual((await globalExplanations(fit.models, train, test, p)).shapMlp, g.shapMlp);
  // A model that ignores feature "b": no SHAP and no permutation importance on it.
  const onlyA = (x: Float64Array, n: number) => Float64Array.from({ length: n }, (_, i) => 1 + 0.1 * x[2 * i]);
  const h = await globalExplanations({ ...fit.models, mlp: onlyA, forest: onlyA }, train, test, p);
  assert.ok(h.shapMlp[1] < 1e-12 * h.shapMlp[0]);
  assert.equal(h.permMlp.mean[1], 0);
  assert.equal(h.permForest.mean[1], 0);
  assert.ok(h.shapMlp[0] > 0);
  fit.mlp.dispose();
});
