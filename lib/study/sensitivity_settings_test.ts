import assert from "node:assert/strict";
import { selectOnValidation, sensitivitySettings, TUNED_GROUPS } from "./sensitivity_settings.ts";

const grid = {
  tau: 0.99,
  mpor: 2,
  lookback: 250,
  mMin: 0.8,
  mMax: 1.5,
  mlpHidden: [8],
  netLr: 0.003,
  hiddenGrid: [4, 16],
  lrGrid: [0.001],
  tauGrid: [0.975],
  mporGrid: [5],
  mMinGrid: [0.9, 0.5],
  mMaxGrid: [1.2, 2],
  lookbackGrid: [500],
};

Deno.test("sensitivitySettings: every setting changes exactly one thing from the base", () => {
  const all = sensitivitySettings(grid);
  assert.deepEqual(all.map((s) => s.id), [
    "base",
    "hist",
    "hid4",
    "hid16",
    "lr0p001",
    "tau0p975",
    "mpor5",
    "b0p9_1p2",
    "b0p5_2",
    "lb500",
  ]);
  const base = all[0];
  const fields = ["tau", "mpor", "lookback", "hidden", "lr", "forward"] as const;
  for (const s of all.slice(1)) {
    const changed = fields.filter((f) => JSON.stringify(s[f]) !== JSON.stringify(base[f]));
    const bounds = s.mMin !== base.mMin || s.mMax !== base.mMax;
    assert.equal(changed.length + (bounds ? 1 : 0), 1, s.id);
  }
  assert.equal(new Set(all.map((s) => s.id)).size, all.length);
});

Deno.test("sensitivitySettings: unpaired bounds grids are a RangeError", () => {
  assert.throws(() => sensitivitySettings({ ...grid, mMaxGrid: [2] }), /mMinGrid and mMaxGrid must pair up \(2 vs 1\)/);
});

Deno.test("selectOnValidation: each tuned group picks its lowest score, never a design choice", () => {
  const all = sensitivitySettings(grid);
  const score: Record<string, number> = { base: 1, hist: 2, hid4: 3, hid16: 0.5, lr0p001: 1, tau0p975: 0, mpor5: 0 };
  score.b0p9_1p2 = 0.9;
  score.b0p5_2 = 0.95;
  score.lb500 = 0;
  const sel = selectOnValidation(all, (id) => score[id]);
  assert.deepEqual(Object.keys(sel.chosen), [...TUNED_GROUPS]);
  assert.deepEqual(sel.chosen, { features: "base", hidden: "hid16", lr: "base", bounds: "b0p9_1p2" });
  assert.equal(sel.selected.id, "selected");
  assert.deepEqual(sel.selected.hidden, [16]);
  assert.equal(sel.selected.tau, 0.99, "τ is a design choice");
  assert.equal(sel.selected.mpor, 2);
  assert.equal(sel.selected.lookback, 250);
  assert.deepEqual([sel.selected.mMin, sel.selected.mMax], [0.9, 1.2]);
  assert.equal(sel.sameAsBase, false);
});

Deno.test("selectOnValidation: ties keep the base (first wins)", () => {
  const sel = selectOnValidation(sensitivitySettings(grid), () => 1);
  assert.equal(sel.sameAsBase, true);
  assert.ok(Object.values(sel.chosen).every((id) => id === "base"));
});
