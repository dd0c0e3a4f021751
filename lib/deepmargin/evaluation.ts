/**
 * Evaluation of the DeepMargin study against the SPAN 2-like reference: USD
 * error statistics ({@link errStats}: median, p95 and mean absolute error,
 * MAPE above a floor) of SPAN-like alone, SPAN-like with one constant δ (the
 * median training `y`), the MLP and the transformer (per seed, mean over
 * seeds, seed ensemble), on the in-sample test and out-of-time sets, without
 * zero-margin portfolios, by portfolio size, on unseen sizes (a model trained
 * on small portfolios only), the implied δ; and the figure series (a seeded
 * scatter sample and error histograms).
 *
 * @example
 * ```ts
 * import { errStats } from "./evaluation.ts";
 * const s = errStats([100, 210, 0], [100, 200, 50], 100);
 * console.log(s.medae, s.mape); // 10, (0 + 0.05) / 2
 * ```
 * @module
 */
import { createPrng, permutation } from "../core/prng.ts";
import { quantileSorted } from "../core/quantile.ts";
import type { LabelledPortfolio } from "./dataset.ts";
import { marginFromY, targetY } from "./inference.ts";
import type { DatasetDay, TrainOutcome } from "./training.ts";

/** Absolute USD error statistics of predicted margins. */
export interface ErrStats {
  n: number;
  medae: number;
  mape: number;
  p95: number;
  meanAe: number;
  /** Portfolios with SPAN2 >= mapeFloor (the MAPE denominator). */
  nMape: number;
}

/**
 * Error statistics of `pred` against `truth` (USD); MAPE over portfolios with `truth >= mapeFloor` and > 0.
 *
 * @example
 * ```ts
 * import { errStats } from "./evaluation.ts";
 * errStats([1, 2, 3], [1, 2, 5], 0).medae; // 0
 * ```
 */
export function errStats(pred: ArrayLike<number>, truth: ArrayLike<number>, mapeFloor: number): ErrStats {
  const ae: number[] = [];
  let ape = 0, nM = 0, sum = 0;
  for (let i = 0; i < truth.length; i++) {
    const e = Math.abs(pred[i] - truth[i]);
    ae.push(e);
    sum += e;
    if (truth[i] >= mapeFloor && truth[i] > 0) {
      ape += e / truth[i];
      nM++;
    }
  }
  ae.sort((a, b) => a - b);
  return {
    n: ae.length,
    medae: quantileSorted(ae, 0.5),
    p95: quantileSorted(ae, 0.95),
    meanAe: sum / ae.length,
    mape: ape / nM,
    nMape: nM,
  };
}

/** Arithmetic mean (NaN for none). */
export function mean(xs: readonly number[]): number {
  return xs.reduce((a, b) => a + b, 0) / xs.length;
}

/**
 * Mean of each statistic over seeds (`n` and `nMape` of the first).
 *
 * @example
 * ```ts
 * import { errStats, meanStats } from "./evaluation.ts";
 * meanStats([errStats([1], [2], 0), errStats([1], [4], 0)]).medae; // 2
 * ```
 */
export function meanStats(list: readonly ErrStats[]): ErrStats {
  return {
    n: list[0].n,
    nMape: list[0].nMape,
    medae: mean(list.map((s) => s.medae)),
    mape: mean(list.map((s) => s.mape)),
    p95: mean(list.map((s) => s.p95)),
    meanAe: mean(list.map((s) => s.meanAe)),
  };
}

/** What {@link evaluateDeepMargin} needs. */
export interface EvaluationInput {
  rows: readonly LabelledPortfolio[];
  bySet: Record<string, number[]>;
  /** Trained jobs by name (`transformer_s<seed>`, `mlp_s<seed>`, `transformer_small_s<seeds[0]>`). */
  outcomes: ReadonlyMap<string, TrainOutcome>;
  seeds: readonly number[];
  offset: number;
  sizeSplit: number;
  scatterPoints: number;
  mapeFloor: number;
}

/**
 * Every error statistic of the study and the figure series.
 *
 * @throws {RangeError} when an outcome named by the seeds is missing
 * @example
 * ```ts ignore
 * const { metrics, series } = evaluateDeepMargin({ rows, bySet, outcomes, seeds: [1], offset: 1000,
 *   sizeSplit: 10, scatterPoints: 1000, mapeFloor: 10000 });
 * metrics.test.ratio.transformerMean; // SPAN MedAE / transformer MedAE
 * ```
 */
export function evaluateDeepMargin(input: EvaluationInput) {
  const { rows, bySet, seeds, sizeSplit, mapeFloor } = input;
  const c = input.offset;
  const out = (name: string): TrainOutcome => {
    const o = input.outcomes.get(name);
    if (o === undefined) throw new RangeError(`evaluateDeepMargin: no trained model "${name}"`);
    return o;
  };
  const stats = (pred: ArrayLike<number>, truth: ArrayLike<number>) => errStats(pred, truth, mapeFloor);
  const fromYRow = (y: number, i: number) => marginFromY(y, rows[i].rr, rows[i].nov, c);

  // constant-δ baseline: the median training y
  const yTrain = bySet.train.map((i) => targetY(rows[i].rr2, rows[i].rr, c)).sort((a, b) => a - b);
  const yConst = quantileSorted(yTrain, 0.5);

  const evalSet = (set: string, subset?: (i: number) => boolean) => {
    const keep = bySet[set].map((i, k) => [i, k] as const).filter(([i]) => subset === undefined || subset(i));
    const truth = keep.map(([i]) => rows[i].span2);
    const fromY = (y: (k: number, i: number) => number) => keep.map(([i, k]) => fromYRow(y(k, i), i));
    const model = (name: string) => stats(fromY((k) => out(name).pred[set][k]), truth);
    const tSeeds = seeds.map((s) => model(`transformer_s${s}`));
    const mSeeds = seeds.map((s) => model(`mlp_s${s}`));
    const ens = stats(fromY((k) => mean(seeds.map((s) => out(`transformer_s${s}`).pred[set][k]))), truth);
    const span = stats(keep.map(([i]) => rows[i].span), truth);
    const constDelta = stats(fromY(() => yConst), truth);
    const tMean = meanStats(tSeeds), mMean = meanStats(mSeeds);
    return {
      n: keep.length,
      span,
      constDelta,
      transformer: { seeds: tSeeds, mean: tMean, ensemble: ens },
      mlp: { seeds: mSeeds, mean: mMean },
      ratio: {
        transformerMean: span.medae / tMean.medae,
        transformerWorstSeed: Math.min(...tSeeds.map((s) => span.medae / s.medae)),
        transformerBestSeed: Math.max(...tSeeds.map((s) => span.medae / s.medae)),
        transformerEnsemble: span.medae / ens.medae,
        mlpMean: span.medae / mMean.medae,
        constDelta: span.medae / constDelta.medae,
      },
    };
  };
  const nonZero = (r: ReturnType<typeof evalSet>) => ({
    n: r.n,
    span: r.span,
    transformer: r.transformer.mean,
    mlp: r.mlp.mean,
    ratio: r.ratio,
  });
  const test = evalSet("test");
  const oot = evalSet("oot");
  // portfolios whose SPAN 2-like margin is zero (long options worth more than their risk) are easy for every
  // model; the same comparison without them:
  const testNonZero = evalSet("test", (i) => rows[i].span2 > 0);
  const ootNonZero = evalSet("oot", (i) => rows[i].span2 > 0);
  const size = (i: number) => rows[i].positions.length;
  const buckets: Record<string, { n: number; span: ErrStats; transformer: ErrStats; ratio: number }> = {};
  for (const [lo, hi] of [[1, 5], [6, 10], [11, 15], [16, 20]]) {
    const r = evalSet("test", (i) => size(i) >= lo && size(i) <= hi);
    buckets[`s${lo}_${hi}`] = { n: r.n, span: r.span, transformer: r.transformer.mean, ratio: r.ratio.transformerMean };
  }
  // unseen sizes: the small model (trained on <= sizeSplit positions) on test portfolios above sizeSplit
  const s0 = seeds[0];
  const big = bySet.test.map((i, k) => [i, k] as const).filter(([i]) => size(i) > sizeSplit);
  const small = out(`transformer_small_s${s0}`), tMain = out(`transformer_s${s0}`), mMain = out(`mlp_s${s0}`);
  const bigTruth = big.map(([i]) => rows[i].span2);
  const smallStats = stats(big.map(([i, k]) => fromYRow(small.pred.test[k], i)), bigTruth);
  const mainStats = stats(big.map(([i, k]) => fromYRow(tMain.pred.test[k], i)), bigTruth);
  const spanBig = stats(big.map(([i]) => rows[i].span), bigTruth);
  const unseen = {
    sizeSplit,
    trainPortfolios: small.trainSize,
    n: big.length,
    span: spanBig,
    smallModel: smallStats,
    fullModel: mainStats,
    ratioSmall: spanBig.medae / smallStats.medae,
    ratioFull: spanBig.medae / mainStats.medae,
  };
  // implied δ on the test set (first-seed transformer)
  const deltas = bySet.test.map((i, k) => [i, k] as const).filter(([i]) => rows[i].span > 0).map(([i, k]) =>
    fromYRow(tMain.pred.test[k], i) / rows[i].span - 1
  ).sort((a, b) => a - b);
  const trueDeltas = bySet.test.filter((i) => rows[i].span > 0).map((i) => rows[i].span2 / rows[i].span - 1)
    .sort((a, b) => a - b);

  // series: scatter sample and error histograms (test set)
  const perm = permutation(bySet.test.length, createPrng(7));
  const pick = Array.from(perm.subarray(0, Math.min(input.scatterPoints, perm.length)));
  const scatter = pick.map((k) => {
    const i = bySet.test[k], r = rows[i];
    return {
      span2: r.span2,
      span: r.span,
      mlp: fromYRow(mMain.pred.test[k], i),
      transformer: fromYRow(tMain.pred.test[k], i),
      positions: r.positions.length,
    };
  });
  const hist = (errs: number[]) => {
    const counts = new Array<number>(36).fill(0); // log10(|err| + 1) in [0, 7.2) by 0.2
    for (const e of errs) counts[Math.min(35, Math.floor(Math.log10(e + 1) / 0.2))]++;
    return counts;
  };
  const errsOf = (f: (i: number, k: number) => number) => bySet.test.map((i, k) => Math.abs(f(i, k) - rows[i].span2));
  const histograms = {
    binWidth: 0.2,
    span: hist(errsOf((i) => rows[i].span)),
    constDelta: hist(errsOf((i) => fromYRow(yConst, i))),
    mlp: hist(errsOf((i, k) => fromYRow(mMain.pred.test[k], i))),
    transformer: hist(errsOf((i, k) => fromYRow(tMain.pred.test[k], i))),
  };
  return {
    metrics: {
      constDeltaY: yConst,
      test,
      oot,
      zeroShare: { test: 1 - testNonZero.n / test.n, oot: 1 - ootNonZero.n / oot.n },
      testNonZero: nonZero(testNonZero),
      ootNonZero: nonZero(ootNonZero),
      sizes: { buckets, unseen },
      delta: {
        impliedMedian: quantileSorted(deltas, 0.5),
        trueMedian: quantileSorted(trueDeltas, 0.5),
        trueP05: quantileSorted(trueDeltas, 0.05),
        trueP95: quantileSorted(trueDeltas, 0.95),
      },
    },
    series: { scatter, histograms },
  };
}

/** The metrics and series of {@link evaluateDeepMargin}. */
export type DeepMarginEvaluation = ReturnType<typeof evaluateDeepMargin>;

/** Error statistics of one evaluation set (as in {@link DeepMarginEvaluation}). */
export type SetEvaluation = DeepMarginEvaluation["metrics"]["test"];

/**
 * The dataset's market days: counts and first/last dates of the in-sample and out-of-time days.
 *
 * @example
 * ```ts
 * import { datasetDays } from "./evaluation.ts";
 * datasetDays([{ index: 1, date: "2010-01-04", counts: { train: 5 } }, { index: 9, date: "2020-01-02", counts: { oot: 3 } }]);
 * // { inSample: 1, outOfTime: 1, firstInSample: "2010-01-04", lastInSample: "2010-01-04", firstOot: "2020-01-02", ... }
 * ```
 */
export function datasetDays(days: readonly DatasetDay[]) {
  const inSample = days.filter((d) => d.counts.train !== undefined);
  const oot = days.filter((d) => d.counts.oot !== undefined);
  return {
    inSample: inSample.length,
    outOfTime: oot.length,
    firstInSample: days[0].date,
    lastInSample: inSample.at(-1)!.date,
    firstOot: oot[0].date,
    lastOot: days.at(-1)!.date,
  };
}

/**
 * Per trained job: 1-based best epoch, training portfolios, the last epoch's validation MedAE.
 *
 * @example
 * ```ts
 * import { trainingSummary } from "./evaluation.ts";
 * trainingSummary([{ name: "mlp_s1", bestEpoch: 0, history: [{ epoch: 0, loss: 1, val: 9 }], pred: {}, trainSize: 4 }]);
 * // { mlp_s1: { bestEpoch: 1, trainPortfolios: 4, finalValMedae: 9 } }
 * ```
 */
export function trainingSummary(outcomes: readonly TrainOutcome[]) {
  return Object.fromEntries(
    outcomes.map((o) => [o.name, {
      bestEpoch: o.bestEpoch + 1,
      trainPortfolios: o.trainSize,
      finalValMedae: o.history.at(-1)!.val,
    }]),
  );
}
