/**
 * The yearly walk-forward of a multi-asset position panel (issue 14 §1): per position its study matrix
 * (`positionStudy`), clearing-house baselines (`positionCcpMargins`) and yearly folds through the last full year it
 * has data for (`positionFolds`); fit jobs per position (`models`, data key = the position id) and models pooled
 * across positions (`pooledModels`, e.g. `mlpPooled`: one fit per test year and seed on every position with that
 * test year, with a one-hot position-type input — {@link PooledFitJob}); then, from the outcomes, each position's
 * test and fitting-row multipliers per run (`runs`, `pre`, keyed `position|model|seed`) and its
 * {@link CoveragePosition} for `evaluateEqualCoverage` (via `coreStudyPositions`).
 *
 * @example
 * ```ts
 * import { panelWalkForward } from "./panel_walk_forward.ts";
 * import { buildPositionPanel } from "./position_panel.ts";
 * import { DEFAULT_POSITIONS } from "./position_definition.ts";
 * import { makePositionPanel } from "../testing/position_panel_fixture.ts";
 * const series = buildPositionPanel(makePositionPanel(1400, 1), DEFAULT_POSITIONS.slice(0, 2),
 *   { mpor: 2, imTau: 0.99, lookback: 100, fhsLambda: 0.94, fhsBurnIn: 50 });
 * const last = Number(series[0].dates.at(-1)!.slice(0, 4)) - 1;
 * const wf = panelWalkForward(series, { mpor: 2, imTau: 0.99, tau: 0.99, mMin: 0.8, mMax: 1.5, embargo: 2,
 *   validShare: 0.2, testYears: [last], seeds: [1], models: ["static"], pooledModels: ["linearPooled"],
 *   poolType: "position", floorLookback: 300 });
 * console.assert(wf.jobs.length === 3 && wf.years.join() === String(last));
 * ```
 * @module
 */
import type { CcpRule } from "./margin_rules.ts";
import { coreStudyPositions } from "./core_study_rules.ts";
import type { CoveragePosition } from "./equal_coverage_study.ts";
import { type FitShared, runSeries } from "./fit_jobs.ts";
import { type ModelKind, type ModelParams, modelSeeds } from "./model_factory.ts";
import { pooledFeatureNames, type PooledFitJob, pooledLayout, splitPooledOutcome } from "./pooled_fit_jobs.ts";
import type { PositionSeries } from "./position_panel.ts";
import { positionCcpMargins, positionFolds, type PositionStudy, positionStudy } from "./position_study.ts";
import { runPreSeries, type VariantFitJob, type VariantFitOutcome } from "./variant_fit_jobs.ts";
import type { Fold } from "./walk_forward.ts";

/** Models fitted per position and pooled across positions (`<kind>Pooled`). */
export const PANEL_MODELS = ["static", "linear", "mlp"] as const;
export const POOLED_MODELS = ["staticPooled", "linearPooled", "mlpPooled"] as const;

/** Parameters of {@link panelWalkForward}. */
export interface PanelWalkForwardParams extends ModelParams {
  mpor: number;
  imTau: number;
  embargo: number;
  validShare: number;
  /** Candidate test years (each position keeps those it covers in full). */
  testYears: number[];
  seeds: number[];
  /** Per-position models (`PANEL_MODELS`) and pooled models (`POOLED_MODELS`). */
  models: string[];
  pooledModels: string[];
  /** The one-hot type input of the pooled models: the instrument group or the position. */
  poolType: "group" | "position";
  /** Floor window of the clearing-house baselines. */
  floorLookback: number;
}

/** One position of the panel's walk-forward. */
export interface PanelPosition {
  series: PositionSeries;
  study: PositionStudy;
  folds: Fold[];
  baselines: Record<CcpRule, Float64Array>;
}

/** A pooled fit's data key, year and members (in layout order). */
export interface PooledFoldSpec {
  data: string;
  year: number;
  members: { id: string; fold: number; type: string }[];
}

/** The panel's walk-forward: positions, jobs and what the workers share. */
export interface PanelWalkForward {
  positions: PanelPosition[];
  /** Test years of any position, ascending. */
  years: number[];
  jobs: (VariantFitJob | PooledFitJob)[];
  shared: FitShared;
  pooled: PooledFoldSpec[];
}

const kindOf = (model: string): ModelKind => model.replace(/Pooled$/, "") as ModelKind;

/**
 * Build the panel's studies, baselines, folds and fit jobs (per-position jobs position-major, then the pooled ones
 * year-major). A position without any full test year is dropped from the walk-forward.
 *
 * @throws {RangeError} on an unknown model or pool type, no test year on any position, or from the studies and folds
 * @example
 * ```ts
 * import { panelWalkForward } from "./panel_walk_forward.ts";
 * import { buildPositionPanel } from "./position_panel.ts";
 * import { DEFAULT_POSITIONS } from "./position_definition.ts";
 * import { makePositionPanel } from "../testing/position_panel_fixture.ts";
 * const series = buildPositionPanel(makePositionPanel(1400, 2), DEFAULT_POSITIONS.slice(11),
 *   { mpor: 2, imTau: 0.99, lookback: 100, fhsLambda: 0.94, fhsBurnIn: 50 });
 * const last = Number(series[0].dates.at(-1)!.slice(0, 4)) - 1;
 * const wf = panelWalkForward(series, { mpor: 2, imTau: 0.99, tau: 0.99, mMin: 0.8, mMax: 1.5, embargo: 2,
 *   validShare: 0.2, testYears: [last - 1, last], seeds: [1, 2], models: ["linear"], pooledModels: [],
 *   poolType: "group", floorLookback: 300 });
 * console.assert(wf.positions.length === 3 && wf.jobs.length === 6);
 * ```
 */
export function panelWalkForward(series: readonly PositionSeries[], p: PanelWalkForwardParams): PanelWalkForward {
  const fn = "panelWalkForward";
  for (const m of p.models) {
    if (!(PANEL_MODELS as readonly string[]).includes(m)) throw new RangeError(`${fn}: unknown model "${m}"`);
  }
  for (const m of p.pooledModels) {
    if (!(POOLED_MODELS as readonly string[]).includes(m)) throw new RangeError(`${fn}: unknown pooled model "${m}"`);
  }
  if (p.poolType !== "group" && p.poolType !== "position") {
    throw new RangeError(`${fn}: poolType must be "group" or "position", got ${JSON.stringify(p.poolType)}`);
  }
  const positions: PanelPosition[] = [];
  for (const s of series) {
    const study = positionStudy(s);
    const folds = positionFolds(study, {
      testYears: p.testYears,
      horizon: p.mpor,
      embargo: p.embargo,
      validShare: p.validShare,
    });
    if (folds.length === 0) continue;
    const baselines = positionCcpMargins(s, study, { imTau: p.imTau, floorLookback: p.floorLookback });
    positions.push({ series: s, study, folds, baselines });
  }
  if (positions.length === 0) throw new RangeError(`${fn}: no position has a full test year in ${p.testYears}`);
  const years = [...new Set(positions.flatMap((q) => q.folds.map((f) => f.id)))].sort((a, b) => a - b);
  const jobs: (VariantFitJob | PooledFitJob)[] = [];
  for (const q of positions) {
    const id = q.study.id;
    q.folds.forEach((_, fold) => {
      for (const model of p.models) {
        const kind = kindOf(model);
        for (const seed of modelSeeds(kind, p.seeds)) {
          jobs.push({ data: id, fold, model, kind, seed, features: q.study.featureNames });
        }
      }
    });
  }
  const typeOf = (q: PanelPosition) => (p.poolType === "group" ? q.study.group : q.study.id);
  const types = [...new Set(positions.map(typeOf))];
  const pooled: PooledFoldSpec[] = years.map((year) => ({
    data: `pooled|${year}`,
    year,
    members: positions.flatMap((q) => {
      const fold = q.folds.findIndex((f) => f.id === year);
      return fold < 0 ? [] : [{ id: q.study.id, fold, type: typeOf(q) }];
    }),
  }));
  for (const f of pooled) {
    const names = pooledFeatureNames(
      f.members.map((m) => positions.find((q) => q.study.id === m.id)!.study.featureNames),
      types,
    );
    for (const model of p.pooledModels) {
      const kind = kindOf(model);
      for (const seed of modelSeeds(kind, p.seeds)) {
        jobs.push({ data: f.data, fold: 0, model, kind, seed, features: names, members: f.members, types });
      }
    }
  }
  const shared: FitShared = {
    data: Object.fromEntries(positions.map((q) => [q.study.id, q.study])),
    folds: Object.fromEntries(positions.map((q) => [q.study.id, q.folds.map((f) => f.split)])),
    params: p,
  };
  return { positions, years, jobs, shared, pooled };
}

/**
 * Per run `position|model|seed`: the test multipliers of the position's folds joined in order (`runs`) and its
 * fitting-row multipliers per fold (`pre`), from per-position and pooled outcomes alike.
 *
 * @throws {RangeError} when outcomes and jobs differ in number, or a run misses a fold
 * @example
 * ```ts
 * import { panelRuns, panelWalkForward } from "./panel_walk_forward.ts";
 * import { pooledFitHandler } from "./pooled_fit_jobs.ts";
 * import { buildPositionPanel } from "./position_panel.ts";
 * import { DEFAULT_POSITIONS } from "./position_definition.ts";
 * import { makePositionPanel } from "../testing/position_panel_fixture.ts";
 * const series = buildPositionPanel(makePositionPanel(1400, 3), DEFAULT_POSITIONS.slice(0, 2),
 *   { mpor: 2, imTau: 0.99, lookback: 100, fhsLambda: 0.94, fhsBurnIn: 50 });
 * const last = Number(series[0].dates.at(-1)!.slice(0, 4)) - 1;
 * const wf = panelWalkForward(series, { mpor: 2, imTau: 0.99, tau: 0.99, mMin: 0.8, mMax: 1.5, embargo: 2,
 *   validShare: 0.2, testYears: [last], seeds: [1], models: ["static"], pooledModels: ["staticPooled"],
 *   poolType: "group", floorLookback: 300 });
 * const out = [];
 * for (const [index, job] of wf.jobs.entries()) {
 *   out.push(await pooledFitHandler(job, { shared: wf.shared, index, worker: 0, log: () => {} }));
 * }
 * const { runs } = panelRuns(wf, out);
 * console.assert(runs.get("cl1_long|staticPooled|1")!.length === runs.get("cl1_long|static|1")!.length);
 * ```
 */
export function panelRuns(
  wf: PanelWalkForward,
  outcomes: readonly VariantFitOutcome[],
): { runs: Map<string, Float64Array>; pre: Map<string, Float64Array[]> } {
  if (outcomes.length !== wf.jobs.length) {
    throw new RangeError(`panelRuns: ${outcomes.length} outcomes for ${wf.jobs.length} jobs`);
  }
  const own = wf.jobs.flatMap((j, k) => ("members" in j ? [] : [k]));
  const ownJobs = own.map((k) => wf.jobs[k]), ownOut = own.map((k) => outcomes[k]);
  const runs = ownJobs.length > 0 ? runSeries(ownJobs, ownOut) : new Map<string, Float64Array>();
  const pre = ownJobs.length > 0 ? runPreSeries(ownJobs, ownOut) : new Map<string, Float64Array[]>();
  // Pooled: each member's share, re-keyed as a per-position run with the member's fold index.
  const pJobs: VariantFitJob[] = [], pOut: VariantFitOutcome[] = [];
  wf.jobs.forEach((j, k) => {
    if (!("members" in j)) return;
    const { split, parts } = pooledLayout(j.members.map((m) => ({ id: m.id, split: wf.shared.folds[m.id][m.fold] })));
    parts.forEach((part, i) => {
      const o = splitPooledOutcome(part, split.test, outcomes[k]);
      pJobs.push({ ...j, data: part.id, fold: j.members[i].fold });
      pOut.push({ ...outcomes[k], ...o });
    });
  });
  if (pJobs.length > 0) {
    for (const [key, v] of runSeries(pJobs, pOut)) runs.set(key, v);
    for (const [key, v] of runPreSeries(pJobs, pOut)) pre.set(key, v);
  }
  return { runs, pre };
}

/**
 * Each position's {@link CoveragePosition}: the HS IM (`baselineHs`), its clearing-house baselines and every learned
 * rule (the seed mean of a network's multipliers times the HS IM), as `coreStudyPositions` builds them.
 *
 * @throws {RangeError} naming a missing run
 * @example
 * ```ts
 * import { panelCoveragePositions, panelRuns, panelWalkForward } from "./panel_walk_forward.ts";
 * import { pooledFitHandler } from "./pooled_fit_jobs.ts";
 * import { buildPositionPanel } from "./position_panel.ts";
 * import { DEFAULT_POSITIONS } from "./position_definition.ts";
 * import { makePositionPanel } from "../testing/position_panel_fixture.ts";
 * const series = buildPositionPanel(makePositionPanel(1400, 4), DEFAULT_POSITIONS.slice(0, 1),
 *   { mpor: 2, imTau: 0.99, lookback: 100, fhsLambda: 0.94, fhsBurnIn: 50 });
 * const last = Number(series[0].dates.at(-1)!.slice(0, 4)) - 1;
 * const p = { mpor: 2, imTau: 0.99, tau: 0.99, mMin: 0.8, mMax: 1.5, embargo: 2, validShare: 0.2,
 *   testYears: [last], seeds: [1], models: ["static"], pooledModels: [], poolType: "group" as const,
 *   floorLookback: 300 };
 * const wf = panelWalkForward(series, p);
 * const out = [];
 * for (const [index, job] of wf.jobs.entries()) {
 *   out.push(await pooledFitHandler(job, { shared: wf.shared, index, worker: 0, log: () => {} }));
 * }
 * const [pos] = panelCoveragePositions(wf, panelRuns(wf, out), p);
 * console.assert(pos.id === "cl1_long" && "fhs" in pos.rules && "static" in pos.rules);
 * ```
 */
export function panelCoveragePositions(
  wf: PanelWalkForward,
  fits: { runs: Map<string, Float64Array>; pre: Map<string, Float64Array[]> },
  p: Pick<PanelWalkForwardParams, "models" | "pooledModels" | "seeds" | "mMin" | "mMax">,
): CoveragePosition[] {
  const learned = [...p.models, ...p.pooledModels].map((model) => ({
    rule: model,
    data: "",
    model,
    seeds: modelSeeds(kindOf(model), p.seeds),
    bounds: [p.mMin, p.mMax] as const,
  }));
  return wf.positions.map((q) =>
    coreStudyPositions({
      sides: { [q.study.id]: { study: q.study, baselines: q.baselines } },
      splits: q.folds.map((f) => f.split),
      runs: fits.runs,
      pre: fits.pre,
      learned,
      guards: [],
      reference: "static",
    })[0]
  );
}

/**
 * The test dates of a position (its folds' test rows, in order).
 *
 * @example
 * ```ts
 * import { positionTestDates } from "./panel_walk_forward.ts";
 * const q = { study: { dates: ["a", "b", "c", "d"] }, folds: [{ id: 1, split: { train: { start: 0, end: 1 },
 *   valid: { start: 1, end: 2 }, test: { start: 2, end: 4 } } }] };
 * console.assert(positionTestDates(q).join() === "c,d");
 * ```
 */
export function positionTestDates(q: { study: { dates: readonly string[] }; folds: readonly Fold[] }): string[] {
  return q.folds.flatMap((f) => q.study.dates.slice(f.split.test.start, f.split.test.end));
}
