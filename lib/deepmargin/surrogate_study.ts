/**
 * DeepMargin v2's evaluation (issue 15): every model's SPAN 2-like estimates against the reference with
 * `surrogateMetrics` (absolute and relative errors, δ errors, by size bucket), on the test dates and out of time;
 * networks per seed with their spread (mean, sd, min, max of the median absolute error and of the reduction
 * `SPAN-like MedAE ÷ model MedAE`); the unseen-size test (a transformer trained on small portfolios, on the larger
 * ones); the headline ratios; and the figure series (a seeded scatter sample and error histograms, out of time).
 *
 * Models are named as `surrogate_jobs.ts` names its jobs; `span` (SPAN-like alone) and `constant` (one δ: the
 * training median of `y`, `fitConstantDelta`) need no job.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { spread } from "./surrogate_study.ts";
 * assert.deepEqual(spread([1, 2, 3]), { mean: 2, sd: 1, min: 1, max: 3 });
 * ```
 * @module
 */
import { createPrng, permutation } from "../core/prng.ts";
import type { LabelledPortfolio } from "./dataset.ts";
import { fitConstantDelta } from "./delta_baselines.ts";
import { marginFromY, targetY } from "./inference.ts";
import { surrogateMetrics, type SurrogateSummary } from "./surrogate_metrics.ts";
import type { InputSet } from "./input_sets.ts";

/**
 * Mean, sample sd (0 for one value), min and max.
 *
 * @example
 * ```ts
 * import { spread } from "./surrogate_study.ts";
 * spread([4]).sd; // 0
 * ```
 */
export function spread(xs: readonly number[]): { mean: number; sd: number; min: number; max: number } {
  if (xs.length === 0) throw new RangeError("spread (lib/deepmargin/surrogate_study.ts): no values");
  let s = 0;
  for (const x of xs) s += x;
  const mean = s / xs.length;
  let ss = 0;
  for (const x of xs) ss += (x - mean) * (x - mean);
  return { mean, sd: xs.length > 1 ? Math.sqrt(ss / (xs.length - 1)) : 0, min: Math.min(...xs), max: Math.max(...xs) };
}

/** Inputs of {@link evaluateSurrogates}. */
export interface StudyInput {
  rows: readonly LabelledPortfolio[];
  /** Row indices per split (`train`, `val`, `test`, `oot`; duplicates already removed). */
  bySet: Record<string, readonly number[]>;
  /** Predictions of `y` per model name and set, in `bySet` order. */
  pred: Readonly<Record<string, Readonly<Record<string, ArrayLike<number>>>>>;
  /** Training portfolios per model name (the small model's differ). */
  trainSize: Readonly<Record<string, number>>;
  inputs: readonly InputSet[];
  seeds: readonly number[];
  /** Seeds of an input set's networks when they differ from `seeds` (as the jobs' `inputSeeds`). */
  inputSeeds?: Partial<Record<InputSet, readonly number[]>>;
  offset: number;
  apeFloor: number;
  sizeSplit: number;
  smallInputs: string;
  scatterPoints: number;
}

/** The models of one input set on one set. */
export interface InputResults {
  ridge: ModelResult;
  forest: ModelResult;
  mlp: NetResult;
  transformer: NetResult;
}

/** One model on one set: overall, by size bucket, and the reduction of SPAN-like's median absolute error. */
export interface ModelResult {
  all: SurrogateSummary;
  bySize: Record<string, SurrogateSummary>;
  ratio: number;
}

/** A network family on one set: per seed, the seed mean of every statistic, and the spread over seeds. */
export interface NetResult {
  seeds: ModelResult[];
  mean: { all: SurrogateSummary; bySize: Record<string, SurrogateSummary>; ratio: number };
  spread: {
    medae: ReturnType<typeof spread>;
    medape: ReturnType<typeof spread>;
    ratio: ReturnType<typeof spread>;
  };
}

function meanSummary(list: readonly SurrogateSummary[]): SurrogateSummary {
  const out = { ...list[0] };
  for (const k of Object.keys(out) as (keyof SurrogateSummary)[]) {
    if (k === "n" || k === "nApe" || k === "nDelta") continue;
    out[k] = list.reduce((a, s) => a + s[k], 0) / list.length;
  }
  return out;
}

/**
 * Every statistic of the study and the figure series.
 *
 * @throws {RangeError} when a model named by the seeds and input sets has no predictions
 * @example
 * ```ts ignore
 * const { metrics, series } = evaluateSurrogates({ rows, bySet, pred, trainSize, inputs: ["anchor", "wide"],
 *   seeds: [1, 2, 3], offset: 1000, apeFloor: 10000, sizeSplit: 10, smallInputs: "anchor", scatterPoints: 1000 });
 * metrics.oot.anchor.transformer.mean.ratio; // SPAN-like MedAE ÷ the anchor-like transformer's, mean over seeds
 * ```
 */
export function evaluateSurrogates(input: StudyInput) {
  const { rows, bySet, seeds, offset: c, apeFloor } = input;
  const predOf = (name: string, set: string): ArrayLike<number> => {
    const p = input.pred[name]?.[set];
    if (p === undefined) {
      throw new RangeError(`evaluateSurrogates (lib/deepmargin/surrogate_study.ts): no "${name}" on ${set}`);
    }
    return p;
  };
  const yConst = fitConstantDelta(bySet.train.map((i) => targetY(rows[i].rr2, rows[i].rr, c))).value;
  const size = (i: number) => rows[i].positions.length;
  const trainSizesAll = bySet.train.map(size);

  const evalSet = (set: string) => {
    const idx = bySet[set];
    const truth = idx.map((i) => rows[i].span2), span = idx.map((i) => rows[i].span), sz = idx.map(size);
    const metricsOf = (pred: number[]) => {
      const m = surrogateMetrics({ pred, truth, span, size: sz, trainSizes: trainSizesAll, apeFloor });
      return { all: m.all, bySize: m.bySize };
    };
    const spanM = metricsOf(span);
    const one = (pred: number[]): ModelResult => {
      const m = metricsOf(pred);
      return { ...m, ratio: spanM.all.medae / m.all.medae };
    };
    const fromY = (name: string) => {
      const y = predOf(name, set);
      return idx.map((i, k) => marginFromY(y[k], rows[i].rr, rows[i].nov, c));
    };
    const net = (family: string, inp: InputSet): NetResult => {
      const per = (input.inputSeeds?.[inp] ?? seeds).map((s) => one(fromY(`${family}_s${s}`)));
      const all = meanSummary(per.map((r) => r.all));
      const bySize: Record<string, SurrogateSummary> = {};
      for (const b of Object.keys(per[0].bySize)) bySize[b] = meanSummary(per.map((r) => r.bySize[b]));
      const ratios = per.map((r) => r.ratio);
      return {
        seeds: per,
        mean: { all, bySize, ratio: spread(ratios).mean },
        spread: {
          medae: spread(per.map((r) => r.all.medae)),
          medape: spread(per.map((r) => r.all.medape)),
          ratio: spread(ratios),
        },
      };
    };
    const byInputs = {} as Record<InputSet, InputResults>;
    for (const inp of input.inputs) {
      byInputs[inp] = {
        ridge: one(fromY(`ridge_${inp}`)),
        forest: one(fromY(`forest_${inp}`)),
        mlp: net(`mlp_${inp}`, inp),
        transformer: net(`transformer_${inp}`, inp),
      };
    }
    return {
      n: idx.length,
      span: spanM,
      constant: one(idx.map((i) => marginFromY(yConst, rows[i].rr, rows[i].nov, c))),
      ...byInputs,
    };
  };

  // unseen sizes: the small model (trained on <= sizeSplit positions) against the full models on larger portfolios
  const smallName = `transformer_small_${input.smallInputs}_s${seeds[0]}`;
  const unseen = (set: string) => {
    const idx = bySet[set];
    const keep = idx.map((i, k) => [i, k] as const).filter(([i]) => size(i) > input.sizeSplit);
    const truth = keep.map(([i]) => rows[i].span2), span = keep.map(([i]) => rows[i].span);
    const trainSizes = bySet.train.map(size).filter((s) => s <= input.sizeSplit);
    const sum = (pred: number[]) =>
      surrogateMetrics({ pred, truth, span, size: keep.map(([i]) => size(i)), trainSizes, apeFloor }).all;
    const model = (name: string) => {
      const y = predOf(name, set);
      return sum(keep.map(([i, k]) => marginFromY(y[k], rows[i].rr, rows[i].nov, c)));
    };
    const spanS = sum(span), small = model(smallName);
    const full = meanSummary(seeds.map((s) => model(`transformer_${input.smallInputs}_s${s}`)));
    return {
      n: keep.length,
      span: spanS,
      small,
      full,
      ratioSmall: spanS.medae / small.medae,
      ratioFull: spanS.medae / full.medae,
    };
  };

  const test = evalSet("test"), oot = evalSet("oot");
  const sizes = {
    split: input.sizeSplit,
    inputs: input.smallInputs,
    trainPortfolios: input.trainSize[smallName],
    test: unseen("test"),
    oot: unseen("oot"),
  };

  // series (out of time): a seeded scatter sample and log10 error histograms, first seed
  const idx = bySet.oot;
  const marginOf = (name: string, k: number) =>
    marginFromY(predOf(name, "oot")[k], rows[idx[k]].rr, rows[idx[k]].nov, c);
  const perm = permutation(idx.length, createPrng(7));
  const first = (inp: InputSet) => (input.inputSeeds?.[inp] ?? seeds)[0];
  const scatterModels = input.inputs.flatMap((
    inp,
  ) => [`mlp_${inp}_s${first(inp)}`, `transformer_${inp}_s${first(inp)}`]);
  const scatter = Array.from(perm.subarray(0, Math.min(input.scatterPoints, perm.length)), (k) => {
    const r = rows[idx[k]];
    const p: Record<string, number> = { span2: r.span2, span: r.span, positions: r.positions.length };
    for (const m of scatterModels) p[m] = marginOf(m, k);
    return p;
  });
  const hist = (err: (k: number) => number) => {
    const counts = new Array<number>(36).fill(0); // log10(|err| + 1) in [0, 7.2) by 0.2
    for (let k = 0; k < idx.length; k++) counts[Math.min(35, Math.floor(Math.log10(Math.abs(err(k)) + 1) / 0.2))]++;
    return counts;
  };
  const histograms: Record<string, number[]> = {
    span: hist((k) => rows[idx[k]].span - rows[idx[k]].span2),
    constant: hist((k) => marginFromY(yConst, rows[idx[k]].rr, rows[idx[k]].nov, c) - rows[idx[k]].span2),
  };
  for (const inp of input.inputs) {
    for (
      const m of [`ridge_${inp}`, `forest_${inp}`, `mlp_${inp}_s${first(inp)}`, `transformer_${inp}_s${first(inp)}`]
    ) {
      histograms[m] = hist((k) => marginOf(m, k) - rows[idx[k]].span2);
    }
  }
  return {
    metrics: { constantY: yConst, test, oot, sizes },
    series: { scatter, histograms: { binWidth: 0.2, counts: histograms } },
  };
}

/** The metrics and series of {@link evaluateSurrogates}. */
export type SurrogateStudy = ReturnType<typeof evaluateSurrogates>;
