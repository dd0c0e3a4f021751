import assert from "node:assert/strict";
import { buildCrudeFeatures } from "./crude_features.ts";
import { featureColumn, firstCompleteRow } from "./feature_frame.ts";
import { makeCrudePanel, perturbAfter, rowBitsEqual } from "../testing/crude_panel_fixture.ts";

const OPTS = { volWindows: [5, 20, 60, 120], drawdownWindow: 120 };

Deno.test("buildCrudeFeatures: no look-ahead — perturbing every series after t leaves rows ≤ t bitwise unchanged", () => {
  const panel = makeCrudePanel(400, 3);
  const base = buildCrudeFeatures(panel, OPTS);
  const F = base.names.length;
  for (const t of [0, 25, 60, 150, 199, 200, 201, 260, 330, 398]) {
    const pert = buildCrudeFeatures(perturbAfter(panel, t, 1000 + t), OPTS);
    assert.deepEqual(pert.names, base.names);
    for (let s = 0; s <= t; s++) {
      const diff = rowBitsEqual(base.values, pert.values, F, s);
      assert.equal(diff, null, `t=${t}, row ${s}: ${diff}`);
    }
    // The perturbation does reach later rows (the test has teeth).
    if (t < 398) assert.notEqual(rowBitsEqual(base.values, pert.values, F, t + 1), null);
  }
});

Deno.test("buildCrudeFeatures: names, meta, groups and default feature set", () => {
  const f = buildCrudeFeatures(makeCrudePanel(300, 1));
  const expected = [
    "level_scale",
    "ret_usd_1d",
    "ret_usd_5d",
    "ret_usd_20d",
    "ret_scaled_1d",
    "ret_scaled_5d",
    "ret_scaled_20d",
    "ret_log_1d",
    "ret_log_5d",
    "ret_log_20d",
    "rv_5d",
    "rv_20d",
    "rv_60d",
    "rv_250d",
    "ewma_vol",
    "jump_ratio_20d",
    "jump_flag",
    "drawdown_250d",
    "curve_slope",
    "curve_curvature",
    "roll_yield",
    "ovx",
    "ovx_chg_5d",
    "vix",
    "vix_chg_5d",
    "vix3m_vix",
    "skew",
    "ust3m",
    "ust10y",
    "term_spread",
    "fed_funds",
    "wti_brent",
  ];
  assert.deepEqual(f.names, expected);
  assert.equal(f.values.length, 300 * expected.length);
  for (const n of f.names) {
    assert.ok(f.meta[n].description.length > 5, n);
    assert.ok(["historical", "forward"].includes(f.meta[n].group));
    assert.ok(f.meta[n].lookback >= 1);
  }
  assert.equal(f.meta.ovx.group, "forward");
  assert.equal(f.meta.rv_20d.group, "historical");
  // rv_250d (lookback 270 rows: 250 returns + the 20-day level window) is the last to start.
  assert.equal(firstCompleteRow(f), 269);
});

Deno.test("buildCrudeFeatures: series lives and negative prices", () => {
  const p = makeCrudePanel(400, 2);
  const f = buildCrudeFeatures(p, OPTS);
  const ovx = featureColumn(f, "ovx"), chg = featureColumn(f, "ovx_chg_5d"), skew = featureColumn(f, "skew");
  assert.ok(Number.isNaN(ovx[49]) && ovx[50] === p.columns.ovx[50]);
  assert.ok(Number.isNaN(chg[54]) && Number.isFinite(chg[55]));
  assert.ok(Number.isFinite(skew[380]) && Number.isNaN(skew[381]));
  // Around the negative prints (rows 200–202) every futures feature stays finite.
  for (const n of ["ret_usd_1d", "ret_scaled_1d", "ret_log_1d", "rv_20d", "ewma_vol", "curve_slope", "roll_yield"]) {
    const x = featureColumn(f, n);
    for (let t = 199; t <= 204; t++) assert.ok(Number.isFinite(x[t]), `${n}[${t}] = ${x[t]}`);
  }
  // Log return falls back to the scaled return where a price is ≤ 0.
  const lr = featureColumn(f, "ret_log_1d"), sr = featureColumn(f, "ret_scaled_1d");
  assert.equal(lr[200], sr[200]);
  assert.equal(lr[150], Math.log(p.columns.cl1[150] / p.columns.cl1[149]));
  assert.equal(featureColumn(f, "term_spread")[10], p.columns.ust10y[10] - p.columns.ust3m[10]);
  assert.equal(featureColumn(f, "wti_brent")[10], p.columns.wti_spot[10] - p.columns.brent_spot[10]);
  assert.equal(featureColumn(f, "vix3m_vix")[40], p.columns.vix3m[40] / p.columns.vix[40]);
});

Deno.test("buildCrudeFeatures: bad input is reported with column, date and value", () => {
  const p = makeCrudePanel(120, 4);
  p.columns.cl2[60] = NaN;
  assert.throws(() => buildCrudeFeatures(p), (e: unknown) => {
    assert.ok(e instanceof RangeError);
    assert.match(e.message, /"cl2"/);
    assert.match(e.message, new RegExp(p.dates[60]));
    assert.match(e.message, /NaN/);
    return true;
  });
  const q = makeCrudePanel(120, 4);
  q.columns.vix[70] = Infinity;
  assert.throws(() => buildCrudeFeatures(q), /"vix".*Infinity/);
  const r = makeCrudePanel(120, 4);
  r.dates[50] = r.dates[49];
  assert.throws(() => buildCrudeFeatures(r), /strictly increasing/);
  const s = makeCrudePanel(120, 4);
  delete s.columns.skew;
  assert.throws(() => buildCrudeFeatures(s), TypeError);
  // deno-lint-ignore no-explicit-any
  assert.throws(() => buildCrudeFeatures(makeCrudePanel(120, 4), { lambda: 0.9 } as any), TypeError);
  assert.throws(() => buildCrudeFeatures(makeCrudePanel(120, 4), { ewmaLambda: 1 }), /ewmaLambda/);
});

Deno.test("buildCrudeFeatures on the real panel: cutting the data two sessions after t leaves row t unchanged", async () => {
  // Issue 13 §6: with roll flags from a month scan, 36 of 135 sampled rows changed when the panel was cut at t + 2.
  const { loadCrudePanel } = await import("../data/load.ts");
  const { panelUntil } = await import("../data/panel_until.ts");
  const { createPrng } = await import("../core/prng.ts");
  const { panel: all } = await loadCrudePanel(".");
  const panel = panelUntil(all, "2022-02-15"); // the futures' life
  const full = buildCrudeFeatures(panel), F = full.names.length, n = panel.dates.length;
  const rng = createPrng(13);
  let changed = 0;
  for (let k = 0; k < 135; k++) {
    const t = 300 + Math.floor(rng.next() * (n - 303));
    const cut = buildCrudeFeatures(panelUntil(panel, panel.dates[t + 2]));
    if (rowBitsEqual(full.values, cut.values, F, t) !== null) changed++;
  }
  assert.equal(changed, 0);
});
