import assert from "node:assert/strict";
import { createPrng } from "../core/prng.ts";
import { buildMarketDay } from "./market_day.ts";
import { syntheticPanel } from "./synthetic_panel.ts";
import { generatePortfolio } from "./generator.ts";
import { createTokenizer } from "./tokenizer.ts";
import { checkConfig, fitNormalisation, initWeights, predictTf, trainModel } from "./model.ts";
import type { Example, ModelConfig, ModelWeights } from "./model.ts";
import { createPredictor, marginFromY, targetY } from "./inference.ts";

const day = buildMarketDay(syntheticPanel(8, 2650), 2649, { historyDays: 2600 });
const tok = createTokenizer(day);
const rng = createPrng(3);
const pfs = Array.from({ length: 40 }, () => generatePortfolio(rng, day, { minPositions: 2 }));
const toEx = (pf: (typeof pfs)[number]): Example => {
  const t = tok.tokenize(pf);
  return { n: t.n, tokens: t.tokens, context: t.context, agg: tok.aggregate(t) };
};
const ex = pfs.map(toEx);
const cfg: ModelConfig = { kind: "transformer", dModel: 16, heads: 4, layers: 2, dff: 32, hidden: 16, seed: 5 };
const w = initWeights(cfg);
fitNormalisation(w, ex);

Deno.test("transformer: output invariant to shuffling positions (tfjs and plain-TS forward)", async () => {
  const predict = createPredictor(w);
  const shuffled = pfs.map((pf) => {
    const ps = [...pf.positions];
    const r = createPrng(ps.length);
    for (let i = ps.length - 1; i > 0; i--) {
      const j = r.int(i + 1);
      [ps[i], ps[j]] = [ps[j], ps[i]];
    }
    return { positions: ps };
  });
  const exS = shuffled.map(toEx);
  const a = await predictTf(w, ex), b = await predictTf(w, exS);
  for (let i = 0; i < ex.length; i++) {
    assert.ok(Math.abs(a[i] - b[i]) < 1e-5, `tfjs ${a[i]} vs shuffled ${b[i]}`);
    const pa = predict(ex[i].tokens, ex[i].n, ex[i].context, ex[i].agg);
    const pb = predict(exS[i].tokens, exS[i].n, exS[i].context, exS[i].agg);
    assert.ok(Math.abs(pa - pb) < 1e-6 * (1 + Math.abs(pa)), `TS ${pa} vs shuffled ${pb}`);
    assert.ok(Math.abs(pa - a[i]) < 1e-4, `TS ${pa} vs tfjs ${a[i]}`);
  }
});

Deno.test("transformer: padding does not change the output (alone vs batched with longer portfolios)", async () => {
  const short = ex.filter((e) => e.n <= 4).slice(0, 5);
  assert.ok(short.length > 0);
  const alone = await Promise.all(short.map((e) => predictTf(w, [e])));
  const long = ex.filter((e) => e.n >= 15)[0] ?? ex.reduce((m, e) => (e.n > m.n ? e : m));
  const batched = await predictTf(w, [...short, long]);
  for (let i = 0; i < short.length; i++) assert.ok(Math.abs(alone[i][0] - batched[i]) < 1e-5);
});

Deno.test("trainModel: deterministic under seed, lowers the loss; MLP and predictor agree", async () => {
  const y = Float64Array.from(ex, (_, i) => 0.1 * Math.sin(i));
  const run = async (kind: "transformer" | "mlp") => {
    const m = initWeights({ ...cfg, kind, dModel: 8, heads: 2, layers: 1, dff: 8, hidden: 8 });
    fitNormalisation(m, ex);
    const r = await trainModel(m, ex, y, ex, () => 0, {
      epochs: 3,
      batchSize: 16,
      learningRate: 1e-2,
      finalLearningRate: 1e-3,
      huberDelta: 1,
      seed: 1,
    });
    return { m, r };
  };
  const a = await run("transformer"), b = await run("transformer");
  assert.deepEqual(a.m.tensors, b.m.tensors);
  assert.ok(a.r.history[2].loss < a.r.history[0].loss);
  const mlp = await run("mlp");
  const yh = await predictTf(mlp.m, ex);
  const p = createPredictor(mlp.m);
  for (let i = 0; i < ex.length; i++) {
    assert.ok(Math.abs(p(ex[i].tokens, ex[i].n, ex[i].context, ex[i].agg) - yh[i]) < 1e-4);
  }
});

/** Seeded weights with every tensor perturbed (biases, layer-norm gains and shifts too) and non-trivial input scaling. */
function randomWeights(c: ModelConfig): ModelWeights {
  const m = initWeights(c);
  fitNormalisation(m, ex);
  const r = createPrng(c.seed + 100);
  for (const t of Object.values(m.tensors)) for (let i = 0; i < t.data.length; i++) t.data[i] += 0.3 * r.normal();
  return m;
}

Deno.test("plain-TS predictor equals tfjs predictTf on random portfolios (random weights; odd widths; MLP)", async () => {
  const more = Array.from({ length: 60 }, () => toEx(generatePortfolio(rng, day)));
  const all = [...ex, ...more];
  assert.ok(all.some((e) => e.n === 20) && all.some((e) => e.n === 1));
  for (
    const c of [
      cfg,
      { ...cfg, dModel: 32, heads: 4, layers: 1, dff: 64, hidden: 64, seed: 6 }, // the full profile's shape
      { ...cfg, dModel: 6, heads: 3, layers: 1, dff: 10, hidden: 7, seed: 7 }, // widths off the SIMD blocks
      { ...cfg, kind: "mlp" as const, hidden: 37, seed: 8 },
    ]
  ) {
    const m = randomWeights(c);
    const want = await predictTf(m, all);
    const predict = createPredictor(m);
    let worst = 0;
    for (let i = 0; i < all.length; i++) {
      const got = predict(all[i].tokens, all[i].n, all[i].context, all[i].agg);
      worst = Math.max(worst, Math.abs(got - want[i]) / (1 + Math.abs(want[i])));
    }
    assert.ok(worst < 2e-5, `${c.kind} d=${c.dModel}: worst relative difference ${worst}`);
  }
});

Deno.test("config, predictor and target helpers: errors and identities", () => {
  assert.throws(() => checkConfig({ ...cfg, heads: 3 }), /heads \(3\) must divide ModelConfig.dModel \(16\)/);
  assert.throws(() => checkConfig({ ...cfg, kind: "rnn" as "mlp" }), /kind must be "transformer" or "mlp"/);
  const predict = createPredictor(w);
  assert.throws(
    () => predict(new Float32Array(0), 0, new Float32Array(0), ex[0].agg),
    /n must be an integer in 1..20, got 0/,
  );
  assert.throws(() => predict(new Float32Array(21 * 45), 21, new Float32Array(0), ex[0].agg), /got 21/);
  const y = targetY(123456, 100000, 1000);
  assert.ok(Math.abs(marginFromY(y, 100000, 0, 1000) - 123456) < 1e-6);
  assert.equal(marginFromY(0, 5000, 7000, 1000), 0);
});
