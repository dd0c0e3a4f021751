import assert from "node:assert/strict";

const assertEquals = (a: unknown, b: unknown) => assert.deepStrictEqual(a, b);
function assertThrows(f: () => unknown, cls: typeof RangeError, msg: string): void {
  assert.throws(f, (e: unknown) => e instanceof cls && e.message.includes(msg));
}
import { makeCrudePanel, perturbAfter } from "../testing/crude_panel_fixture.ts";
import { buildCrudeStudy, type CrudeStudyOptions, EWMA_TO_IM } from "./crude_study.ts";

const OPTS: CrudeStudyOptions = {
  mpor: 2,
  imTau: 0.99,
  lookback: 50,
  contractBbl: 1000,
  side: "long",
  features: ["ret_scaled_1d", "rv_20d", "ewma_vol", "curve_slope", "ovx", "vix", EWMA_TO_IM],
};

Deno.test("buildCrudeStudy: shapes, ratio = loss / IM, IM > 0, short loss = −long loss", () => {
  const panel = makeCrudePanel(400, 3);
  const s = buildCrudeStudy(panel, OPTS);
  const n = s.dates.length;
  assert(n > 200, `sample has ${n} rows`);
  assertEquals(s.x.length, n * s.d);
  assertEquals(s.featureNames, OPTS.features);
  for (let i = 0; i < n; i++) {
    assert(s.im[i] > 0);
    assertEquals(s.r[i], s.loss[i] / s.im[i]);
  }
  for (const v of s.x) assert(Number.isFinite(v));
  const sh = buildCrudeStudy(panel, { ...OPTS, side: "short" });
  // Same dates where both exist; the loss flips sign.
  const k = sh.dates.indexOf(s.dates[10]);
  assert(k >= 0);
  assertEquals(sh.loss[k], -s.loss[10]);
});

Deno.test("buildCrudeStudy: no look-ahead — perturbing data after t leaves x_t and IM_t unchanged", () => {
  const panel = makeCrudePanel(400, 5);
  const s = buildCrudeStudy(panel, OPTS);
  for (const i of [5, 60, 150]) {
    const t = s.panelOffset + i;
    const p2 = perturbAfter(panel, t, 9);
    const s2 = buildCrudeStudy(p2, OPTS);
    const k = s2.dates.indexOf(s.dates[i]);
    assert(k >= 0, `${s.dates[i]} dropped from the perturbed sample`);
    for (let j = 0; j < s.d; j++) {
      assert(
        Object.is(s.x[i * s.d + j], s2.x[k * s2.d + j]),
        `${s.featureNames[j]} at ${s.dates[i]} changed: ${s.x[i * s.d + j]} vs ${s2.x[k * s2.d + j]}`,
      );
    }
    assert(Object.is(s.im[i], s2.im[k]), `IM at ${s.dates[i]} changed`);
    // The loss looks forward by design: it does change.
    assert(s.loss[i] !== s2.loss[k] || s.loss[i + 2] !== s2.loss[k + 2]);
  }
});

Deno.test("buildCrudeStudy: a NaN feature inside the sample is a RangeError naming date and feature", () => {
  const panel = makeCrudePanel(400, 7);
  const ovx = panel.columns.ovx.slice();
  ovx[300] = NaN;
  const bad = { ...panel, columns: { ...panel.columns, ovx } };
  assertThrows(() => buildCrudeStudy(bad, { ...OPTS, features: ["ovx", "rv_20d"] }), RangeError, "ovx");
});

Deno.test("buildCrudeStudy: bad options are RangeErrors before any work", () => {
  const panel = makeCrudePanel(300, 1);
  assertThrows(() => buildCrudeStudy(panel, { ...OPTS, mpor: 0 }), RangeError, "mpor");
  assertThrows(() => buildCrudeStudy(panel, { ...OPTS, imTau: 1.2 }), RangeError, "imTau");
  assertThrows(() => buildCrudeStudy(panel, { ...OPTS, lookback: 5 }), RangeError, "lookback");
  assertThrows(() => buildCrudeStudy(panel, { ...OPTS, features: [] }), RangeError, "features");
  assertThrows(() => buildCrudeStudy(panel, { ...OPTS, features: ["rv_20d", "rv_20d"] }), RangeError, "duplicates");
  assertThrows(() => buildCrudeStudy(panel, { ...OPTS, features: ["nope"] }), RangeError, "nope");
  assertThrows(
    () => buildCrudeStudy(panel, { ...OPTS, side: "flat" as unknown as "long" }),
    RangeError,
    "side",
  );
  // Lookback longer than the panel: no sample at all.
  assertThrows(() => buildCrudeStudy(makeCrudePanel(80, 1), { ...OPTS, lookback: 100 }), RangeError, "too short");
});
