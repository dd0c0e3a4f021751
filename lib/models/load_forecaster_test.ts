import assert from "node:assert/strict";
import { loadForecaster } from "./load_forecaster.ts";
import { linearQuantile } from "./linear_quantile.ts";
import { mlp } from "./mlp.ts";
import { syntheticQuantileProblem } from "../testing/synthetic_quantile_problem.ts";

Deno.test("loadForecaster: dispatches on kind; rejects unknown kinds and formats", async () => {
  const p = syntheticQuantileProblem({ nTrain: 100, nValid: 30, nTest: 20, seed: 1, tau: 0.9 });
  for (const f of [linearQuantile({ tau: 0.9 }), mlp({ tau: 0.9, hidden: [4], epochs: 3 })]) {
    await f.fit(p.train, p.valid);
    const g = await loadForecaster(JSON.parse(JSON.stringify(f.save())));
    assert.equal(g.kind, f.kind);
    assert.deepEqual(g.predict(p.test.x), f.predict(p.test.x));
    f.dispose(), g.dispose();
  }
  await assert.rejects(loadForecaster({ kind: "nope", format: 1, config: {}, state: null }), /unknown kind "nope"/);
  await assert.rejects(loadForecaster({ kind: "mlp", format: 2 as 1, config: {}, state: null }), /format/);
});
