import assert from "node:assert/strict";
import { createPrng } from "../core/prng.ts";
import { permutationImportance } from "./permutation_importance.ts";
import { pinballLossAt } from "../targets/pinball_loss.ts";
import type { PredictFn } from "./predict_fn.ts";

/** y = 2·x0 + 0.5·x1 + noise; feature 2 is pure noise the model never reads. */
function data(seed: number, n: number) {
  const rng = createPrng(seed);
  const d = 3, x = new Float64Array(n * d), y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) x[i * d + j] = rng.normal();
    y[i] = 2 * x[i * d] + 0.5 * x[i * d + 1] + 0.1 * rng.normal();
  }
  return { x, y, d };
}
const model: PredictFn = (x, n, d) => {
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = 2 * x[i * d] + 0.5 * x[i * d + 1];
  return out;
};

Deno.test("permutationImportance: ranks used features above an unused noise feature", async () => {
  const n = 300, { x, y, d } = data(1, n);
  const r = await permutationImportance(model, x, y, n, d, {
    loss: pinballLossAt(0.99),
    prng: createPrng(2),
    repeats: 4,
  });
  assert.deepEqual(Array.from(r.features), [0, 1, 2]);
  assert.ok(r.mean[0] > r.mean[1] && r.mean[1] > r.mean[2]);
  assert.equal(r.mean[2], 0); // the model never reads feature 2
  assert.equal(r.sd[2], 0);
  assert.ok(r.sd[0] > 0 && r.sd[0] < r.mean[0]);
  assert.equal(r.increases.length, 3 * 4);
  assert.ok(r.baselineLoss > 0);
});

Deno.test("permutationImportance: deterministic under the seed; chunked batches agree; feature subset", async () => {
  const n = 50, { x, y, d } = data(3, n);
  const loss = pinballLossAt(0.5);
  const a = await permutationImportance(model, x, y, n, d, { loss, prng: createPrng(7) });
  const b = await permutationImportance(model, x, y, n, d, { loss, prng: createPrng(7), maxBatchRows: 60 });
  assert.deepEqual(a.increases, b.increases);
  const c = await permutationImportance(model, x, y, n, d, { loss, prng: createPrng(8) });
  assert.notDeepEqual(a.increases, c.increases);
  const s = await permutationImportance(model, x, y, n, d, { loss, prng: createPrng(7), features: [1], repeats: 1 });
  assert.deepEqual(Array.from(s.features), [1]);
  assert.equal(s.sd[0], 0);
});

Deno.test("permutationImportance / pinballLossAt: bad input names the argument", async () => {
  const n = 4, { x, y, d } = data(3, n);
  const ok = { loss: pinballLossAt(0.9), prng: createPrng(1) };
  await assert.rejects(() => permutationImportance(model, x, y.subarray(1), n, d, ok), /y has length 3/);
  await assert.rejects(
    () => permutationImportance(model, x, y, n, d, { ...ok, features: [3] }),
    /features\[0\].*got 3/,
  );
  await assert.rejects(() => permutationImportance(model, x, y, n, d, { ...ok, repeats: 0 }), /repeats.*got 0/);
  await assert.rejects(() => permutationImportance(model, x, y, n, d, { ...ok, loss: () => NaN }), /loss returned NaN/);
  const xn = x.slice();
  xn[5] = NaN;
  await assert.rejects(() => permutationImportance(model, xn, y, n, d, ok), /x row 1 column 2 is NaN/);
  assert.throws(() => pinballLossAt(1), /tau must lie in \(0, 1\), got 1/);
  assert.throws(() => pinballLossAt(0.5)(new Float64Array(2), new Float64Array(3)), RangeError);
});
