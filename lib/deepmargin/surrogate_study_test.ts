import assert from "node:assert/strict";
import type { LabelledPortfolio } from "./dataset.ts";
import { targetY } from "./inference.ts";
import { evaluateSurrogates, spread } from "./surrogate_study.ts";

/** Rows with known margins; model predictions of y from a multiplicative error on RR2. */
function study(noise: (name: string, i: number) => number, wideSeeds = [1, 2]) {
  const rows: LabelledPortfolio[] = [];
  const sets = ["train", "val", "test", "oot"];
  for (let i = 0; i < 80; i++) {
    const n = 1 + (i % 12), rr = 10000 + 500 * i, rr2 = rr * (1.2 + 0.01 * (i % 7));
    rows.push({
      set: sets[i % 4],
      day: 0,
      positions: Array.from({ length: n }, () => [0, 0, 1, 0.1, 0, 0]),
      span: rr,
      span2: rr2,
      rr,
      rr2,
      nov: 0,
    } as LabelledPortfolio);
  }
  const bySet: Record<string, number[]> = {};
  rows.forEach((r, i) => (bySet[r.set] ??= []).push(i));
  const names = ["ridge", "forest", "mlp", "transformer"].flatMap((f) =>
    ["anchor", "wide"].flatMap((inp) =>
      f === "ridge" || f === "forest"
        ? [`${f}_${inp}`]
        : (inp === "wide" ? wideSeeds : [1, 2]).map((s) => `${f}_${inp}_s${s}`)
    )
  ).concat(["transformer_small_anchor_s1"]);
  const pred: Record<string, Record<string, number[]>> = {};
  for (const name of names) {
    pred[name] = {};
    for (const s of ["val", "test", "oot"]) {
      pred[name][s] = bySet[s].map((i) => targetY(rows[i].rr2 * (1 + noise(name, i)), rows[i].rr, 1000));
    }
  }
  return evaluateSurrogates({
    rows,
    bySet,
    pred,
    trainSize: { transformer_small_anchor_s1: 7 },
    inputs: ["anchor", "wide"],
    seeds: [1, 2],
    inputSeeds: { wide: wideSeeds },
    offset: 1000,
    apeFloor: 0,
    sizeSplit: 6,
    smallInputs: "anchor",
    scatterPoints: 5,
  });
}

Deno.test("evaluateSurrogates: exact predictions have zero error; ratios, seed spread, unseen sizes, series", () => {
  const exact = study(() => 0);
  assert.equal(exact.metrics.oot.anchor.transformer.mean.all.medae < 1e-6, true);
  const r = study((name, i) => (name.includes("_s2") ? 0.02 : 0.01) * (i % 2 ? 1 : -1));
  const t = r.metrics.oot.anchor.transformer;
  assert.equal(t.seeds.length, 2);
  assert.ok(t.seeds[1].all.medae > t.seeds[0].all.medae);
  assert.equal(t.mean.ratio, (t.seeds[0].ratio + t.seeds[1].ratio) / 2);
  assert.equal(t.spread.medae.min, t.seeds[0].all.medae);
  assert.equal(
    t.mean.ratio,
    r.metrics.oot.span.all.medae / t.seeds[0].all.medae / 2 +
      r.metrics.oot.span.all.medae / t.seeds[1].all.medae / 2,
  );
  assert.ok(r.metrics.oot.constant.all.n === r.metrics.oot.n);
  assert.equal(r.metrics.sizes.trainPortfolios, 7);
  assert.ok(r.metrics.sizes.test.n > 0 && r.metrics.sizes.test.ratioSmall > 1);
  assert.equal(r.series.scatter.length, 5);
  assert.equal(r.series.histograms.counts.span.reduce((a, b) => a + b, 0), r.metrics.oot.n);
});

Deno.test("evaluateSurrogates: an input set with its own seeds (one wide seed) is summarised over those", () => {
  const r = study((name, i) => (name.includes("_s2") ? 0.02 : 0.01) * (i % 2 ? 1 : -1), [9]);
  const w = r.metrics.oot.wide.transformer;
  assert.equal(w.seeds.length, 1);
  assert.equal(w.spread.ratio.sd, 0);
  assert.equal(w.mean.ratio, w.seeds[0].ratio);
  assert.equal(r.metrics.oot.anchor.transformer.seeds.length, 2);
  assert.ok("transformer_wide_s9" in r.series.histograms.counts && r.series.scatter[0].transformer_wide_s9 > 0);
});

Deno.test("spread: mean, sample sd, min, max; empty throws", () => {
  assert.deepEqual(spread([2, 4]), { mean: 3, sd: Math.SQRT2, min: 2, max: 4 });
  assert.throws(() => spread([]), /no values/);
});
