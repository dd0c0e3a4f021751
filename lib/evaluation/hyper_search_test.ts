import assert from "node:assert/strict";
import { chooseConfig, hyperGrid } from "./hyper_search.ts";

Deno.test("hyperGrid: parses widths and keeps the order", () => {
  const g = hyperGrid({ hidden: ["32-16", "16", "32-16"], lr: [0.003, 0.01, 0.003], weightDecay: [0, 0, 1e-4] });
  assert.deepEqual(g.map((c) => c.hidden), [[32, 16], [16], [32, 16]]);
  assert.deepEqual(g.map((c) => c.weightDecay), [0, 0, 1e-4]);
});

Deno.test("hyperGrid: errors name the list, index and value", () => {
  const ok = { hidden: ["8"], lr: [0.01], weightDecay: [0] };
  assert.throws(() => hyperGrid({ hidden: [], lr: [], weightDecay: [] }), /grid is empty/);
  assert.throws(() => hyperGrid({ ...ok, lr: [0.01, 0.02] }), /got 1, 2, 1/);
  assert.throws(() => hyperGrid({ ...ok, hidden: ["8-0"] }), /hidden\[0\] must be widths >= 1.*"8-0"/);
  assert.throws(() => hyperGrid({ ...ok, hidden: ["8.5"] }), /hidden\[0\]/);
  assert.throws(() => hyperGrid({ ...ok, lr: [0] }), /lr\[0\] must be > 0, got 0/);
  assert.throws(() => hyperGrid({ ...ok, weightDecay: [-1e-4] }), /weightDecay\[0\] must be >= 0, got -0.0001/);
  assert.throws(
    () => hyperGrid({ hidden: ["8", "8"], lr: [0.01, 0.01], weightDecay: [0, 0] }),
    /configuration 1 \(8\|0.01\|0\) repeats/,
  );
});

Deno.test("chooseConfig: lowest mean over folds, first on a tie; errors on bad losses", () => {
  const c = chooseConfig([[0.5, 0.25], [0.25, 0.125], [0.25, 0.25]]);
  assert.equal(c.index, 1);
  assert.deepEqual(c.meanLoss, [0.375, 0.1875, 0.25]);
  assert.equal(chooseConfig([[0.25, 0.25], [0.375, 0.125]]).index, 0);
  assert.equal(chooseConfig([[0.375, 0.125], [0.25, 0.25]]).index, 0);
  assert.throws(() => chooseConfig([]), /no configuration/);
  assert.throws(() => chooseConfig([[]]), /no fold/);
  assert.throws(() => chooseConfig([[1, 2], [1]]), /configuration 1 has 1 folds, not 2/);
  assert.throws(() => chooseConfig([[1, NaN]]), /configuration 0 fold 1 is NaN/);
});
