import assert from "node:assert/strict";
import { createPrng } from "../core/prng.ts";
import { parseCrif } from "../simm/crif.ts";
import { loadCalibration } from "../simm/load.ts";
import { syntheticCrif } from "../simm/synthetic_crif.ts";
import { simmAttribution } from "./simm_attribution.ts";

const cal = await loadCalibration("2.6");
const S = { calibration: cal, mpor: 10 as const, calculationCurrency: "USD" };
const sum = (a: Float64Array) => a.reduce((s, x) => s + x, 0);

Deno.test("simmAttribution by trade: below thresholds Euler is additive, Shapley and pro-rata efficient", () => {
  // small amounts: no concentration add-on anywhere
  const crif = parseCrif(syntheticCrif({ lines: 120, seed: 5, trades: 6 }), { file: "syn.csv" });
  const records = crif.records.map((r) => ({ ...r, amountUsd: r.amountUsd * 1e-3 }));
  const a = simmAttribution(records, S, { eps: 1e-6 });
  assert.equal(a.units.length, 6);
  assert.ok(Math.abs(a.eulerGap) < 1e-6 * a.total, `Euler gap ${a.eulerGap} of ${a.total}`);
  assert.ok(a.shapley!.exact);
  assert.ok(Math.abs(sum(a.shapley!.values) - a.total) < 1e-6 * a.total);
  assert.ok(Math.abs(sum(a.proRata!) - a.total) < 1e-6 * a.total);
  assert.ok(sum(a.standalone!) >= a.total, "diversification: Σ standalone ≥ total");
  assert.equal(a.incremental!.length, 6);
});

Deno.test("simmAttribution: concentration makes Euler over-allocate (sum = 1.5 × total for one factor)", () => {
  const text = "TradeID,ProductClass,RiskType,Qualifier,Bucket,Label1,Label2,Amount,AmountCurrency\n" +
    "A,Equity,Risk_Equity,ISIN:X,1,,,30000000,USD\nB,Equity,Risk_Equity,ISIN:X,1,,,30000000,USD\n";
  const a = simmAttribution(parseCrif(text).records, S, { methods: ["euler"] });
  assert.ok(Math.abs(a.eulerGap / a.total - 0.5) < 1e-6, `ratio ${a.eulerGap / a.total}`);
  assert.equal(a.shapley, undefined);
  assert.equal(a.standalone, undefined);
});

Deno.test("simmAttribution: sampled Shapley above exactMax is seeded and efficient", () => {
  const crif = parseCrif(syntheticCrif({ lines: 60, seed: 9, trades: 4 }), { file: "syn.csv" });
  const run = () =>
    simmAttribution(crif.records, S, { methods: ["shapley"], exactMax: 2, nPermutations: 20, prng: createPrng(3) });
  const a = run(), b = run();
  assert.equal(a.shapley!.exact, false);
  assert.deepEqual([...a.shapley!.values], [...b.shapley!.values]);
  assert.ok(Math.abs(sum(a.shapley!.values) - a.total) < 1e-6 * a.total);
  assert.throws(() => simmAttribution(crif.records, S, { methods: ["shapley"], exactMax: 2 }), /needs a seeded prng/);
});

Deno.test("simmAttribution: bad input is named", () => {
  // deno-lint-ignore no-explicit-any
  assert.throws(() => simmAttribution([], S, { methods: ["euler", "nope" as any] }), /unknown method "nope"/);
  assert.throws(() => simmAttribution([], S), /no sensitivity or add-on record/);
});
