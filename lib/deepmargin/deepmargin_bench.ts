/**
 * Latency of the DeepMargin surrogate against the SPAN 2-like reference, on a
 * synthetic market day (no vendored data needed) with the full-profile
 * architecture (d = 32, 1 block, 4 heads; seeded weights — latency does not
 * depend on their values). Each group's summary prints the speed-up of the
 * surrogate end to end (validation, SPAN-like margin from cached risk arrays,
 * tokens, network; portfolios of 1–20 positions in turn) over:
 * - `label configuration`: the SPAN 2-like reference `span2Margin` as used for
 *   the labels (American options on 50-step trees), one 10-position portfolio
 *   with American options — the issue's ≥ 1,000× target;
 * - `engine default`: the same reference with the engine's default 200-step trees;
 * - `parts`: the network forward alone, the tokenizer alone, and the exact
 *   per-date SPAN 2-like cache once warm;
 * - `batch`: 1,000 portfolios end to end (throughput = 1,000 / time).
 *
 * Run: `deno bench --frozen --deny-net --allow-read=. --allow-env lib/deepmargin/deepmargin_bench.ts`
 * @module
 */
import { createPrng } from "../core/prng.ts";
import { span2Margin } from "../margin/span2.ts";
import { buildMarketDay } from "./market_day.ts";
import { syntheticPanel } from "./synthetic_panel.ts";
import { generatePortfolio } from "./generator.ts";
import { createTokenizer } from "./tokenizer.ts";
import { initWeights } from "./model.ts";
import { createPredictor } from "./inference.ts";
import { createSpan2Cache } from "./span2_cache.ts";

const day = buildMarketDay(syntheticPanel(1, 2700), 2699, { span2TreeSteps: 50 });
const tok = createTokenizer(day);
const predict = createPredictor(
  initWeights({ kind: "transformer", dModel: 32, heads: 4, layers: 1, dff: 64, hidden: 64, seed: 1 }),
);
const rng = createPrng(4);
const pfs = Array.from({ length: 1000 }, () => generatePortfolio(rng, day));
for (const pf of pfs) tok.tokenize(pf); // warm the per-instrument caches (built once per day)
const typical = pfs.find((p) => p.positions.length === 10 && p.positions.some((x) => x.style === "american"))!;
const t = tok.tokenize(typical);
const agg = tok.aggregate(t);
let i = 0;
const endToEnd = () => {
  const pf = pfs[i++ % pfs.length];
  const x = tok.tokenize(pf);
  predict(x.tokens, x.n, x.context, tok.aggregate(x));
};
const E2E = "DeepMargin end to end (validate + SPAN-like + tokens + network), 1 portfolio, 1-20 positions";

Deno.bench({ name: E2E, group: "label configuration", baseline: true, fn: endToEnd });
Deno.bench({
  name: "SPAN 2-like reference span2Margin, 1 portfolio (10 positions), 50-step trees as labelled",
  group: "label configuration",
  n: 8,
  warmup: 1,
  fn() {
    span2Margin(typical, day.market, day.history, day.span2Params);
  },
});
Deno.bench({ name: `${E2E} `, group: "engine default", baseline: true, fn: endToEnd });
Deno.bench({
  name: "SPAN 2-like reference span2Margin, same portfolio, engine default 200-step trees",
  group: "engine default",
  n: 3,
  warmup: 1,
  fn() {
    span2Margin(typical, day.market, day.history, { ...day.span2Params, treeSteps: 200 });
  },
});
Deno.bench({
  name: "DeepMargin network forward, 1 portfolio (10 positions)",
  group: "parts",
  baseline: true,
  fn() {
    predict(t.tokens, t.n, t.context, agg);
  },
});
Deno.bench({
  name: "DeepMargin tokens (validate + SPAN-like + tokens + aggregates), 1 portfolio (10 positions)",
  group: "parts",
  fn() {
    tok.aggregate(tok.tokenize(typical));
  },
});
const cache = createSpan2Cache(day.market, day.history, day.span2Params);
for (const pf of pfs.slice(0, 50)) cache.margin(pf);
Deno.bench({
  name: "SPAN 2-like exact per-date cache (warm), 1 portfolio (10 positions)",
  group: "parts",
  n: 200,
  fn() {
    cache.margin(typical);
  },
});
Deno.bench({
  name: "DeepMargin end to end, batch of 1,000 portfolios",
  group: "batch",
  n: 20,
  fn() {
    for (const pf of pfs) {
      const x = tok.tokenize(pf);
      predict(x.tokens, x.n, x.context, tok.aggregate(x));
    }
  },
});
