import assert from "node:assert/strict";
import { black76Price } from "../market/black76.ts";
import { cleanChain, cleanChains, type OptionQuote } from "./chain.ts";
import { cboeRowsToQuotes, leanUniverseToQuotes, loadCboeEodCsv, loadLeanUniverseCsv } from "./chain_load.ts";
import { fitSvi } from "./fit_svi.ts";
import { fitSabr } from "./fit_sabr.ts";

const F = 100, D = 0.97, T = 0.5;
const volOf = (K: number): number => 0.25 - 0.1 * Math.log(K / F) + 0.2 * Math.log(K / F) ** 2;

/** A synthetic chain with known forward and discount and ±1% bid/ask around the model price. */
function synthChain(): OptionQuote[] {
  const out: OptionQuote[] = [];
  for (let K = 60; K <= 150; K += 5) {
    for (const isCall of [true, false]) {
      const p = black76Price(isCall, F, K, T, volOf(K), D);
      out.push({ expiry: "6M", T, strike: K, isCall, bid: p * 0.99, ask: p * 1.01 + 0.01 });
    }
  }
  return out;
}

Deno.test("cleanChain: parity regression recovers forward and discount; OTM quotes invert to the model vols", () => {
  const r = cleanChain(synthChain());
  assert.ok(Math.abs(r.forward - F) < 0.01, `F ${r.forward}`);
  assert.ok(Math.abs(r.discount - D) < 1e-4, `D ${r.discount}`);
  assert.equal(r.parity.method, "regression");
  assert.ok(Math.abs(r.parity.impliedRate - -Math.log(D) / T) < 1e-3);
  for (const q of r.quotes) {
    assert.ok(q.isCall ? q.strike >= r.forward : q.strike < r.forward);
    assert.ok(Math.abs(q.iv - volOf(q.strike)) < 0.01, `K=${q.strike}: ${q.iv} vs ${volOf(q.strike)}`);
    assert.ok(Math.abs(q.k - Math.log(q.strike / r.forward)) < 1e-15 && q.vega > 0);
  }
  // every input quote is either kept or dropped with a reason
  assert.equal(r.quotes.length + r.dropped.length, synthChain().length);
  assert.ok(r.dropped.every((d) => d.reason === "not-otm"));
});

Deno.test("cleanChain: every bad quote is dropped with its reason, never silently", () => {
  const q = synthChain();
  const n = q.length;
  q.push({ expiry: "6M", T, strike: 100, isCall: true, bid: 7, ask: 6.5, id: "crossed one" });
  q.push({ expiry: "6M", T, strike: 155, isCall: true, bid: 0, ask: 0.05 });
  q.push({ expiry: "6M", T, strike: 160, isCall: true, bid: 0.1, ask: 0.5 });
  q.push({ expiry: "6M", T, strike: 165, isCall: true, bid: 0.1, ask: 0.11, ageDays: 9 });
  q.push({ expiry: "6M", T, strike: 170, isCall: true, bid: 0.1, ask: 0.11, stale: true });
  q.push({ expiry: "6M", T, strike: -5, isCall: true, bid: 1, ask: 2 });
  q.push({ expiry: "6M", T, strike: 175, isCall: true, bid: -0.1, ask: 0.1 });
  const c150 = q.find((x) => x.strike === 150 && x.isCall)!;
  q.push({ ...c150, bid: c150.bid * 0.99, ask: c150.ask * 1.01 }); // duplicate with a wider spread
  q.push({ expiry: "6M", T, strike: 180, isCall: true, bid: 98, ask: 99 }); // above the upper bound D·F = 97
  q.push({ expiry: "6M", T, strike: 50, isCall: false, bid: 1e-4, ask: 1.2e-4 }); // below the model but fine
  const r = cleanChain(q, { maxRelSpread: 0.5, maxAgeDays: 5 });
  const why = new Map(r.dropped.map((d) => [d.index, d]));
  assert.equal(why.get(n)?.reason, "crossed");
  assert.match(why.get(n)!.detail, /crossed one: bid 7 > ask 6.5/);
  assert.equal(why.get(n + 1)?.reason, "zero-bid");
  assert.equal(why.get(n + 2)?.reason, "wide-spread");
  assert.equal(why.get(n + 3)?.reason, "stale");
  assert.match(why.get(n + 3)!.detail, /age 9 d > 5 d/);
  assert.equal(why.get(n + 4)?.reason, "stale");
  assert.equal(why.get(n + 5)?.reason, "invalid");
  assert.match(why.get(n + 5)!.detail, /strike must be finite and > 0, got -5/);
  assert.equal(why.get(n + 6)?.reason, "invalid");
  assert.match(why.get(n + 6)!.detail, /negative price: bid=-0.1/);
  assert.equal(why.get(n + 7)?.reason, "duplicate");
  assert.equal(why.get(n + 8)?.reason, "arbitrage-bound");
  assert.ok(r.quotes.some((x) => x.index === n + 9));
  assert.equal(r.quotes.length + r.dropped.length, q.length);
});

Deno.test("cleanChain: zero time to expiry, mixed expiries and missing parity pairs are clear errors", () => {
  const q = synthChain();
  assert.throws(
    () => cleanChain(q.map((x) => ({ ...x, T: 0, expiry: "today" }))),
    /expiry today: time to expiry T must be finite and > 0, got 0/,
  );
  assert.throws(() => cleanChain([q[0], { ...q[1], expiry: "1Y", T: 1 }]), /use cleanChains/);
  const callsOnly = q.filter((x) => x.isCall);
  assert.throws(() => cleanChain(callsOnly), /only 0 call\/put pairs .* pass opts.discount/);
  const given = cleanChain(callsOnly, { forward: F, discount: D });
  assert.equal(given.parity.method, "given");
  assert.ok(given.quotes.length > 0);
  const withD = cleanChain(q, { discount: D });
  assert.equal(withD.parity.method, "given-discount");
  assert.ok(Math.abs(withD.forward - F) < 0.01);
});

Deno.test("cleanChains: groups by expiry; failed slices report all their quotes", () => {
  const q = [...synthChain(), ...synthChain().map((x) => ({ ...x, expiry: "0D", T: 0 }))];
  const r = cleanChains(q);
  assert.equal(r.slices.length, 1);
  assert.equal(r.failed.length, 1);
  assert.equal(r.failed[0].dropped.length, q.length / 2);
  assert.ok(r.failed[0].dropped.every((d) => d.reason === "slice-failed" && d.index >= q.length / 2));
  assert.match(r.failed[0].reason, /expiry 0D: time to expiry T must be finite and > 0, got 0/);
});

const VIX = "data/raw/option-chain-samples/cboe-datashop-sample-2016-06-01/UnderlyingOptionsEODCalcs_2016-06-01.csv";
const LEAN = "data/raw/option-chain-samples/quantconnect-lean-universes/";

Deno.test("real chain: Cboe VIX options 2016-06-01 (15:45 quotes) — forwards, IVs and fits", async () => {
  const rows = await loadCboeEodCsv(VIX);
  const { slices, failed } = cleanChains(cboeRowsToQuotes(rows, "1545"));
  // the same-day expiry (T = 0) fails loudly with all its 76 quotes reported
  assert.equal(failed.length, 1);
  assert.equal(failed[0].expiry, "2016-06-01");
  assert.equal(failed[0].dropped.length, 76);
  assert.equal(slices.length, 9);
  let accounted = 76;
  const cboeForward = new Map(rows.map((r) => [r.expiration, r.impliedUnderlying1545]));
  const cboeIv = new Map(rows.map((r) => [`${r.expiration}|${r.strike}|${r.isCall}`, r.impliedVol1545]));
  for (const s of slices) {
    accounted += s.quotes.length + s.dropped.length;
    // parity forward agrees with Cboe's implied underlying (VIX futures tick 0.05)
    assert.ok(Math.abs(s.forward - cboeForward.get(s.expiry)!) < 0.07, `${s.expiry}: F ${s.forward}`);
    assert.ok(s.discount > 0.99 && s.discount < 1.01, `${s.expiry}: D ${s.discount}`);
    for (const q of s.quotes) {
      const ref = cboeIv.get(`${s.expiry}|${q.strike}|${q.isCall}`)!;
      assert.ok(Math.abs(q.iv - ref) < 0.03, `${s.expiry} K=${q.strike}: iv ${q.iv} vs Cboe ${ref}`);
    }
    const k = Float64Array.from(s.quotes, (q) => q.k), w = Float64Array.from(s.quotes, (q) => q.totalVariance);
    const svi = fitSvi(k, w, Float64Array.from(s.quotes, (q) => q.vega), { T: s.T, label: `VIX ${s.expiry}` });
    assert.ok(svi.rmseVol! < 0.025, `${s.expiry}: SVI vol RMSE ${svi.rmseVol}`);
    assert.equal(typeof svi.arbitrage.ok, "boolean");
    const K = Float64Array.from(s.quotes, (q) => q.strike), v = Float64Array.from(s.quotes, (q) => q.iv);
    const sabr = fitSabr(s.forward, s.T, K, v, 1, 0, { label: `VIX ${s.expiry}` });
    assert.ok(sabr.rmse < 0.03, `${s.expiry}: SABR vol RMSE ${sabr.rmse}`);
  }
  assert.equal(accounted, rows.length); // 724: nothing silently lost
});

Deno.test("real chain: LEAN SPX 2015-12-22 — parity forward ≈ 2039 for Jan-16 (SOURCE.md)", async () => {
  const u = await loadLeanUniverseCsv(LEAN + "indexoption_usa_spx_20151222.csv");
  const { slices, failed } = cleanChains(leanUniverseToQuotes(u), { discount: 1 });
  const jan = slices.find((s) => s.expiry === "2016-01-15")!;
  assert.ok(Math.abs(jan.forward - 2039) < 1, `F ${jan.forward}`);
  // calls-only or puts-only expiries cannot give a forward: reported, not guessed
  assert.ok(failed.length > 0 && failed.every((f) => /no call\/put pair/.test(f.reason)));
  const lean = new Map(u.rows.map((r) => [`${r.expiry}|${r.strike}|${r.isCall}`, r.impliedVol]));
  for (const q of jan.quotes) assert.ok(Math.abs(q.iv - lean.get(`${jan.expiry}|${q.strike}|${q.isCall}`)!) < 0.02);
  const fit = fitSvi(
    Float64Array.from(jan.quotes, (q) => q.k),
    Float64Array.from(jan.quotes, (q) => q.totalVariance),
    undefined,
    {
      T: jan.T,
    },
  );
  assert.ok(fit.rmseVol! < 0.03, `SVI vol RMSE ${fit.rmseVol}`);
});

Deno.test("real chain: LEAN SPXW 2023-06-23 — regression forward near spot; implausible rates refused", async () => {
  const u = await loadLeanUniverseCsv(LEAN + "indexoption_usa_spxw_20230623.csv");
  const { slices, failed } = cleanChains(leanUniverseToQuotes(u));
  assert.equal(slices.length, 1);
  assert.ok(Math.abs(slices[0].forward - u.underlying!.close) < 10);
  assert.equal(failed.length, 1);
  assert.match(failed[0].reason, /2023-07-03: parity discount .* implies a rate of .* outside \[-0.5, 0.5\]/);
  const withD = cleanChains(leanUniverseToQuotes(u), { discount: 1 });
  assert.equal(withD.failed.length, 0);
});
