import assert from "node:assert/strict";
import { AssertionError } from "node:assert";
import { staticMultiplier } from "../models/static_multiplier.ts";
import { linearQuantile } from "../models/linear_quantile.ts";
import { pinballLoss } from "../targets/pinball_loss.ts";
import { CONTRACT_BOUNDS, CONTRACT_TAU, contractProblem, learnsCheck } from "./forecaster_contract.ts";

const base = { tau: CONTRACT_TAU, ...CONTRACT_BOUNDS, seed: 11 };

Deno.test("learnsCheck: the static (constant) model fails it", async () => {
  const p = contractProblem();
  const f = staticMultiplier(base);
  await f.fit(p.train, p.valid);
  const m = f.predict(p.test.x);
  assert.throws(() => learnsCheck(p, m), AssertionError);
  // … and so does the old check's margin: it would have passed this constant (pinball ≤ 1.02 × constant's)
  assert.ok(pinballLoss(p.test.r, m, CONTRACT_TAU) <= 1.02 * learnsCheck(p, m, -Infinity).constant);
  f.dispose();
});

Deno.test("learnsCheck: even the best constant in hindsight on the test rows fails it", () => {
  const p = contractProblem();
  let best = Infinity, bestShare = -Infinity;
  for (let c = CONTRACT_BOUNDS.mMin; c <= CONTRACT_BOUNDS.mMax; c += 0.005) {
    const m = new Float64Array(p.test.r.length).fill(c);
    const r = learnsCheck(p, m, -Infinity);
    if (r.model < best) [best, bestShare] = [r.model, r.gapShare];
    assert.throws(() => learnsCheck(p, m), AssertionError, `constant ${c}`);
  }
  assert.ok(bestShare < 0.01, `best constant closes ${bestShare}`);
});

Deno.test("learnsCheck: a real forecaster passes; the oracle closes the whole gap", async () => {
  const p = contractProblem();
  const f = linearQuantile(base);
  await f.fit(p.train, p.valid);
  const r = learnsCheck(p, f.predict(p.test.x));
  assert.ok(r.gapShare > 0.9 && r.model < r.constant && r.oracle < r.model, JSON.stringify(r));
  f.dispose();
  const oracle = p.testQuantile.map((q) => Math.min(CONTRACT_BOUNDS.mMax, Math.max(CONTRACT_BOUNDS.mMin, q)));
  assert.equal(learnsCheck(p, oracle).gapShare, 1);
});
