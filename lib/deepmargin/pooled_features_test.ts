import assert from "node:assert/strict";
import { pooledFeatures, pooledMatrix, pooledWidth } from "./pooled_features.ts";
import { createAnchorTokenizer } from "./anchor_tokenizer.ts";
import { ANCHOR_CONTEXT_FEATURES, ANCHOR_TOKEN_FEATURES } from "./anchor_tokenizer.ts";
import { buildMarketDay } from "./market_day.ts";
import { syntheticPanel } from "./synthetic_panel.ts";
import { generatePortfolio } from "./generator.ts";
import { createPrng } from "../core/prng.ts";

Deno.test("pooledFeatures: hand-computed sums, means, maxima and context", () => {
  // three tokens of width 3: rows (1, −2, 0.5), (4, −1, 0.5), (−2, −6, 2)
  const t = { n: 3, tokens: Float32Array.of(1, -2, 0.5, 4, -1, 0.5, -2, -6, 2), context: [7, -8] };
  assert.deepEqual(Array.from(pooledFeatures(t, 3, 2)), [3, -9, 3, 1, -3, 1, 4, -1, 2, 7, -8]);
  assert.equal(pooledWidth(3, 2), 11);
  const x = pooledMatrix([t, { n: 1, tokens: [0, 0, 1], context: [0, 0] }], 3, 2);
  assert.deepEqual(Array.from(x.subarray(11)), [0, 0, 1, 0, 0, 1, 0, 0, 1, 0, 0]);
});

Deno.test("pooledFeatures: permutation-invariant on real tokens; errors name the problem", () => {
  const day = buildMarketDay(syntheticPanel(3, 2650), 2649);
  const tok = createAnchorTokenizer(day);
  const rng = createPrng(2);
  for (let k = 0; k < 10; k++) {
    const pf = generatePortfolio(rng, day);
    const a = pooledFeatures(tok.tokenize(pf), ANCHOR_TOKEN_FEATURES, ANCHOR_CONTEXT_FEATURES);
    const b = pooledFeatures(
      tok.tokenize({ positions: [...pf.positions].reverse() }),
      ANCHOR_TOKEN_FEATURES,
      ANCHOR_CONTEXT_FEATURES,
    );
    // sums in another order may differ in the last bit
    for (let j = 0; j < a.length; j++) assert.ok(Math.abs(a[j] - b[j]) <= 1e-12 * Math.max(1, Math.abs(a[j])));
  }
  assert.throws(
    () => pooledFeatures({ n: 2, tokens: [1, 2, 3], context: [] }, 2, 0),
    /tokens has 3 values, expected n × tokenWidth = 4/,
  );
  assert.throws(
    () => pooledFeatures({ n: 1, tokens: [1], context: [1] }, 1, 0),
    /context has 1 values, expected contextWidth = 0/,
  );
  assert.throws(() => pooledFeatures({ n: 0, tokens: [], context: [] }, 1, 0), /n must be an integer >= 1, got 0/);
  assert.throws(
    () => pooledFeatures({ n: 1, tokens: [1], context: [] }, 0, 0),
    /tokenWidth must be an integer >= 1, got 0/,
  );
  assert.throws(
    () => pooledMatrix([{ n: 1, tokens: [1], context: [] }, { n: 1, tokens: [], context: [] }], 1, 0),
    /portfolio 1: /,
  );
});
