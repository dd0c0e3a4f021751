import assert from "node:assert/strict";
import { buildMarketDay } from "./market_day.ts";
import { syntheticPanel } from "./synthetic_panel.ts";
import { generatePortfolio } from "./generator.ts";
import { createPrng } from "../core/prng.ts";
import { INPUT_SETS, inputSetTokenizer } from "./input_sets.ts";
import { createTokenizer } from "./tokenizer.ts";

Deno.test("inputSetTokenizer: same widths and SPAN-like margin; wide = createTokenizer; anchor hides the wide slots", () => {
  const day = buildMarketDay(syntheticPanel(2, 2700), 2699, { span2TreeSteps: 10 });
  const rng = createPrng(3);
  const [anchor, wide] = INPUT_SETS.map((s) => inputSetTokenizer(s)(day, 1000));
  const ref = createTokenizer(day, { offset: 1000 });
  for (let k = 0; k < 5; k++) {
    const pf = generatePortfolio(rng, day, { maxPositions: 6 });
    const a = anchor.tokenize(pf), w = wide.tokenize(pf), r = ref.tokenize(pf);
    assert.equal(a.tokens.length, w.tokens.length);
    assert.equal(a.context.length, w.context.length);
    assert.equal(a.span, w.span);
    assert.deepEqual(w.tokens, r.tokens);
    // the anchor-like tokens carry fewer non-zero features
    const nz = (x: Float32Array) => x.reduce((n, v) => n + (v !== 0 ? 1 : 0), 0);
    assert.ok(nz(a.tokens) < nz(w.tokens));
  }
  assert.throws(() => inputSetTokenizer("deep"), /unknown input set "deep"/);
});
