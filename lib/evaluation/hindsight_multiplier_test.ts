import assert from "node:assert/strict";
import { hindsightMultiplier } from "./hindsight_multiplier.ts";

Deno.test("hindsightMultiplier: the smallest multiplier covering a τ share of the rows (inside the bounds)", () => {
  const r = Float64Array.from({ length: 200 }, (_, i) => 0.8 + ((i * 37) % 200) / 400); // 0.8 … 1.2975, shuffled
  for (const tau of [0.5, 0.9, 0.95, 0.99]) {
    const m = hindsightMultiplier(r, tau, { mMin: 0.5, mMax: 2 });
    const covered = r.filter((v) => v <= m).length / r.length;
    assert.ok(covered >= tau, `τ ${tau}: covered ${covered}`);
    assert.ok(r.filter((v) => v < m).length / r.length < tau, `τ ${tau}: not the smallest`);
  }
  assert.equal(hindsightMultiplier(r, 0.99, { mMin: 0.5, mMax: 1.1 }), 1.1);
  assert.equal(hindsightMultiplier(r, 0.01, { mMin: 0.9, mMax: 2 }), 0.9);
});

Deno.test("hindsightMultiplier: no ratios or a bad τ are RangeErrors", () => {
  assert.throws(() => hindsightMultiplier(new Float64Array(0), 0.99, { mMin: 0.8, mMax: 1.5 }), /no ratios/);
  assert.throws(() => hindsightMultiplier(Float64Array.of(1), 1, { mMin: 0.8, mMax: 1.5 }), /tau/);
});
