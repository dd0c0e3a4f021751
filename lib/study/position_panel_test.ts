import assert from "node:assert/strict";
import { buildPositionPanel, type PositionPanelOptions, type PositionSeries, positionSpans } from "./position_panel.ts";
import { DEFAULT_POSITIONS, type PositionDefinition } from "./position_definition.ts";
import { buildCrudeStudy } from "./crude_study.ts";
import { ccpMargins } from "./margin_rules.ts";
import { clLastTradingDays } from "../market/cl_roll.ts";
import { makePositionPanel } from "../testing/position_panel_fixture.ts";
import { loadPositionPanel } from "../data/position_panel_sources.ts";
import type { Panel } from "../data/panel.ts";

const OPTS: PositionPanelOptions = { mpor: 2, imTau: 0.99, lookback: 100, fhsLambda: 0.94, fhsBurnIn: 50 };
const PANEL = makePositionPanel(700, 7);

const sameBits = (a: number, b: number) => Object.is(a, b) || (Number.isNaN(a) && Number.isNaN(b));

function rowsOf(s: PositionSeries, date: string): number {
  return s.dates.indexOf(date);
}

Deno.test("position panel: every default position is built, IM > 0, loss = −pnl h rows later, spans nest", () => {
  const all = buildPositionPanel(PANEL, DEFAULT_POSITIONS, OPTS);
  assert.equal(all.length, 14);
  for (const s of all) {
    const n = s.dates.length, id = s.definition.id;
    assert.ok(n > 300, `${id}: ${n} rows`);
    for (const x of [s.pnl, s.loss, s.hsIm, s.fhsIm]) assert.equal(x.length, n);
    assert.ok(s.hsIm.every((v) => v > 0) && s.fhsIm.every((v) => v > 0), id);
    for (let i = 0; i + 2 < n; i++) assert.equal(s.loss[i], -s.pnl[i + 2], `${id} row ${i}`);
    assert.deepEqual(s.features.dates, s.dates);
    assert.deepEqual(s.features.names, [...s.historyFeatures, ...s.forwardFeatures]);
    const { start, end } = s.featureRows, F = s.features.names.length;
    assert.ok(end > start, id);
    for (let i = start; i < end; i++) {
      for (let j = 0; j < F; j++) assert.ok(Number.isFinite(s.features.values[i * F + j]));
    }
    for (const j of s.forwardFeatures) assert.equal(s.features.meta[j].group, "forward");
  }
  const fwd = Object.fromEntries(all.map((s) => [s.definition.id, s.forwardFeatures.join()]));
  assert.equal(fwd.cl2_long, "ovx,ovx_chg_5d,curve_slope,curve_curvature,roll_yield");
  assert.equal(fwd.cl1_cl4_long, fwd.cl2_long);
  assert.equal(fwd.wti_spot_long, "ovx,ovx_chg_5d");
  assert.equal(fwd.hh_spot_long, "");
  assert.equal(fwd.ust10y_short, "yield_level,yield_chg_5d,slope_2s10s,slope_10s30s,curvature_2s10s30s");
  const spans = positionSpans(all);
  assert.ok(spans.every((x) => x.featureFirst >= x.first && x.featureLast <= x.last && x.rows > 0));
});

Deno.test("position panel: the front-month position of 1000 bbl is the core study's HS IM, loss and FHS bit for bit", () => {
  const def: PositionDefinition = {
    id: "cl1",
    group: "oil-futures",
    side: "short",
    quantity: 1000,
    description: "",
    legs: [{ instrument: "cl1", weight: 1 }],
  };
  const [s] = buildPositionPanel(PANEL, [def], OPTS);
  const o = { mpor: 2, imTau: 0.99, lookback: 100, contractBbl: 1000 };
  const study = buildCrudeStudy(PANEL, { ...o, side: "short", features: ["rv_20d", "ovx"] });
  const ccp = ccpMargins(PANEL, study, { ...o, floorLookback: 200, fhsLambda: 0.94, fhsBurnIn: 50 });
  assert.ok(study.dates.length > 300);
  study.dates.forEach((d, j) => {
    const i = rowsOf(s, d);
    assert.ok(i >= 0, d);
    assert.ok(Object.is(s.hsIm[i], study.im[j]), `HS ${d}: ${s.hsIm[i]} vs ${study.im[j]}`);
    assert.ok(Object.is(s.loss[i], study.loss[j]), `loss ${d}`);
    assert.ok(Object.is(s.fhsIm[i], ccp.fhs[j]), `FHS ${d}: ${s.fhsIm[i]} vs ${ccp.fhs[j]}`);
  });
});

Deno.test("position panel: IM and loss are homogeneous in the quantity, features are per unit", () => {
  const base = DEFAULT_POSITIONS.filter((_, i) => i % 3 === 0); // one of each kind of leg
  const one = buildPositionPanel(PANEL, base, OPTS);
  const two = buildPositionPanel(PANEL, base.map((d) => ({ ...d, quantity: 2 })), OPTS);
  const three = buildPositionPanel(PANEL, base.map((d) => ({ ...d, quantity: 3 })), OPTS);
  one.forEach((a, k) => {
    const b = two[k], c = three[k], id = a.definition.id;
    assert.deepEqual(b.dates, a.dates);
    assert.deepEqual(b.features.values, a.features.values);
    for (const key of ["hsIm", "fhsIm", "loss", "pnl"] as const) {
      a[key].forEach((v, i) => {
        assert.equal(b[key][i], 2 * v, `${id} ${key} row ${i}: a power of two scales exactly`);
        assert.ok(Math.abs(c[key][i] - 3 * v) <= 1e-12 * Math.abs(3 * v) + 1e-15, `${id} ${key} row ${i}`);
      });
    }
  });
});

Deno.test("position panel: long and short losses are exact negatives; each side's IM covers its own tail", () => {
  for (const d of DEFAULT_POSITIONS.filter((_, i) => i % 2 === 1)) {
    const flip = { ...d, id: `${d.id}_flip`, side: d.side === "long" ? "short" : "long" } as PositionDefinition;
    const [a, b] = buildPositionPanel(PANEL, [d, flip], OPTS);
    assert.deepEqual(b.dates, a.dates);
    a.loss.forEach((v, i) => assert.ok(b.loss[i] === -v, `${d.id} row ${i}`));
    a.pnl.forEach((v, i) => assert.ok(b.pnl[i] === -v));
    assert.ok(a.hsIm.some((v, i) => v !== b.hsIm[i]), `${d.id}: the two tails differ`);
    const F = a.features.names.length;
    a.historyFeatures.forEach((name, j) => {
      if (!name.startsWith("rv_") && name !== "ewma_vol") return;
      for (let i = 0; i < a.dates.length; i++) {
        assert.ok(sameBits(a.features.values[i * F + j], b.features.values[i * F + j]));
      }
    });
  }
});

function cutPanel(p: Panel, last: number): Panel {
  return {
    ...p,
    dates: p.dates.slice(0, last + 1),
    columns: Object.fromEntries(Object.entries(p.columns).map(([k, v]) => [k, v.slice(0, last + 1)])),
  };
}

Deno.test("position panel: no look-ahead — cutting the panel after t leaves features and IM at t bit for bit", () => {
  const full = buildPositionPanel(PANEL, DEFAULT_POSITIONS, OPTS);
  const ltd = clLastTradingDays(PANEL.dates);
  // cuts mid-month and at a month end, with the exchange calendar's last trading days (known in advance; inferred
  // from the cut panel's own dates, the last month would have no flag)
  for (const cut of [430, 555, PANEL.dates.indexOf("2011-12-30")]) {
    const part = buildPositionPanel(cutPanel(PANEL, cut), DEFAULT_POSITIONS, {
      ...OPTS,
      lastTradingDay: ltd.slice(0, cut + 1),
    });
    part.forEach((p, k) => {
      const f = full[k], id = p.definition.id, F = f.features.names.length;
      assert.equal(p.dates[0], f.dates[0], id);
      assert.equal(p.dates[p.dates.length - 1], PANEL.dates[cut - 2], `${id}: the last label needs t + h ≤ cut`);
      p.dates.forEach((d, i) => {
        const j = rowsOf(f, d);
        assert.ok(Object.is(p.hsIm[i], f.hsIm[j]) && Object.is(p.fhsIm[i], f.fhsIm[j]), `${id} IM on ${d}`);
        assert.ok(Object.is(p.pnl[i], f.pnl[j]) && Object.is(p.loss[i], f.loss[j]), `${id} P&L on ${d}`);
        for (let c = 0; c < F; c++) {
          assert.ok(
            sameBits(p.features.values[i * F + c], f.features.values[j * F + c]),
            `${id} ${f.features.names[c]} ${d}`,
          );
        }
      });
    });
  }
});

Deno.test("position panel: bad input is an error naming the series, date and value", () => {
  const set = (col: string, row: number, v: number): Panel => {
    const x = PANEL.columns[col].slice();
    x[row] = v;
    return { ...PANEL, columns: { ...PANEL.columns, [col]: x } };
  };
  const P = DEFAULT_POSITIONS;
  const d = (row: number) => PANEL.dates[row];
  assert.throws(
    () => buildPositionPanel(set("cl3", 300, NaN), P, OPTS),
    new RegExp(`column "cl3": value NaN on ${d(300)} \\(row 300\\) inside the series' life`),
  );
  assert.throws(
    () => buildPositionPanel(set("brent_spot", 310, -1.5), P, OPTS),
    new RegExp(`"brent_spot" is -1.5 on ${d(310)} \\(row 310\\); a brent_spot price ≤ 0 is not possible`),
  );
  assert.throws(
    () => buildPositionPanel(set("ust30y", 320, NaN), P, OPTS),
    new RegExp(`"ust30y": value NaN on ${d(320)}`),
  );
  assert.throws(
    () => buildPositionPanel(set("ovx", 400, Infinity), P, OPTS),
    new RegExp(`column "ovx": non-finite value Infinity on ${d(400)}`),
  );
  const holed = {
    ...PANEL,
    dates: PANEL.dates.map((x, i) => (i >= 500 ? String(Number(x.slice(0, 4)) + 1) + x.slice(4) : x)),
  };
  assert.throws(
    () => buildPositionPanel(holed, P, OPTS),
    new RegExp(`panel: \\d+ calendar days between ${d(499)} and ${holed.dates[500]} .* a hole in the calendar`),
  );
  assert.throws(
    () => buildPositionPanel(PANEL, P, { ...OPTS, lookback: 5 }),
    /lookback must be an integer >= 20, got 5/,
  );
  assert.throws(() => buildPositionPanel(PANEL, P, { ...OPTS, imTau: 1 }), /imTau must be in \(0.5, 1\), got 1/);
  assert.throws(
    () => buildPositionPanel(PANEL, [{ ...P[0], from: "2030-01-01" }], OPTS),
    /no date in \[2030-01-01, 9999-12-31\]/,
  );
  assert.throws(
    () => buildPositionPanel(PANEL, P, { ...OPTS, lastTradingDay: [1] }),
    /lastTradingDay has 1 flags for 700 dates/,
  );
});

// Uses the vendored files under data/raw (read-only): the panel of issue 14 §1 on the real data.
Deno.test("position panel end to end on the real data: 14 positions with their date spans", async () => {
  const { panel } = await loadPositionPanel(".");
  const all = buildPositionPanel(panel, DEFAULT_POSITIONS, { ...OPTS, lookback: 250, fhsBurnIn: 250 });
  const spans = Object.fromEntries(positionSpans(all).map((s) => [s.id, s]));
  assert.ok(all.length >= 10);
  for (const id of ["cl1_long", "cl4_long", "cl1_cl2_long", "cl2_cl3_short"]) {
    assert.equal(spans[id].last, "2022-02-11", id); // the futures end 2022-02-15, the last label needs t + 2
    assert.equal(spans[id].featureFirst, "2007-05-17", id); // OVX starts 2007-05-10, its 5-day change a week later
  }
  for (const id of ["wti_spot_long", "brent_spot_short", "hh_spot_long"]) {
    assert.equal(spans[id].last, "2026-08-14", id);
  }
  assert.equal(spans.wti_spot_long.featureLast, "2026-03-26"); // OVX ends there
  assert.equal(spans.hh_spot_long.featureLast, "2026-08-14"); // no forward feature for Henry Hub
  for (const id of ["ust2y_long", "ust10y_short", "ust30y_long"]) {
    assert.equal(spans[id].last, "2026-02-18", id); // FRED's yields end 2026-02-20
    assert.equal(spans[id].first, "1987-01-05", id); // the panel starts 1986-01-02; HS lookback + FHS burn-in
  }
  // WTI's negative settlement: the front month's loss over 2020-04-17 → 2020-04-21 is finite and huge
  const cl1 = all[0], i = cl1.dates.indexOf("2020-04-16");
  assert.ok(cl1.loss[i] > 30, `${cl1.loss[i]}`);
  // a 99% VaR breaches about 1% of the days (2% at most) on every position
  for (const s of all) {
    const rate = s.loss.filter((v, j) => v > s.hsIm[j]).length / s.loss.length;
    assert.ok(rate > 0.005 && rate < 0.025, `${s.definition.id}: HS breach rate ${rate}`);
  }
});
