/**
 * e10 — alternative targets for the correction factor (docs/architecture.md §1.1). One
 * chronological split of the real crude track (built by `lib/study`), both
 * sides, the same features and network for every target:
 *
 * - **quantile** (primary): the MLP learns the conditional τ-quantile of the
 *   ratio `r_t = L_{t,t+h} / IM_t` with the pinball loss;
 * - **backtest-optimal (MSE)**: the MLP regresses, with squared error, the
 *   backtest-optimal multiplier `m*_t` = the smallest multiplier whose breach
 *   rate over the forward window `[t+1, t+W]` is at most `1 − τ`;
 * - **raise / keep / lower**: a classifier learns whether `m*_t` lies above,
 *   within or below a band of ± `actionBand` around the static multiplier,
 *   and the predicted class moves the multiplier by ± `actionStep` from it.
 *
 * `m*_t` looks `W + h` rows ahead, so the split purges `W + h` rows between
 * train, validation and test (for every target, so the comparison is fair).
 * The static multiplier (the in-sample τ-quantile of `r`) is the benchmark
 * and the classifier's reference. Test metrics: breach rate, Kupiec p,
 * margin relative to the static margin, pinball loss, mean |Δm|; for the
 * classifier also accuracy, macro-F1 and the confusion matrix against the
 * test period's realised classes, and the "label oracle" (the realised
 * classes through the same step rule) as the best a perfect classifier could
 * do. Mean ± sd over seeds. Nothing is chosen on the test period: `W`, the
 * band and the step are fixed parameters.
 * @module
 */
import { runStage } from "../../../lib/pipeline/harness.ts";
import { panelFromCsv } from "../../../lib/data/mod.ts";
import { stability } from "../../../lib/backtest/mod.ts";
import { actionClassifier, actionMultiplier, type Forecaster, mlp, staticMultiplier } from "../../../lib/models/mod.ts";
import { actionLabels, backtestOptimalMultiplier } from "../../../lib/targets/mod.ts";
import {
  buildCrudeStudy,
  checkStudyParams,
  chronologicalSplit,
  crudeStudyOptions,
  NETWORK_SCHEMA,
  type NetworkParams,
  SPLIT_SCHEMA,
  type SplitParams,
  STUDY_SCHEMA,
  studyDataset,
  type StudyParams,
  type StudySide,
} from "../../../lib/study/mod.ts";
import { evaluateMultiplier } from "../../../lib/evaluation/mod.ts";
import { meanSd } from "../../../lib/core/stats.ts";
import { panelUntil } from "../../../lib/data/mod.ts";

interface Params extends StudyParams, NetworkParams, SplitParams {
  optWindow: number;
  actionBand: number;
  actionStep: number;
  seeds: number[];
}

const TARGETS = ["quantile", "optimalMse", "action"] as const;
type Target = typeof TARGETS[number];
const METRIC_KEYS = ["breachRate", "exceptions", "kupiecP", "marginRatio", "avgMultiplier", "pinball", "meanAbsDm"];

/** Accuracy, macro-F1 and the confusion matrix (rows: realised class, columns: predicted). */
function classification(y: Int8Array, pred: Int8Array) {
  const cm = [[0, 0, 0], [0, 0, 0], [0, 0, 0]];
  for (let i = 0; i < y.length; i++) cm[y[i]][pred[i]]++;
  let hit = 0, f1 = 0, present = 0;
  for (let k = 0; k < 3; k++) {
    hit += cm[k][k];
    const tp = cm[k][k], fn = cm[k].reduce((a, b) => a + b, 0) - tp;
    const fp = cm.reduce((a, row) => a + row[k], 0) - tp;
    if (tp + fn === 0) continue;
    present++;
    f1 += tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn);
  }
  return { accuracy: hit / y.length, macroF1: f1 / present, confusion: cm };
}

await runStage<Params>(import.meta.url, {
  schema: {
    ...STUDY_SCHEMA,
    ...SPLIT_SCHEMA,
    ...NETWORK_SCHEMA,
    optWindow: { type: "integer", min: 20, max: 500 },
    actionBand: { type: "number", min: 0, max: 0.5 },
    actionStep: { type: "number", min: 0, max: 0.5 },
    seeds: { type: "integer[]", min: 0, minLength: 1 },
  },
  async run(ctx) {
    const p = ctx.params;
    if (p.confidence !== p.tau) throw new RangeError(`params: confidence (${p.confidence}) must equal tau (${p.tau})`);
    checkStudyParams(p);
    const t0 = performance.now();
    const panelPath = await ctx.upstream("d01_panel", "crude_panel.csv");
    const panel = panelUntil(
      panelFromCsv(await Deno.readTextFile(panelPath), "data/derived/crude_panel.csv"),
      p.sampleEnd,
    );
    const horizon = p.optWindow + p.mpor;
    const bounds = { tau: p.tau, mMin: p.mMin, mMax: p.mMax };
    const net = { epochs: p.netEpochs, batchSize: p.netBatch, learningRate: p.netLr, patience: p.netPatience };
    const metrics: Record<string, unknown> = {};
    const series: Record<string, unknown> = {};
    const points: Record<string, unknown>[] = [];

    for (const side of p.sides as StudySide[]) {
      const s = buildCrudeStudy(panel, crudeStudyOptions(p, side));
      const sp = chronologicalSplit(s.dates, {
        trainEnd: p.trainEnd,
        validFrom: p.validFrom,
        validShare: 0.5,
        horizon,
        embargo: p.embargo,
        testFrom: p.testFrom,
        testTo: p.testTo,
        minTrain: 500,
        minValid: 100,
        minTest: 250,
      });
      const train = studyDataset(s, sp.train), valid = studyDataset(s, sp.valid), test = studyDataset(s, sp.test);
      const mStar = backtestOptimalMultiplier(s.r, { window: p.optWindow, ...bounds });
      const slice = (a: Float64Array, r: { start: number; end: number }) => a.slice(r.start, r.end);
      const optTrain = slice(mStar, sp.train), optValid = slice(mStar, sp.valid);
      for (const [name, a, r] of [["train", optTrain, sp.train], ["valid", optValid, sp.valid]] as const) {
        const bad = a.findIndex((v) => !Number.isFinite(v));
        if (bad >= 0) {
          throw new RangeError(
            `${side}: backtest-optimal target is undefined on ${name} row ${r.start + bad} (${
              s.dates[r.start + bad]
            }): ` +
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
      const ev = (m: Float64Array) => ({
        ...evaluateMultiplier({ loss, im, r: test.r, m, bench: mStatic, tau: p.tau }),
        meanAbsDm: stability(m).meanAbsChange,
      });
      const policy = { reference: ref, step: p.actionStep, mMin: p.mMin, mMax: p.mMax };
      // Realised classes on the test rows whose forward window is inside the sample (the last W rows have none).
      const optTest = slice(mStar, sp.test);
      const nLabelled = optTest.findIndex((v) => Number.isNaN(v));
      const yTest = labelsOf(optTest.slice(0, nLabelled < 0 ? optTest.length : nLabelled));

      const runs: Record<Target, Record<string, number>[]> = { quantile: [], optimalMse: [], action: [] };
      const cls: ReturnType<typeof classification>[] = [];
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
        cls.push(classification(yTest, pred.subarray(0, yTest.length)));
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
        ctx.log(
          `${side} seed ${seed}: breach q ${(runs.quantile.at(-1)!.breachRate * 100).toFixed(2)}% / mse ${
            (runs.optimalMse.at(-1)!.breachRate * 100).toFixed(2)
          }% / action ${(runs.action.at(-1)!.breachRate * 100).toFixed(2)}%, accuracy ${
            cls.at(-1)!.accuracy.toFixed(3)
          }`,
        );
      }
      const summary = (rs: Record<string, number>[]) =>
        Object.fromEntries(METRIC_KEYS.map((k) => [k, meanSd(rs.map((r) => r[k]))]));
      const counts = (y: Int8Array) => [0, 1, 2].map((k) => y.filter((v) => v === k).length);
      const testCounts = counts(yTest);
      const oracle = new Int8Array(test.r.length).fill(1);
      oracle.set(yTest);
      metrics[side] = {
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
      };
      series[side] = {
        dates: test.dates,
        static: Array.from(mStatic, (v) => Math.round(v * 1e5) / 1e5),
        ...Object.fromEntries(TARGETS.map((t) => [t, Array.from(mSum[t], (v) => Math.round(v * 1e5) / 1e5)])),
      };
      metrics.design ??= {
        trainFrom: train.dates[0],
        trainTo: train.dates.at(-1),
        validFrom: valid.dates[0],
        validTo: valid.dates.at(-1),
        testFrom: test.dates[0],
        testTo: test.dates.at(-1),
        purgeRows: horizon,
        nSeeds: p.seeds.length,
        nFeatures: p.features.length,
      };
    }
    ctx.log(`done in ${((performance.now() - t0) / 1000).toFixed(0)}s`);
    return {
      [`metrics.${ctx.profile}.json`]: metrics,
      [`series.${ctx.profile}.json`]: { ...series, points },
    };
  },
});
