import assert from "node:assert/strict";
import { positionCcpMargins, positionFolds, positionStudy } from "./position_study.ts";
import { buildPositionPanel } from "./position_panel.ts";
import { DEFAULT_POSITIONS } from "./position_definition.ts";
import { makePositionPanel } from "../testing/position_panel_fixture.ts";
import { businessDays } from "../market/synthetic_market.ts";

const OPTS = { mpor: 2, imTau: 0.99, lookback: 100, fhsLambda: 0.94, fhsBurnIn: 50 };
const SERIES = buildPositionPanel(makePositionPanel(900, 5), DEFAULT_POSITIONS, OPTS);

Deno.test("positionStudy: the feature rows of the series, ratio target loss / HS IM", () => {
  for (const s of SERIES) {
    const st = positionStudy(s), { start, end } = s.featureRows, F = s.features.names.length;
    assert.equal(st.dates.length, end - start);
    assert.equal(st.dates[0], s.dates[start]);
    assert.equal(st.x.length, st.dates.length * F);
    assert.ok(st.x.every((v) => Number.isFinite(v)), st.id);
    for (let i = 0; i < st.dates.length; i += 97) {
      assert.equal(st.r[i], s.loss[start + i] / s.hsIm[start + i]);
      assert.equal(st.fhs[i], s.fhsIm[start + i]);
      assert.equal(st.x[i * F + F - 1], s.features.values[(start + i) * F + F - 1]);
    }
    assert.equal(st.group, s.definition.group);
  }
});

Deno.test("positionCcpMargins: FHS is the series'; floors ≥ their base; the floor binds once its window is full", () => {
  for (const s of SERIES.slice(0, 3)) {
    const st = positionStudy(s), b = positionCcpMargins(s, st, { imTau: 0.99, floorLookback: 300 });
    assert.deepEqual(b.fhs, st.fhs);
    for (let i = 0; i < st.dates.length; i++) {
      assert.ok(b.flooredHs[i] >= st.im[i] && b.apcFloor[i] >= b.fhs[i], `${st.id} row ${i}`);
      assert.ok(b.apcBuffer[i] > 0 && b.apcStressWeight[i] > 0);
    }
    // the floor binds somewhere once the 300-row window is full
    assert.ok(b.flooredHs.some((v, i) => v > st.im[i]));
  }
  const s = SERIES[0];
  assert.throws(() => positionCcpMargins(s, positionStudy(s), { imTau: 0.99, floorLookback: 5 }), /floorLookback/);
});

Deno.test("positionFolds: full years with enough training rows only", () => {
  const dates = businessDays("2012-01-02", 2000); // to mid-2019
  const f = positionFolds({ dates }, {
    testYears: [2012, 2013, 2014, 2018, 2019],
    horizon: 2,
    embargo: 2,
    validShare: 0.2,
  });
  // 2012: no rows before; 2013: 250 rows before, fewer than 250 training rows after validation; 2019: not full
  assert.deepEqual(f.map((x) => x.id), [2014, 2018]);
  assert.equal(dates[f[1].split.test.start].slice(0, 4), "2018");
  assert.deepEqual(positionFolds({ dates }, { testYears: [2030], horizon: 2, embargo: 2, validShare: 0.2 }), []);
});
