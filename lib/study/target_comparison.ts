/**
 * Alternative targets for the correction factor (DESIGN.md §1.1) on one side of the crude study, one chronological
 * split, the same features and network for every target: the pinball-loss **quantile** MLP (primary), the
 * **backtest-optimal** multiplier `m*_t` (the smallest multiplier whose breach rate over the forward window
 * `[t+1, t+W]` is at most `1 − τ`) regressed with MSE, and a **raise / keep / lower** classifier of `m*_t` against a
 * band of ± `actionBand` around the static multiplier, turned into a multiplier by ± `actionStep`. `m*_t` looks
 * `W + h` rows ahead, so the split purges `W + h` rows for every target. Test metrics (mean ± sd over seeds):
 * breach rate, Kupiec p, margin relative to static, pinball loss, mean |Δm|; for the classifier also accuracy,
 * macro-F1, the confusion matrix of the first seed, and the label oracle (the realised classes through the same
 * step rule). Nothing is chosen on the test period.
 * @module
 */
import { stability } from "../backtest/stability.ts";
import { classificationMetrics } from "../evaluation/classification_metrics.ts";
import { evaluateMultiplier, type EvaluateResult } from "../evaluation/evaluate.ts";
import { meanSd } from "../core/stats.ts";
import { actionClassifier, actionMultiplier } from "../models/action_classifier.ts";
import type { Forecaster } from "../models/forecaster.ts";
import { mlp } from "../models/mlp.ts";
import { staticMultiplier } from "../models/static_multiplier.ts";
import { actionLabels } from "../targets/action_label.ts";
import { backtestOptimalMultiplier } from "../targets/backtest_optimal_multiplier.ts";
import type { CrudeStudy } from "./crude_study.ts";
import { studyDataset } from "./dataset.ts";
import { type SplitDates, studySplit } from "./split.ts";
import type { NetworkParams, SplitParams, StudyParams } from "./study_params.ts";

/** The targets compared. */
export const TARGETS = ["quantile", "optimalMse", "action"] as const;
/** A target of the correction factor. */
export type Target = typeof TARGETS[number];
const METRIC_KEYS = [
  "breachRate",
  "exceptions",
  "kupiecP",
  "marginRatio",
  "avgMultiplier",
  "pinball",
  "meanAbsDm",
] as const;
/** Mean, sample sd and count over seeds. */
export type MeanSd = { mean: number; sd: number; n: number };

/** Parameters of {@link compareTargets}: the study's, the split's, the network's and the targets'. */
export interface TargetComparisonParams extends StudyParams, NetworkParams, Omit<SplitParams, "sides"> {
  /** Forward window W (rows) of the backtest-optimal multiplier. */
  optWindow: number;
  /** Half-width of the "keep" band around the static multiplier. */
  actionBand: number;
  /** Multiplier step of a raise or lower. */
  actionStep: number;
  seeds: number[];
}

/** Test metrics of one multiplier series. */
export type TargetEval = EvaluateResult & { meanAbsDm: number };
/** Mean ± sd over seeds of each test metric. */
export type TargetSummary = Record<typeof METRIC_KEYS[number], MeanSd>;

/** {@link compareTargets}'s result for one side. */
export interface TargetComparison {
  metrics: {
    nTrain: number;
    nValid: number;
    nTest: number;
    nTestLabelled: number;
    staticMultiplier: number;
    static: TargetEval;
    baselineHs: TargetEval;
    quantile: TargetSummary;
    optimalMse: TargetSummary;
    action: TargetSummary & {
      accuracy: MeanSd;
      macroF1: MeanSd;
      confusionSeed1: number[][];
      majorityAccuracy: number;
    };
    labelOracle: TargetEval;
    classCounts: { train: number[]; valid: number[]; test: number[] };
    optimalTarget: { trainMean: number; testMean: number };
  };
  /** Test dates, the static multiplier and each target's seed-mean multiplier (5 decimals). */
  series: { dates: readonly string[]; static: number[] } & Record<Target, number[]>;
  /** One point per target and seed: test breach rate and margin ratio (5 decimals). */
  points: { side: string; target: Target; seed: number; breachRate: number; marginRatio: number }[];
  /** Split design. */
  design: SplitDates & { purgeRows: number; nSeeds: number; nFeatures: number };
}

/**
 * Fit and evaluate the three targets on study `s` (one side), seed by seed.
 *
 * @throws {RangeError} when the split cannot be made, or the backtest-optimal target is undefined on a train or
 *   validation row (its forward window runs past the sample)
 * @example
 * ```ts
 * import { compareTargets } from "./target_comparison.ts";
 * import { buildCrudeStudy } from "./crude_study.ts";
 * import { crudeStudyOptions } from "./study_params.ts";
 * import { makeCrudePanel } from "../testing/crude_panel_fixture.ts";
 * const p = {
 *   mpor: 2, imTau: 0.99, lookback: 250, contractBbl: 1000, tau: 0.99, mMin: 0.8, mMax: 1.5, sampleEnd: "2016-12-31",
 *   features: ["rv_20d", "ewma_vol"], trainEnd: "2014-06-30", validFrom: "2013-07-01", testFrom: "2014-07-01",
 *   testTo: "2015-09-30", embargo: 2, optWindow: 50, actionBand: 0.1, actionStep: 0.15,
 *   netEpochs: 1, netBatch: 128, netLr: 0.003, netPatience: 1, mlpHidden: [4], seeds: [1],
 * };
 * const c = await compareTargets(buildCrudeStudy(makeCrudePanel(1500), crudeStudyOptions(p, "short")), p);
 * console.assert(c.points.length === 3 && c.design.purgeRows === 52);
 * ```
 */
export async function compareTargets(
  s: CrudeStudy,
  p: TargetComparisonParams,
  log: (msg: string) => void = () => {},
): Promise<TargetComparison> {
  const side = s.side;
  const horizon = p.optWindow + p.mpor;
  const bounds = { tau: p.tau, mMin: p.mMin, mMax: p.mMax };
  const net = { epochs: p.netEpochs, batchSize: p.netBatch, learningRate: p.netLr, patience: p.netPatience };
  const points: TargetComparison["points"] = [];
  const sp = studySplit(s.dates, p, horizon);
  const train = studyDataset(s, sp.train), valid = studyDataset(s, sp.valid), test = studyDataset(s, sp.test);
  const mStar = backtestOptimalMultiplier(s.r, { window: p.optWindow, ...bounds });
  const slice = (a: Float64Array, r: { start: number; end: number }) => a.slice(r.start, r.end);
  const optTrain = slice(mStar, sp.train), optValid = slice(mStar, sp.valid);
  for (const [name, a, r] of [["train", optTrain, sp.train], ["valid", optValid, sp.valid]] as const) {
    const bad = a.findIndex((v) => !Number.isFinite(v));
    if (bad >= 0) {
      throw new RangeError(
        `${side}: backtest-optimal target is undefined on ${name} row ${r.start + bad} (${s.dates[r.start + bad]}): ` +
          `the forward window of ${p.optWindow} rows runs past the sample`,
      );
    }
  }

  const stat = staticMultiplier({ ...bounds, seed: p.seeds[0] });
  await stat.fit(train, valid);
  const mStatic = stat.predict(test.x);
  const ref = mStatic[0];
  const labelsOf = (a: Float64Array) => actionLabels(a, { band: p.actionBand, reference: ref });
  const yTrain = labelsOf(optTrain), yValid = labelsOf(optValid);
  const loss = slice(s.loss, sp.test), im = slice(s.im, sp.test);
  const ev = (m: Float64Array): TargetEval => ({
    ...evaluateMultiplier({ loss, im, r: test.r, m, bench: mStatic, tau: p.tau }),
    meanAbsDm: stability(m).meanAbsChange,
  });
  const policy = { reference: ref, step: p.actionStep, mMin: p.mMin, mMax: p.mMax };
  // Realised classes on the test rows whose forward window is inside the sample (the last W rows have none).
  const optTest = slice(mStar, sp.test);
  const nLabelled = optTest.findIndex((v) => Number.isNaN(v));
  const yTest = labelsOf(optTest.slice(0, nLabelled < 0 ? optTest.length : nLabelled));

  const runs: Record<Target, TargetEval[]> = { quantile: [], optimalMse: [], action: [] };
  const cls: ReturnType<typeof classificationMetrics>[] = [];
  const mSum: Record<Target, Float64Array> = {
    quantile: new Float64Array(test.r.length),
    optimalMse: new Float64Array(test.r.length),
    action: new Float64Array(test.r.length),
  };
  for (const seed of p.seeds) {
    const fitPredict = async (f: Forecaster, tr: typeof train, va: typeof valid) => {
      await f.fit(tr, va);
      const m = f.predict(test.x);
      f.dispose();
      return m;
    };
    const mQ = await fitPredict(mlp({ ...bounds, ...net, seed, hidden: p.mlpHidden }), train, valid);
    const mO = await fitPredict(
      mlp({ ...bounds, ...net, seed, hidden: p.mlpHidden, objective: "mse" }),
      { ...train, r: optTrain },
      { ...valid, r: optValid },
    );
    const clf = actionClassifier({ ...net, seed, hidden: p.mlpHidden });
    await clf.fit({ x: train.x, d: train.d, y: yTrain }, { x: valid.x, d: valid.d, y: yValid });
    const pred = clf.predictClass(test.x);
    clf.dispose();
    const mA = actionMultiplier(pred, policy);
    cls.push(classificationMetrics(yTest, pred.subarray(0, yTest.length)));
    for (const [t, m] of [["quantile", mQ], ["optimalMse", mO], ["action", mA]] as const) {
      const e = ev(m);
      runs[t].push(e);
      for (let i = 0; i < m.length; i++) mSum[t][i] += m[i] / p.seeds.length;
      points.push({
        side,
        target: t,
        seed,
        breachRate: Math.round(e.breachRate * 1e5) / 1e5,
        marginRatio: Math.round(e.marginRatio * 1e5) / 1e5,
      });
    }
    const pct = (t: Target) => (runs[t].at(-1)!.breachRate * 100).toFixed(2);
    log(
      `${side} seed ${seed}: breach q ${pct("quantile")}% / mse ${pct("optimalMse")}% / action ${pct("action")}%, ` +
        `accuracy ${cls.at(-1)!.accuracy.toFixed(3)}`,
    );
  }
  const summary = (rs: TargetEval[]): TargetSummary => {
    const out = {} as TargetSummary;
    for (const k of METRIC_KEYS) out[k] = meanSd(rs.map((r) => r[k]));
    return out;
  };
  const counts = (y: Int8Array) => [0, 1, 2].map((k) => y.filter((v) => v === k).length);
  const testCounts = counts(yTest);
  const oracle = new Int8Array(test.r.length).fill(1);
  oracle.set(yTest);
  const r5 = (a: Float64Array) => Array.from(a, (v) => Math.round(v * 1e5) / 1e5);
  return {
    metrics: {
      nTrain: train.r.length,
      nValid: valid.r.length,
      nTest: test.r.length,
      nTestLabelled: yTest.length,
      staticMultiplier: ref,
      static: ev(mStatic),
      baselineHs: ev(new Float64Array(test.r.length).fill(1)),
      quantile: summary(runs.quantile),
      optimalMse: summary(runs.optimalMse),
      action: {
        ...summary(runs.action),
        accuracy: meanSd(cls.map((c) => c.accuracy)),
        macroF1: meanSd(cls.map((c) => c.macroF1)),
        confusionSeed1: cls[0].confusion,
        majorityAccuracy: Math.max(...testCounts) / yTest.length,
      },
      labelOracle: ev(actionMultiplier(oracle, policy)),
      classCounts: { train: counts(yTrain), valid: counts(yValid), test: testCounts },
      optimalTarget: {
        trainMean: meanSd(Array.from(optTrain)).mean,
        testMean: meanSd(Array.from(optTest.slice(0, yTest.length))).mean,
      },
    },
    series: {
      dates: test.dates,
      static: r5(mStatic),
      quantile: r5(mSum.quantile),
      optimalMse: r5(mSum.optimalMse),
      action: r5(mSum.action),
    },
    points,
    design: {
      trainFrom: train.dates[0],
      trainTo: train.dates.at(-1)!,
      validFrom: valid.dates[0],
      validTo: valid.dates.at(-1)!,
      testFrom: test.dates[0],
      testTo: test.dates.at(-1)!,
      purgeRows: horizon,
      nSeeds: p.seeds.length,
      nFeatures: p.features.length,
    },
  };
}
