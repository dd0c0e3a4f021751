/**
 * Fits of one {@link Setting} of the sensitivity grid on one chronological
 * split of the real track: the static benchmark (first seed) and the MLP
 * (every seed) on the setting's study (its τ as the HS VaR level `imTau`, its h
 * and lookback), evaluated on the test rows against that setting's static
 * margin. Studies and splits are built once per (side, h, lookback, τ).
 *
 * @example
 * ```ts
 * import { settingFitter } from "./setting_fitter.ts";
 * import { sensitivitySettings } from "./sensitivity_settings.ts";
 * import { makeCrudePanel } from "../testing/crude_panel_fixture.ts"; // a small synthetic crude panel (2010–2012)
 * const p = { mpor: 2, imTau: 0.99, lookback: 50, contractBbl: 1000, tau: 0.99, mMin: 0.8, mMax: 1.5,
 *   sampleEnd: "2013-01-01", features: ["rv_20d", "vix"], forwardFeatures: ["vix"], seeds: [1],
 *   trainEnd: "2011-09-30", validFrom: "2011-05-02", testFrom: "2011-10-03", testTo: "2012-12-31", embargo: 2,
 *   netEpochs: 1, netBatch: 64, netLr: 0.01, netPatience: 1, mlpHidden: [4] };
 * const [base] = sensitivitySettings({ ...p, hiddenGrid: [], lrGrid: [], tauGrid: [], mporGrid: [], mMinGrid: [],
 *   mMaxGrid: [], lookbackGrid: [] });
 * const fit = await settingFitter(makeCrudePanel(800, 1), p, { minTrain: 100, minValid: 50, minTest: 100 })(
 *   "long", base);
 * console.assert(fit.staticRun.test.marginRatio === 1 && fit.runs.length === 1);
 * ```
 * @module
 */
import type { Panel } from "../data/panel.ts";
import { evaluateMultiplier, type EvaluateResult } from "../evaluation/evaluate.ts";
import { buildCrudeStudy, type CrudeStudy, type StudySide } from "./crude_study.ts";
import { studyDataset } from "./dataset.ts";
import { makeModel } from "./model_factory.ts";
import type { Setting } from "./sensitivity_settings.ts";
import { type Split, studySplit } from "./split.ts";
import { crudeStudyOptions, type NetworkParams, type SplitParams, type StudyParams } from "./study_params.ts";

/** One fitted model of a setting: test evaluation, validation pinball loss and test multipliers. */
export interface SettingRun {
  test: EvaluateResult;
  validPinball: number;
  m: Float64Array;
}

/** The fits of one setting on one side. */
export interface SettingFit {
  /** The MLP, one run per seed. */
  runs: SettingRun[];
  staticRun: SettingRun;
  /** The HS baseline (m = 1) against the static margin. */
  baseline: EvaluateResult;
  /** Test ratio target. */
  r: Float64Array;
  dates: { train: [string, string]; test: [string, string] };
  n: { train: number; valid: number; test: number };
  validDates: [string, string];
}

/** Parameters of {@link settingFitter}. */
export type SettingFitterParams = StudyParams & NetworkParams & Omit<SplitParams, "sides"> & {
  forwardFeatures: readonly string[];
  seeds: readonly number[];
};

/** Fewest rows per split (defaults: 500 train, 100 validation, 250 test). */
export interface SettingSplitMinimums {
  minTrain: number;
  minValid: number;
  minTest: number;
}

/**
 * A function fitting a setting on a side of `panel` (features: all of `p.features`, or without
 * `p.forwardFeatures` when the setting's `forward` is false).
 *
 * @throws {RangeError} from the study or the split (too few rows, bad dates)
 * @example
 * ```ts
 * import { settingFitter } from "./setting_fitter.ts";
 * import { makeCrudePanel } from "../testing/crude_panel_fixture.ts";
 * const fitter = settingFitter(makeCrudePanel(400, 1), {
 *   mpor: 2, imTau: 0.99, lookback: 50, contractBbl: 1000, tau: 0.99, mMin: 0.8, mMax: 1.5,
 *   sampleEnd: "2013-01-01", features: ["rv_20d"], forwardFeatures: [], seeds: [1], trainEnd: "2010-12-31",
 *   validFrom: "2010-10-01", testFrom: "2011-01-03", testTo: "2011-06-30", embargo: 2, netEpochs: 1,
 *   netBatch: 64, netLr: 0.01, netPatience: 1, mlpHidden: [2] });
 * console.assert(typeof fitter === "function");
 * ```
 */
export function settingFitter(
  panel: Panel,
  p: SettingFitterParams,
  mins: SettingSplitMinimums = { minTrain: 500, minValid: 100, minTest: 250 },
): (side: StudySide, st: Setting) => Promise<SettingFit> {
  const histFeatures = p.features.filter((f) => !p.forwardFeatures.includes(f));
  const studies = new Map<string, { s: CrudeStudy; sp: Split }>();
  const studyOf = (side: StudySide, st: Setting) => {
    const k = `${side}|${st.mpor}|${st.lookback}|${st.tau}`;
    if (!studies.has(k)) {
      const s = buildCrudeStudy(
        panel,
        crudeStudyOptions({ ...p, mpor: st.mpor, imTau: st.tau, lookback: st.lookback }, side),
      );
      const sp = studySplit(s.dates, p, st.mpor, mins);
      studies.set(k, { s, sp });
    }
    return studies.get(k)!;
  };
  return async (side, st) => {
    const { s, sp } = studyOf(side, st);
    const names = st.forward ? p.features : histFeatures;
    const train = studyDataset(s, sp.train, names), valid = studyDataset(s, sp.valid, names);
    const test = studyDataset(s, sp.test, names);
    const mp = { ...p, tau: st.tau, mMin: st.mMin, mMax: st.mMax, mlpHidden: st.hidden, netLr: st.lr };
    const stat = makeModel("static", mp, p.seeds[0]);
    const statRep = await stat.fit(train, valid);
    const mS = stat.predict(test.x);
    const loss = s.loss.slice(sp.test.start, sp.test.end), im = s.im.slice(sp.test.start, sp.test.end);
    const ev = (m: Float64Array) => evaluateMultiplier({ loss, im, r: test.r, m, bench: mS, tau: st.tau });
    const ones = new Float64Array(mS.length).fill(1);
    const runs: SettingRun[] = [];
    for (const seed of p.seeds) {
      const net = makeModel("mlp", mp, seed);
      const rep = await net.fit(train, valid);
      const m = net.predict(test.x);
      net.dispose();
      runs.push({ test: ev(m), validPinball: rep.validPinball, m });
    }
    return {
      runs,
      staticRun: { test: ev(mS), validPinball: statRep.validPinball, m: mS },
      baseline: ev(ones),
      r: test.r,
      dates: {
        train: [s.dates[sp.train.start], s.dates[sp.train.end - 1]],
        test: [test.dates[0], test.dates[test.dates.length - 1]],
      },
      n: { train: train.r.length, valid: valid.r.length, test: test.r.length },
      validDates: [valid.dates[0], valid.dates[valid.dates.length - 1]],
    };
  };
}
