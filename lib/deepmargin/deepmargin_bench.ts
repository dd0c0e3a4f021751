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
 * - `new day`: a new day's first 200 portfolios, one at a time (p99 column), with the per-instrument caches built
 *   lazily or prepared at the open; `new day open`: that preparation.
 *
 * Run: `deno bench --frozen --deny-net --allow-read=. --allow-env lib/deepmargin/deepmargin_bench.ts`
 * (add `--v8-flags=--expose-gc --filter "new day"` for the new-day groups alone, each day starting after a GC)
 * @module
 */
import { createPrng } from "../core/prng.ts";
import { span2Margin } from "../margin/span2.ts";
import { buildMarketDay } from "./market_day.ts";
import { syntheticPanel } from "./synthetic_panel.ts";
import { generatePortfolio } from "./generator.ts";
import { createTokenizer, dayInstruments } from "./tokenizer.ts";
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

// A new day: a fresh tokenizer (its SPAN-like engine and per-instrument caches empty), then its first 200
// portfolios one at a time; each iteration times one portfolio (tokens + network), so the p99 column is the p99
// single-portfolio latency over ten new days (issue 17's target: ≤ 1 ms). Lazily, each instrument's caches are built
// by the first portfolio that holds it (~400 of the ~440 listed instruments turn up in the first 200 portfolios);
// prepared, the day's listed grid is built at the open (`prepare(dayInstruments(day))`, timed on its own). The first
// two days warm the JIT; with `--v8-flags=--expose-gc` the previous day's garbage is collected before a day starts.
// A cold instrument costs ≈ 36 µs (American: 31 tree revaluations, batched per vol by lib/market/unit_values.ts) or
// ≈ 8 µs (European), so a day's slowest first portfolios (about five new American options) take ≈ 0.2 ms of compute.
// On a loaded shared machine the p99 column is set by preemption, not by the code: read it against the prepared
// variant's p99, which builds nothing cold.
const NEW_DAY = 200;
const grid = dayInstruments(day);
const newDay = (prepared: boolean) => {
  let tok = createTokenizer(day), served = NEW_DAY;
  return (b: Deno.BenchContext) => {
    if (served === NEW_DAY) {
      tok = createTokenizer(day);
      if (prepared) tok.prepare(grid);
      (globalThis as { gc?: () => void }).gc?.();
      served = 0;
    }
    const pf = pfs[served++];
    b.start();
    const x = tok.tokenize(pf);
    predict(x.tokens, x.n, x.context, tok.aggregate(x));
    b.end();
  };
};
Deno.bench({
  name: "DeepMargin end to end per portfolio, a new day's first 200, caches built lazily (cold)",
  group: "new day",
  n: 10 * NEW_DAY,
  warmup: 2 * NEW_DAY,
  fn: newDay(false),
});
Deno.bench({
  name: "DeepMargin end to end per portfolio, a new day's first 200, day's grid prepared at the open",
  group: "new day",
  baseline: true,
  n: 10 * NEW_DAY,
  warmup: 2 * NEW_DAY,
  fn: newDay(true),
});
Deno.bench({
  name: `a new day open: createTokenizer + prepare(dayInstruments(day)) (${grid.length} instruments)`,
  group: "new day open",
  n: 10,
  warmup: 1,
  fn() {
    createTokenizer(day).prepare(grid);
  },
});
