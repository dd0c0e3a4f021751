import assert from "node:assert/strict";
import { createPrng } from "../core/prng.ts";
import type { DailyChain } from "../market/synthetic_chain.ts";
import { generateSyntheticMarket, type SyntheticMarket } from "../market/synthetic_market.ts";
import { featureColumn } from "./feature_frame.ts";
import { chainSliceSmile, surfaceFeatureColumns } from "./surface_features.ts";
import { buildSyntheticFeatures } from "./synthetic_features.ts";
import { rowBitsEqual } from "../testing/crude_panel_fixture.ts";

const FUT = { volWindows: [5, 20], drawdownWindow: 20 };

/** Copy of the market with every observable (and latent) value after row t changed. */
function perturbMarketAfter(m: SyntheticMarket, t: number, seed: number): SyntheticMarket {
  const rng = createPrng(seed);
  const bump = (x: Float64Array) => {
    const y = x.slice();
    for (let i = t + 1; i < y.length; i++) y[i] = y[i] * (1.2 + 0.5 * rng.next());
    return y;
  };
  const chains: DailyChain[] = m.chains.map((c, i) =>
    i <= t ? c : {
      ...c,
      forward: c.forward * 1.3,
      slices: c.slices.map((s) => ({
        ...s,
        forward: s.forward * 1.3,
        callBid: bump(s.callBid),
        callAsk: bump(s.callAsk).map((a, j) => Math.max(a * 1.5, s.callBid[j] * 2)),
        putBid: bump(s.putBid),
        putAsk: bump(s.putAsk).map((a, j) => Math.max(a * 1.5, s.putBid[j] * 2)),
      })),
    }
  );
  const regime = m.regime.slice();
  for (let i = t + 1; i < regime.length; i++) regime[i] = 1 - regime[i];
  return {
    ...m,
    regime,
    logVar: bump(m.logVar),
    chi: bump(m.chi),
    front: bump(m.front),
    jumps: bump(m.jumps),
    curve: m.curve.map(bump),
    chains,
  };
}

Deno.test("buildSyntheticFeatures: no look-ahead — perturbing the market after t leaves rows ≤ t bitwise unchanged", () => {
  const m = generateSyntheticMarket(17, { days: 32 });
  const base = buildSyntheticFeatures(m, { futures: FUT });
  const F = base.names.length;
  for (const t of [0, 14, 30]) {
    const pert = buildSyntheticFeatures(perturbMarketAfter(m, t, 50 + t), { futures: FUT });
    for (let s = 0; s <= t; s++) {
      const diff = rowBitsEqual(base.values, pert.values, F, s);
      assert.equal(diff, null, `t=${t}, row ${s}: ${diff}`);
    }
    assert.notEqual(rowBitsEqual(base.values, pert.values, F, t + 1), null);
  }
});

Deno.test("buildSyntheticFeatures: names and sanity of surface features against the model's truth", () => {
  const m = generateSyntheticMarket(4, { days: 25 });
  const { columns, failures } = surfaceFeatureColumns(m.chains);
  assert.equal(failures.length, 0);
  assert.equal(columns.length, 4 * 13 + 1);
  const f = buildSyntheticFeatures(m, { futures: FUT });
  for (const n of ["ret_usd_1d", "rv_20d", "curve_slope", "svi_rho_21d", "sabr_nu_63d", "atm_vol_126d", "rr25_21d"]) {
    assert.ok(f.names.includes(n), n);
  }
  assert.equal(f.meta.rr25_21d.group, "forward");
  const atm = featureColumn(f, "atm_vol_21d"),
    rr = featureColumn(f, "rr25_63d"),
    kurt = featureColumn(f, "bkm_kurt_21d");
  for (let t = 0; t < 25; t++) {
    const s = m.chains[t].slices[0];
    const j = s.strikes.findIndex((K) => K >= s.forward);
    // The fitted ATM vol is within 2 vol points of the model's true vol near the money.
    assert.ok(Math.abs(atm[t] - s.modelVol[j]) < 0.02, `t=${t}: ${atm[t]} vs ${s.modelVol[j]}`);
    assert.ok(rr[t] < 0, `negative skew expected, got ${rr[t]}`); // ρ < 0 and negative mean jumps
    assert.ok(kurt[t] > 2.5 && kurt[t] < 10, `kurtosis ${kurt[t]}`);
  }
  const noSurf = buildSyntheticFeatures(m, { futures: FUT, surface: false });
  assert.equal(noSurf.names.length, f.names.length - columns.length);
});

Deno.test("surface features: cleaning keeps OTM two-sided quotes; bad structure and options are rejected", () => {
  const m = generateSyntheticMarket(6, { days: 3 });
  const s = m.chains[0].slices[0];
  const sm = chainSliceSmile(s);
  assert.ok(sm.k.length >= 5 && sm.k.length <= s.strikes.length);
  for (let i = 0; i < sm.vol.length; i++) assert.ok(sm.vol[i] > 0 && Math.abs(sm.w[i] - sm.vol[i] ** 2 * s.T) < 1e-15);
  // A slice with no usable quotes gives NaN features and a recorded failure, not an exception.
  const empty = {
    ...m.chains[1],
    slices: m.chains[1].slices.map((x, i) => (i === 0
      ? {
        ...x,
        callBid: x.callBid.map(() => 0),
        putBid: x.putBid.map(() => 0),
      }
      : x)
    ),
  };
  const r = surfaceFeatureColumns([m.chains[0], empty]);
  assert.equal(r.failures.length, 1);
  assert.match(r.failures[0].reason, /usable quotes/);
  assert.ok(Number.isNaN(r.columns[0].values[1]) && Number.isFinite(r.columns[0].values[0]));
  assert.throws(
    () => surfaceFeatureColumns([m.chains[0], { ...m.chains[1], slices: m.chains[1].slices.slice(1) }]),
    /expiries/,
  );
  // deno-lint-ignore no-explicit-any
  assert.throws(() => surfaceFeatureColumns(m.chains, { beta: 1 } as any), TypeError);
  const noChains = generateSyntheticMarket(6, { days: 3, chains: false });
  assert.throws(() => buildSyntheticFeatures(noChains), /surface: false/);
});
