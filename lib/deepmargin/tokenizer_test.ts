import assert from "node:assert/strict";
import { createPrng } from "../core/prng.ts";
import { buildMarketDay } from "./market_day.ts";
import { syntheticPanel } from "./synthetic_panel.ts";
import { generatePortfolio } from "./generator.ts";
import { AGG_FEATURES, CONTEXT_TOKEN_FEATURES, createTokenizer, dayInstruments, TOKEN_FEATURES } from "./tokenizer.ts";
import { createSpanEngine } from "../margin/span.ts";
import { black76Greeks } from "../market/black76.ts";
import { curveAt, type Portfolio, UNDERLYINGS, unitValue } from "../market/portfolio.ts";
import { defaultHypotheticalScenarios } from "../margin/span2.ts";
import { RISK_MOVES } from "./market_day.ts";
import { assertTokenizerRejectsBadInput } from "../testing/tokenizer_contract.ts";

const day = buildMarketDay(syntheticPanel(6, 2650), 2649, { historyDays: 2600 });

Deno.test("tokenize: shapes, SPAN total, one-hot fields; shuffling positions permutes token rows", () => {
  const tok = createTokenizer(day, { offset: 1000 });
  const rng = createPrng(1);
  for (let i = 0; i < 20; i++) {
    const pf = generatePortfolio(rng, day);
    const t = tok.tokenize(pf);
    assert.equal(t.tokens.length, pf.positions.length * TOKEN_FEATURES);
    assert.equal(t.context.length, CONTEXT_TOKEN_FEATURES);
    assert.equal(tok.aggregate(t).length, AGG_FEATURES);
    assert.equal(t.span, createSpanEngine(day.market, day.spanParams).margin(pf).total);
    for (let k = 0; k < t.n; k++) {
      const row = t.tokens.subarray(k * TOKEN_FEATURES, k * TOKEN_FEATURES + 9);
      assert.equal(row[0] + row[1] + row[2], 1);
      assert.equal(row[3] + row[4] + row[5], 1);
      assert.equal(row[6] + row[7] + row[8], 1);
    }
    const rev = { positions: [...pf.positions].reverse() };
    const tr = tok.tokenize(rev);
    for (let k = 0; k < t.n; k++) {
      assert.deepEqual(
        tr.tokens.subarray(k * TOKEN_FEATURES, (k + 1) * TOKEN_FEATURES),
        t.tokens.subarray((t.n - 1 - k) * TOKEN_FEATURES, (t.n - k) * TOKEN_FEATURES),
      );
    }
  }
});

Deno.test("tokenize: clear errors at inference time", () => {
  assertTokenizerRejectsBadInput(createTokenizer(day), day);
  assert.throws(() => createTokenizer(day, { offset: 0 }), /offset must be finite and > 0, got 0/);
});

/** Position tokens by their definition, one position at a time, nothing cached (the tokenizer's module doc). */
function referenceTokens(pf: Portfolio, offset: number): Float32Array {
  const engine = createSpanEngine(day.market, day.spanParams);
  const S = engine.margin(pf).riskRequirement + offset;
  const steps = day.spanParams.treeSteps ?? 50;
  const hyp = day.span2Params.hypothetical ?? defaultHypotheticalScenarios();
  const out = new Float32Array(pf.positions.length * TOKEN_FEATURES);
  pf.positions.forEach((p, i) => {
    const r = engine.riskArray(p), m = day.market[p.underlying]!, u = UNDERLYINGS.indexOf(p.underlying);
    const { price: F, vol } = curveAt(day.market, p.underlying, p.expiry);
    const isOpt = p.type !== "future", q = p.quantity;
    const vega = isOpt
      ? black76Greeks(p.type === "call", F, p.strike!, p.expiry, vol, Math.exp(-m.rate * p.expiry)).vega
      : 0;
    const pnl = (dF: number, v: number) =>
      (unitValue(p, F + dF, v, m.rate, steps) - unitValue(p, F, vol, m.rate, steps)) * m.contractSize;
    const row = [
      ...[p.type === "future", p.type === "call", p.type === "put"].map(Number),
      ...UNDERLYINGS.map((x) => Number(x === p.underlying)),
      ...[!isOpt, isOpt && p.style !== "american", isOpt && p.style === "american"].map(Number),
      isOpt ? Math.log(p.strike! / F) : 0,
      p.expiry * 4,
      vol,
      vol * Math.sqrt(p.expiry),
      Math.sign(q),
      Math.log1p(Math.abs(q)) / 4,
      r.delta,
      (q * r.delta * F * m.contractSize) / S,
      (q * r.value) / S,
      (q * vega * m.contractSize * 0.01) / S,
      isOpt ? 1 : 0,
      q > 0 && isOpt ? 1 : 0,
      ...Array.from(r.riskArray, (x) => (q * x) / S),
      ...day.context.subarray(8 * u, 8 * u + 8),
      ...day.riskMoves[p.underlying].slice(0, RISK_MOVES).map((dF) => (q * pnl(dF, vol)) / S),
      ...hyp.map((h) =>
        (q * pnl((h.price?.[p.underlying] ?? 0) * Math.abs(F), vol * (1 + (h.vol?.[p.underlying] ?? 0)))) / S
      ),
    ];
    assert.equal(row.length, TOKEN_FEATURES);
    out.set(row, i * TOKEN_FEATURES);
  });
  return out;
}

Deno.test("tokenize: bitwise equal to the tokens' definition, with instruments repeated, re-sized and re-styled", () => {
  const tok = createTokenizer(day, { offset: 1000 });
  const rng = createPrng(9);
  const pfs: Portfolio[] = Array.from({ length: 30 }, () => generatePortfolio(rng, day));
  // the same instruments again at other quantities, American ↔ European, and a future that carries a style
  pfs.push(
    ...pfs.slice(0, 10).map((pf) => ({
      positions: pf.positions.map((p) => ({
        ...p,
        quantity: -3 * p.quantity,
        ...(p.type === "future" ? {} : { style: p.style === "american" ? "european" as const : "american" as const }),
      })),
    })),
  );
  pfs.push({ positions: [{ type: "future", underlying: "HH", quantity: -2, expiry: day.expiries[0] }] });
  for (const pf of pfs) {
    const t = tok.tokenize(pf);
    const ref = referenceTokens(pf, 1000);
    for (let i = 0; i < ref.length; i++) {
      assert.ok(
        Object.is(t.tokens[i], ref[i]),
        `feature ${i % TOKEN_FEATURES} of position ${Math.floor(i / TOKEN_FEATURES)}: ${t.tokens[i]} vs ${ref[i]}`,
      );
    }
  }
});

Deno.test("dayInstruments holds every instrument the generator draws; prepare builds them once, tokens unchanged", () => {
  const grid = dayInstruments(day);
  const key = (p: { type: string; underlying: string; expiry: number; strike?: number; style?: string }) =>
    `${p.type}|${p.underlying}|${p.expiry}|${p.type === "future" ? "" : `${p.strike}|${p.style}`}`;
  const listed = new Set(grid.map(key));
  assert.equal(listed.size, grid.length);
  const rng = createPrng(9);
  const pfs = Array.from({ length: 150 }, () => generatePortfolio(rng, day));
  for (const pf of pfs) for (const p of pf.positions) assert.ok(listed.has(key(p)), `not listed: ${key(p)}`);
  const lazy = createTokenizer(day), prepared = createTokenizer(day);
  assert.equal(prepared.prepare(grid), grid.length);
  assert.equal(prepared.prepare(grid.slice(0, 10)), 0); // cached
  for (const pf of pfs) {
    const a = lazy.tokenize(pf), b = prepared.tokenize(pf);
    assert.deepEqual(b.tokens, a.tokens);
    assert.deepEqual(b.context, a.context);
    assert.deepEqual(prepared.aggregate(b), lazy.aggregate(a));
    assert.equal(b.span, a.span);
  }
  assert.equal(prepared.prepare(grid), 0);
  assert.throws(() => dayInstruments(day, 11), /dayInstruments: strikeSteps must be an integer in \[0, 10\], got 11/);
});
