/**
 * e12 v1's parameters and outputs: what `main.ts` writes to `metrics.{profile}.json` and `series.{profile}.json`
 * and `figures.ts` reads back.
 * @module
 */
import type { NetworkParams, StudyParams } from "../../../lib/study/mod.ts";
import type { ParamSchema } from "../../../lib/pipeline/params.ts";
import { NETWORK_SCHEMA, STUDY_SCHEMA } from "../../../lib/study/study_params.ts";
import { EQUAL_COVERAGE_SCHEMA, type EqualCoverageParams } from "../../../lib/study/equal_coverage_params.ts";
import { PANEL_MODELS, POOLED_MODELS } from "../../../lib/study/panel_walk_forward.ts";
import type {
  EqualCoverageHeadline,
  EqualCoverageTable,
  FrontierRow,
} from "../../../lib/study/equal_coverage_study.ts";
import { type PositionSeries, type PositionSpan, positionSpans } from "../../../lib/study/position_panel.ts";
import type { PanelWalkForward } from "../../../lib/study/panel_walk_forward.ts";
import { intervalVerdict } from "../../../lib/study/panel_coverage.ts";
import type { HyperConfig } from "../../../lib/evaluation/hyper_search.ts";
import type { ForwardAblationResult } from "../../../lib/study/panel_forward_ablation.ts";

/** The stage's parameter schema. */
export const SCHEMA: ParamSchema = {
  ...STUDY_SCHEMA,
  ...NETWORK_SCHEMA,
  floorLookback: EQUAL_COVERAGE_SCHEMA.floorLookback,
  fhsLambda: EQUAL_COVERAGE_SCHEMA.fhsLambda,
  fhsBurnIn: EQUAL_COVERAGE_SCHEMA.fhsBurnIn,
  blockLength: EQUAL_COVERAGE_SCHEMA.blockLength,
  resamples: EQUAL_COVERAGE_SCHEMA.resamples,
  bootstrapSeed: EQUAL_COVERAGE_SCHEMA.bootstrapSeed,
  kGrid: EQUAL_COVERAGE_SCHEMA.kGrid,
  kupiecSims: EQUAL_COVERAGE_SCHEMA.kupiecSims,
  aciGammaGrid: EQUAL_COVERAGE_SCHEMA.aciGammaGrid,
  aciWarmup: EQUAL_COVERAGE_SCHEMA.aciWarmup,
  testYears: { type: "integer[]", min: 1990, max: 2030, minLength: 1 },
  embargo: { type: "integer", min: 0 },
  validShare: { type: "number", min: 0.05, max: 0.5 },
  models: { type: "string[]", enum: PANEL_MODELS, minLength: 1 },
  pooledModels: { type: "string[]", enum: POOLED_MODELS },
  poolType: { type: "string", enum: ["group", "position"] },
  seeds: { type: "integer[]", minLength: 1 },
  linearRidge: { type: "number", min: 0 },
  trafficSims: { type: "integer", min: 100 },
  workers: { type: "integer", min: 1, max: 8 },
  gridHidden: { type: "string[]", minLength: 1 },
  gridLr: { type: "number[]", min: 0, minLength: 1 },
  gridWeightDecay: { type: "number[]", min: 0, minLength: 1 },
  cvFolds: { type: "integer", min: 1, max: 5 },
  cvTrainRows: { type: "integer", min: 100 },
  ablationModels: { type: "string[]", enum: ["linear", "mlp", "mlpPooled", "linearPooled"] },
};

/** The stage's parameters (`params.json`, echoed into the metrics). */
export interface Params extends
  StudyParams,
  NetworkParams,
  Pick<
    EqualCoverageParams,
    | "floorLookback"
    | "fhsLambda"
    | "fhsBurnIn"
    | "blockLength"
    | "resamples"
    | "bootstrapSeed"
    | "kGrid"
    | "kupiecSims"
    | "aciGammaGrid"
    | "aciWarmup"
  > {
  testYears: number[];
  embargo: number;
  validShare: number;
  models: string[];
  pooledModels: string[];
  poolType: "group" | "position";
  seeds: number[];
  linearRidge: number;
  trafficSims: number;
  workers: number;
  /** The hyper-parameter grid as parallel lists (configuration i = widths "a-b", learning rate, weight decay). */
  gridHidden: string[];
  gridLr: number[];
  gridWeightDecay: number[];
  /** Inner CV: folds (the last years of each training window) and the training rows per position and fold. */
  cvFolds: number;
  cvTrainRows: number;
  /** Models refitted without forward-looking features (the history-only ablation). */
  ablationModels: string[];
}

/** An estimate with its 95% paired block-bootstrap interval. */
export interface Interval {
  estimate: number;
  lo: number;
  hi: number;
}

/** Where an interval lies against 1 (`intervalVerdict`), and the learned rules whose interval is below 1. */
export interface Verdicts {
  /** Display name of the best learned rule. */
  bestLabel: string;
  bestVerdict: "below" | "above" | "includes 1";
  linearVerdict: "below" | "above" | "includes 1";
  /** Display names of the learned rules significantly below static, joined with "; ", or "none". */
  belowStatic: string;
}

/** The headline of one position group (its positions pooled on their common test days). */
export interface GroupHeadline extends EqualCoverageHeadline, Verdicts {
  positions: number;
  testFrom: string;
  testTo: string;
}

/** `headline` (issue 14, "Metrics the paper and checks read"), pooled over the whole panel on its union calendar. */
export interface Headline extends Verdicts {
  /** Number of positions in the panel. */
  positions: number;
  /** First and last test date (ISO). */
  testFrom: string;
  testTo: string;
  /** The learned rule with the lowest pooled margin at the 1% breach rate, its ratio to static and linear QR's. */
  bestModel: string;
  marginAtTargetVsStatic: Interval;
  linearAtTargetVsStatic: Interval;
  /** Every learned rule's pooled ratio. */
  learnedAtTargetVsStatic: Record<string, Interval>;
  /** Per position group. */
  groups: Record<string, GroupHeadline>;
  /** Grid size and the number of final network fits whose kept epoch is the epoch cap (goal 0). */
  tuning: { configs: number; bestEpochAtCap: number; fits: number; cap: number };
  /** The pooled MLP with forward features against its history-only twin, pooled over the panel. */
  forwardAblation: {
    model: string;
    dmStat: number;
    dmP: number;
    /** Margin at the target breach rate with forward features over without, and that ratio minus 1. */
    marginRatio: Interval;
    marginDiff: Interval;
  };
}

/** One network fit's early-stopping record. */
export interface FitRecord {
  data: string;
  model: string;
  year: number;
  seed: number;
  bestEpoch: number;
  epochsRun: number;
}

/** `tuning`: the grid, the CV per test year and every final network fit's epochs. */
export interface Tuning {
  grid: HyperConfig[];
  cv: { folds: number; trainRowsPerPosition: number; seed: number; epochCap: number; patience: number };
  /** Per test year: mean inner-validation pinball loss of every configuration, per fold, and the choice. */
  years: Record<string, {
    cvLoss: number[];
    foldLoss: number[][];
    cvBestEpoch: number[][];
    chosen: number;
    config: HyperConfig;
  }>;
  cap: number;
  bestEpochAtCap: number;
  cvBestEpochAtCap: number;
  fits: FitRecord[];
}

/** Every rule: pooled over a group's positions and per position. */
export type EqualCoverage = EqualCoverageTable;

/** `metrics.{profile}.json` (the harness adds `stage`, `version`, `profile`, `reproduce`). */
export interface Metrics {
  params: Params;
  /** The target breach rate 1 − τ. */
  target: number;
  headline: Headline;
  /** Rule names by family, in table order. */
  rules: { baselines: string[]; learned: string[]; all: string[] };
  /** Per position group: every rule pooled over the group and per position. */
  equalCoverage: Record<string, EqualCoverage>;
  /** The panel: every position's spans, group, test years and fit counts. */
  design: {
    spans: PositionSpan[];
    testYears: Record<string, number[]>;
    features: Record<string, string[]>;
    fits: { perPosition: number; pooled: number };
    /** Training rows of the pooled fits per test year. */
    pooledTrainRows: Record<string, number>;
  };
  tuning: Tuning;
  /** Per scope (position group, "panel") and model with forward features: against its history-only twin. */
  forwardAblation: Record<string, Record<string, ForwardAblationResult>>;
}

/** A pooled network fit's loss curves (pinball loss per epoch, 6 significant digits). */
export interface CurveRow {
  year: number;
  model: string;
  seed: number;
  bestEpoch: number;
  train: number[];
  valid: number[];
}

/** `series.{profile}.json`: per position and rule, the frontier over the k grid. */
export interface Series {
  frontier: Record<string, Record<string, FrontierRow[]>>;
  /** Training curves of the pooled networks, per test year and seed. */
  curves: CurveRow[];
}

/** Display names of the rules. */
export const MODEL_LABELS: Record<string, string> = {
  baselineHs: "HS VaR (m = 1)",
  static: "Static",
  linear: "Linear QR, per position",
  mlp: "MLP, per position",
  staticPooled: "Static, pooled",
  linearPooled: "Linear QR, pooled",
  mlpPooled: "MLP, pooled",
  linearHist: "Linear QR, per position, history only",
  mlpHistPooled: "MLP, pooled, history only",
  fhs: "FHS",
  flooredHs: "Floored HS",
  apcBuffer: "FHS + 25% buffer",
  apcStressWeight: "FHS + 25% stressed weight",
  apcFloor: "FHS + floor",
};

/** Position groups in table order. */
export const GROUPS = ["oil-futures", "oil-spread", "spot", "rates"] as const;

/**
 * The verdicts of a scope from its learned rules' intervals.
 *
 * @example
 * ```ts
 * import { verdicts } from "./outputs.ts";
 * const iv = (e: number) => ({ estimate: e, lo: e - 0.05, hi: e + 0.05 });
 * const v = verdicts({ linear: iv(0.9), mlpPooled: iv(1) }, "mlpPooled");
 * console.assert(v.belowStatic === "Linear QR, per position" && v.bestVerdict === "includes 1");
 * ```
 */
export function verdicts(at: Record<string, { lo: number; hi: number }>, best: string): Verdicts {
  const below = Object.keys(at).filter((r) => intervalVerdict(at[r]) === "below");
  return {
    bestLabel: MODEL_LABELS[best] ?? best,
    bestVerdict: intervalVerdict(at[best]),
    linearVerdict: intervalVerdict(at.linear),
    belowStatic: below.length > 0 ? below.map((r) => MODEL_LABELS[r] ?? r).join("; ") : "none",
  };
}

/** Round to 6 significant digits (the committed curves). */
const sig6 = (x: number): number => Number(x.toPrecision(6));

/**
 * The early-stopping record of every network fit (kind "mlp") and the pooled ones' loss curves, from the fit jobs,
 * their outcomes and each job's test year.
 *
 * @example
 * ```ts
 * import { networkFits } from "./outputs.ts";
 * const jobs = [{ data: "pooled|2020", model: "mlpPooled", kind: "mlp", seed: 1, members: [] }];
 * const out = [{ epochs: 3, bestEpoch: 2, trainLoss: [0.3, 0.2, 0.1], validLoss: [0.4, 0.3, 0.35] }];
 * const f = networkFits(jobs, out, () => 2020);
 * console.assert(f.fits[0].bestEpoch === 2 && f.curves[0].valid.length === 3);
 * ```
 */
export function networkFits(
  jobs: readonly { data: string; model: string; kind: string; seed: number; members?: unknown }[],
  outcomes: readonly { epochs?: number; bestEpoch?: number; trainLoss?: number[]; validLoss?: number[] }[],
  yearOf: (k: number) => number,
): { fits: FitRecord[]; curves: CurveRow[] } {
  const fits: FitRecord[] = [], curves: CurveRow[] = [];
  jobs.forEach((j, k) => {
    if (j.kind !== "mlp") return;
    const o = outcomes[k], year = yearOf(k);
    fits.push({
      data: j.data,
      model: j.model,
      year,
      seed: j.seed,
      bestEpoch: o.bestEpoch ?? 0,
      epochsRun: o.epochs ?? 0,
    });
    if (j.members !== undefined) {
      curves.push({
        year,
        model: j.model,
        seed: j.seed,
        bestEpoch: o.bestEpoch ?? 0,
        train: (o.trainLoss ?? []).map(sig6),
        valid: (o.validLoss ?? []).map(sig6),
      });
    }
  });
  return { fits, curves };
}

/**
 * `tuning` of the metrics: the grid, per test year the CV scores and choice, and every final network fit's epochs
 * (`bestEpochAtCap`: fits whose kept epoch is the cap).
 *
 * @example
 * ```ts
 * import { tuningRecord } from "./outputs.ts";
 * const grid = [{ hidden: [8], lr: 0.01, weightDecay: 0 }];
 * const t = tuningRecord({ cvFolds: 1, cvTrainRows: 500, seeds: [1], netEpochs: 10, netPatience: 3 }, grid,
 *   [{ year: 2020, losses: [[0.1]], meanLoss: [0.1], chosen: 0, hyper: grid[0] }], [{ year: 2020, config: 0, inner: 0 }],
 *   [{ bestEpoch: 10 }], [{ data: "p", model: "mlp", year: 2020, seed: 1, bestEpoch: 4, epochsRun: 7 }]);
 * console.assert(t.bestEpochAtCap === 0 && t.cvBestEpochAtCap === 1);
 * ```
 */
export function tuningRecord(
  p: Pick<Params, "cvFolds" | "cvTrainRows" | "seeds" | "netEpochs" | "netPatience">,
  grid: HyperConfig[],
  choices: readonly { year: number; losses: number[][]; meanLoss: number[]; chosen: number; hyper: HyperConfig }[],
  cvJobs: readonly { year: number; config: number; inner: number }[],
  cvOut: readonly { bestEpoch: number }[],
  fits: FitRecord[],
): Tuning {
  const years: Tuning["years"] = {};
  for (const c of choices) {
    const cvBestEpoch = grid.map(() => [] as number[]);
    cvJobs.forEach((j, k) => {
      if (j.year === c.year) cvBestEpoch[j.config][j.inner] = cvOut[k].bestEpoch;
    });
    years[String(c.year)] = {
      cvLoss: c.meanLoss,
      foldLoss: c.losses,
      cvBestEpoch,
      chosen: c.chosen,
      config: c.hyper,
    };
  }
  return {
    grid,
    cv: {
      folds: p.cvFolds,
      trainRowsPerPosition: p.cvTrainRows,
      seed: p.seeds[0],
      epochCap: p.netEpochs,
      patience: p.netPatience,
    },
    years,
    cap: p.netEpochs,
    bestEpochAtCap: fits.filter((f) => f.bestEpoch >= p.netEpochs).length,
    cvBestEpochAtCap: cvOut.filter((o) => o.bestEpoch >= p.netEpochs).length,
    fits,
  };
}

/**
 * `headline.forwardAblation` from a model's panel-wide ablation result (the margin ratio and the ratio minus 1).
 *
 * @example
 * ```ts
 * import { ablationHeadline } from "./outputs.ts";
 * const h = ablationHeadline("mlpPooled", { dmStat: -1, dmP: 0.3, marginRatio: { estimate: 0.98, lo: 0.9, hi: 1.05 } });
 * console.assert(Math.abs(h.marginDiff.estimate + 0.02) < 1e-12);
 * ```
 */
export function ablationHeadline(
  model: string,
  r: Pick<ForwardAblationResult, "dmStat" | "dmP" | "marginRatio">,
): Headline["forwardAblation"] {
  const m = r.marginRatio;
  return {
    model,
    dmStat: r.dmStat,
    dmP: r.dmP,
    marginRatio: m,
    marginDiff: { estimate: m.estimate - 1, lo: m.lo - 1, hi: m.hi - 1 },
  };
}

/**
 * `design` of the metrics: spans, test years, features, fit counts and pooled training rows.
 *
 * @example
 * ```ts
 * import { designRecord } from "./outputs.ts";
 * import { panelWalkForward } from "../../../lib/study/panel_walk_forward.ts";
 * import { buildPositionPanel } from "../../../lib/study/position_panel.ts";
 * import { DEFAULT_POSITIONS } from "../../../lib/study/position_definition.ts";
 * import { makePositionPanel } from "../../../lib/testing/position_panel_fixture.ts";
 * const series = buildPositionPanel(makePositionPanel(1400, 1), DEFAULT_POSITIONS.slice(11, 12),
 *   { mpor: 2, imTau: 0.99, lookback: 100, fhsLambda: 0.94, fhsBurnIn: 50 });
 * const last = Number(series[0].dates.at(-1)!.slice(0, 4)) - 1;
 * const wf = panelWalkForward(series, { mpor: 2, imTau: 0.99, tau: 0.99, mMin: 0.8, mMax: 1.5, embargo: 2,
 *   validShare: 0.2, testYears: [last], seeds: [1], models: ["static"], pooledModels: [], poolType: "position",
 *   floorLookback: 300 });
 * console.assert(designRecord(wf, series).fits.perPosition === 1);
 * ```
 */
export function designRecord(wf: PanelWalkForward, series: readonly PositionSeries[]): Metrics["design"] {
  const pooled = wf.jobs.filter((j) => "members" in j).length;
  return {
    spans: positionSpans(series),
    testYears: Object.fromEntries(wf.positions.map((q) => [q.study.id, q.folds.map((f) => f.id)])),
    features: Object.fromEntries(wf.positions.map((q) => [q.study.id, q.study.featureNames])),
    fits: { perPosition: wf.jobs.length - pooled, pooled },
    pooledTrainRows: Object.fromEntries(wf.pooled.map((f) => [
      String(f.year),
      f.members.reduce((s, m) => {
        const sp = wf.shared.folds[m.id][m.fold];
        return s + sp.train.end - sp.train.start;
      }, 0),
    ])),
  };
}
