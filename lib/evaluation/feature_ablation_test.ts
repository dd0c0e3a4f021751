import assert from "node:assert/strict";
import { createPrng } from "../core/prng.ts";
import { featureAblation } from "./feature_ablation.ts";

Deno.test("featureAblation: full runs at the true quantile beat constant runs in every seed", () => {
  const rng = createPrng(11), n = 1500;
  const s = Float64Array.from({ length: n }, (_, i) => 0.2 + 0.15 * Math.sin(i / 40));
  const r = Float64Array.from(s, (v) => v * rng.normal());
  const full = [1, 2, 3].map((k) => Float64Array.from(s, (v) => 2.33 * v * (1 + 0.01 * k)));
  const reduced = [1, 2, 3].map((k) => new Float64Array(n).fill(0.7 + 0.01 * k));
  const a = featureAblation({ r, full, reduced, tau: 0.99, mpor: 1 });
  assert.equal(a.fullBetterSeeds, 3);
  assert.equal(a.pinballDiff.n, 3);
  assert.ok(a.pinballDiff.mean < 0 && a.pinballDiff.max < 0);
  assert.ok(a.ensDmStat < 0 && a.ensDmP < 0.05);
  const same = featureAblation({ r, full, reduced: full, tau: 0.99, mpor: 1 });
  assert.deepEqual([same.pinballDiff.mean, same.fullBetterSeeds, same.ensDmP], [0, 0, 1]);
  assert.throws(() => featureAblation({ r, full, reduced: reduced.slice(1), tau: 0.99, mpor: 1 }), RangeError);
});
