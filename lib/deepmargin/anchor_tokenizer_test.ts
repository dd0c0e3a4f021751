import assert from "node:assert/strict";
import { createPrng } from "../core/prng.ts";
import { buildMarketDay, type MarketDay } from "./market_day.ts";
import { syntheticPanel } from "./synthetic_panel.ts";
import { generatePortfolio } from "./generator.ts";
import {
  AGG_FEATURES,
  CONTEXT_TOKEN_FEATURES,
  createTokenizer,
  dayInstruments,
  TOKEN_FEATURES,
  type Tokenizer,
} from "./tokenizer.ts";
import {
  ANCHOR_AGG_FEATURE_NAMES,
  ANCHOR_AGG_FEATURES,
  ANCHOR_CONTEXT_FEATURE_NAMES,
  ANCHOR_CONTEXT_FEATURES,
  ANCHOR_CONTEXT_SOURCES,
  ANCHOR_TOKEN_FEATURE_NAMES,
  ANCHOR_TOKEN_FEATURES,
  anchorV1Index,
  anchorWidths,
  createAnchorTokenizer,
} from "./anchor_tokenizer.ts";
import { createSpanEngine } from "../margin/span.ts";
import type { Portfolio } from "../market/portfolio.ts";
import { createPredictor } from "./inference.ts";
import { initWeights } from "./model.ts";
import { assertTokenizerRejectsBadInput } from "../testing/tokenizer_contract.ts";

const day = buildMarketDay(syntheticPanel(6, 2650), 2649, { historyDays: 2600 });
const portfolios = (seed: number, n: number): Portfolio[] => {
  const rng = createPrng(seed);
  return Array.from({ length: n }, () => generatePortfolio(rng, day));
};

/**
 * The market day with every SPAN 2-like ingredient poisoned: reading `history`, `span2Params` or `riskMoves`
 * throws (they are what the SPAN 2-like engine and the v1 tokenizer's extra features are computed from), and the
 * context entries the anchor must not read are NaN.
 */
function poisonedDay(d: MarketDay): MarketDay {
  const context = Float64Array.from(d.context, (v, i) => (i in ANCHOR_CONTEXT_SOURCES ? v : NaN));
  const out = { ...d, context } as Partial<MarketDay>;
  delete out.history;
  delete out.span2Params;
  delete out.riskMoves;
  for (const k of ["history", "span2Params", "riskMoves"] as const) {
    Object.defineProperty(out, k, {
      get() {
        throw new Error(`the anchor tokenizer read MarketDay.${k} (a SPAN 2-like ingredient)`);
      },
    });
  }
  return out as MarketDay;
}

Deno.test("anchor tokenizer: widths and documented feature lists", () => {
  assert.equal(ANCHOR_TOKEN_FEATURES, 38);
  assert.equal(ANCHOR_CONTEXT_FEATURES, 22);
  assert.equal(ANCHOR_AGG_FEATURES, 22 + 3 * 22);
  for (const names of [ANCHOR_TOKEN_FEATURE_NAMES, ANCHOR_CONTEXT_FEATURE_NAMES, ANCHOR_AGG_FEATURE_NAMES]) {
    assert.equal(new Set(names).size, names.length, "feature names are unique");
    for (const n of names) assert.match(n, /^[a-z0-9_]+$/);
    // nothing of the SPAN 2-like engine's scenario sets appears among the features
    for (const n of names) assert.doesNotMatch(n, /fhs|stress|hypothetical|var|move|ewma|regime/);
  }
  assert.deepEqual(anchorWidths("compact"), { token: 38, context: 22, agg: 88 });
  assert.deepEqual(anchorWidths("v1"), { token: TOKEN_FEATURES, context: CONTEXT_TOKEN_FEATURES, agg: AGG_FEATURES });
  assert.throws(() => anchorWidths("wide" as "v1"), /anchorWidths: layout must be "compact" or "v1", got "wide"/);
  assert.throws(() => createAnchorTokenizer(day, { offset: -1 }), /createAnchorTokenizer: opts.offset .* got -1/);
});

Deno.test("anchor tokenizer: never touches the SPAN 2-like engine or its ingredients (poisoned day)", () => {
  const bad = poisonedDay(day);
  assert.throws(() => bad.history, /read MarketDay.history/);
  assert.throws(() => createTokenizer(bad), /SPAN 2-like ingredient/); // the v1 tokenizer does read them
  for (const layout of ["compact", "v1"] as const) {
    const clean = createAnchorTokenizer(day, { layout }), poisoned = createAnchorTokenizer(bad, { layout });
    assert.equal(poisoned.prepare(dayInstruments(bad)), dayInstruments(day).length);
    for (const pf of portfolios(3, 40)) {
      const a = clean.tokenize(pf), b = poisoned.tokenize(pf);
      assert.deepEqual(b, a);
      const agg = poisoned.aggregate(b);
      assert.deepEqual(agg, clean.aggregate(a));
      for (const x of [b.tokens, b.context, agg]) assert.ok(x.every(Number.isFinite), "no poisoned NaN leaks in");
    }
  }
});

Deno.test("anchor tokenizer: the module never imports or names the SPAN 2-like engine", async () => {
  const src = await Deno.readTextFile(new URL("./anchor_tokenizer.ts", import.meta.url));
  const code = src.split("\n").filter((l) => !/^\s*(\*|\/\*\*|\/\/)/.test(l)).join("\n").replace(/\/\/.*$/gm, "");
  for (const banned of ["span2", "riskMoves", "history", "unitValues", "hypothetical", "Span2"]) {
    assert.ok(!code.includes(banned), `anchor_tokenizer.ts code names "${banned}"`);
  }
});

Deno.test("anchor tokenizer: the shared features equal the v1 tokenizer's, bit for bit", () => {
  const v1 = createTokenizer(day, { offset: 1000 });
  const compact = createAnchorTokenizer(day, { offset: 1000 });
  const padded = createAnchorTokenizer(day, { offset: 1000, layout: "v1" });
  const ix = anchorV1Index();
  for (const pf of portfolios(9, 60)) {
    const r = v1.tokenize(pf), c = compact.tokenize(pf), p = padded.tokenize(pf);
    assert.equal(c.span, r.span);
    assert.equal(c.rr, r.rr);
    assert.equal(c.nov, r.nov);
    assert.equal(c.scale, r.scale);
    assert.equal(c.tokens.length, c.n * ANCHOR_TOKEN_FEATURES);
    assert.equal(p.tokens.length, p.n * TOKEN_FEATURES);
    const used = new Set(ix.token);
    for (let i = 0; i < c.n; i++) {
      for (let j = 0; j < ANCHOR_TOKEN_FEATURES; j++) {
        const v = c.tokens[i * ANCHOR_TOKEN_FEATURES + j], w = ix.token[j];
        assert.ok(Object.is(v, r.tokens[i * TOKEN_FEATURES + w]), `token ${i} feature ${j}`);
        assert.ok(Object.is(v, p.tokens[i * TOKEN_FEATURES + w]));
      }
      for (let w = 0; w < TOKEN_FEATURES; w++) if (!used.has(w)) assert.equal(p.tokens[i * TOKEN_FEATURES + w], 0);
    }
    for (let j = 0; j < ANCHOR_CONTEXT_FEATURES; j++) {
      assert.ok(Object.is(c.context[j], r.context[ix.context[j]]), `context ${j}`);
      assert.ok(Object.is(c.context[j], p.context[ix.context[j]]));
    }
    const ca = compact.aggregate(c), pa = padded.aggregate(p), ra = v1.aggregate(r);
    assert.equal(ca.length, ANCHOR_AGG_FEATURES);
    assert.equal(pa.length, AGG_FEATURES);
    for (let j = 0; j < ANCHOR_AGG_FEATURES; j++) {
      assert.ok(Object.is(ca[j], ra[ix.agg[j]]), `aggregate ${j} (${ANCHOR_AGG_FEATURE_NAMES[j]})`);
      assert.ok(Object.is(ca[j], pa[ix.agg[j]]));
    }
    // the v1 tokenizer's own aggregate of the padded tokens is the padded aggregate
    assert.deepEqual(v1.aggregate(p), pa);
    assert.equal(p.span, createSpanEngine(day.market, day.spanParams).margin(pf).total);
  }
});

Deno.test("anchor tokenizer: the v1 layout feeds the existing predictor; shuffling positions permutes rows; bad input throws as in v1", () => {
  const tok: Tokenizer = createAnchorTokenizer(day, { layout: "v1" });
  const predict = createPredictor(
    initWeights({ kind: "transformer", dModel: 16, heads: 2, layers: 1, dff: 32, hidden: 16, seed: 1 }),
  );
  const compact = createAnchorTokenizer(day);
  for (const pf of portfolios(4, 10)) {
    const t = tok.tokenize(pf);
    assert.ok(Number.isFinite(predict(t.tokens, t.n, t.context, tok.aggregate(t))));
    const c = compact.tokenize(pf), rev = compact.tokenize({ positions: [...pf.positions].reverse() });
    const F = ANCHOR_TOKEN_FEATURES;
    for (let k = 0; k < c.n; k++) {
      assert.deepEqual(rev.tokens.subarray(k * F, (k + 1) * F), c.tokens.subarray((c.n - 1 - k) * F, (c.n - k) * F));
    }
    assert.deepEqual(compact.aggregate(rev).subarray(0, ANCHOR_CONTEXT_FEATURES), compact.aggregate(c).subarray(0, 22));
  }
  assert.throws(() => compact.aggregate(tok.tokenize(portfolios(5, 1)[0])), /do not fit the "compact" layout/);
  assertTokenizerRejectsBadInput(compact, day);
  assertTokenizerRejectsBadInput(tok, day);
});
