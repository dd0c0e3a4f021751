/**
 * The real track of the core study as one fit batch: long and short one WTI
 * front-month contract on the same sample rows ({@link buildCrudeStudy}),
 * yearly walk-forward folds ({@link yearlyFolds}: for test year Y every row
 * whose loss is realised before Y, plus an embargo, is pre-test; the last
 * `validShare` of it validates) and every fold × model × seed job
 * ({@link walkForwardJobs}); `mlpHist` is the MLP on the historical (not
 * forward-looking) features. Synthetic paths join the same batch
 * ({@link addSyntheticPath}).
 *
 * @example
 * ```ts
 * import { walkForwardBatch } from "./walk_forward_batch.ts";
 * import { makeCrudePanel } from "../testing/crude_panel_fixture.ts"; // a small synthetic crude panel (2010–2012)
 * const wf = walkForwardBatch(makeCrudePanel(750, 1), {
 *   mpor: 2, imTau: 0.99, lookback: 50, contractBbl: 1000, tau: 0.99, mMin: 0.8, mMax: 1.5,
 *   sampleEnd: "2013-12-31", features: ["rv_20d", "vix"], forwardFeatures: ["vix"], testYears: [2012],
 *   embargo: 2, validShare: 0.2, models: ["static", "mlpHist"], seeds: [1, 2],
 * });
 * console.assert(wf.batch.jobs.length === 2 * (1 + 2) && wf.histFeatures.join() === "rv_20d");
 * ```
 * @module
 */
import type { Panel } from "../data/panel.ts";
import { buildCrudeStudy, type CrudeStudy, type StudySide } from "./crude_study.ts";
import { type FitBatch, walkForwardJobs } from "./fit_jobs.ts";
import type { ModelKind, ModelParams } from "./model_factory.ts";
import { crudeStudyOptions, type StudyParams } from "./study_params.ts";
import { syntheticJobs, syntheticKey, type SyntheticParams, type SyntheticPath } from "./synthetic_path.ts";
import { type Fold, yearlyFolds } from "./walk_forward.ts";

/**
 * The models of the core study: the factory's kinds plus `mlpHist`, the MLP on the historical features only.
 *
 * @example
 * ```ts
 * import { CORE_MODELS } from "./walk_forward_batch.ts";
 * const schema = { models: { type: "string[]", enum: CORE_MODELS, minLength: 1 } }; // a params.json fragment
 * console.assert(schema.models.enum.includes("mlpHist"));
 * ```
 */
export const CORE_MODELS = ["static", "linear", "forest", "mlp", "mlpHist", "lstm", "transformer"] as const;

/**
 * Both sides of the study, in output order.
 *
 * @example
 * ```ts
 * import { STUDY_SIDES } from "./walk_forward_batch.ts";
 * console.assert(STUDY_SIDES.join() === "long,short");
 * ```
 */
export const STUDY_SIDES: readonly StudySide[] = ["long", "short"];

/**
 * The model kind behind a core-study model name (`mlpHist` → `mlp`).
 *
 * @example
 * ```ts
 * import { coreModelKind } from "./walk_forward_batch.ts";
 * console.assert(coreModelKind("mlpHist") === "mlp" && coreModelKind("forest") === "forest");
 * ```
 */
export function coreModelKind(model: string): ModelKind {
  return (model === "mlpHist" ? "mlp" : model) as ModelKind;
}

/** Parameters of {@link walkForwardBatch}. */
export interface WalkForwardParams extends StudyParams, ModelParams {
  forwardFeatures: string[];
  testYears: number[];
  embargo: number;
  validShare: number;
  models: string[];
  seeds: number[];
}

/** The real-track batch and what its evaluation needs. */
export interface WalkForwardBatch {
  study: Record<StudySide, CrudeStudy>;
  folds: Fold[];
  /** `features` without `forwardFeatures`. */
  histFeatures: string[];
  batch: FitBatch;
  /** Jobs of the real track (the first ones of the batch). */
  nReal: number;
}

/**
 * Build the studies, folds (at least 250 training rows each) and jobs of the real track.
 *
 * @throws {RangeError} when the long and short samples differ, or from the study and the folds
 * @example
 * ```ts
 * import { walkForwardBatch } from "./walk_forward_batch.ts";
 * import { makeCrudePanel } from "../testing/crude_panel_fixture.ts";
 * const wf = walkForwardBatch(makeCrudePanel(750, 1), {
 *   mpor: 2, imTau: 0.99, lookback: 50, contractBbl: 1000, tau: 0.99, mMin: 0.8, mMax: 1.5,
 *   sampleEnd: "2013-12-31", features: ["rv_20d"], forwardFeatures: [], testYears: [2012], embargo: 2,
 *   validShare: 0.2, models: ["static"], seeds: [1],
 * });
 * console.assert(wf.folds[0].id === 2012 && wf.study.long.dates.join() === wf.study.short.dates.join());
 * ```
 */
export function walkForwardBatch(panel: Panel, p: WalkForwardParams): WalkForwardBatch {
  const study = {} as Record<StudySide, CrudeStudy>;
  for (const side of STUDY_SIDES) study[side] = buildCrudeStudy(panel, crudeStudyOptions(p, side));
  const dates = study.long.dates;
  if (study.short.dates.join() !== dates.join()) {
    throw new RangeError(`e04: the long and short samples differ (${dates[0]}… vs ${study.short.dates[0]}…)`);
  }
  const histFeatures = p.features.filter((f) => !p.forwardFeatures.includes(f));
  const folds = yearlyFolds(dates, {
    years: p.testYears,
    horizon: p.mpor,
    embargo: p.embargo,
    validShare: p.validShare,
    minTrain: 250,
  });
  const specs = p.models.map((m) => ({
    model: m,
    kind: coreModelKind(m),
    features: m === "mlpHist" ? histFeatures : p.features,
  }));
  const batch: FitBatch = {
    data: { long: study.long, short: study.short },
    folds: { long: folds.map((f) => f.split), short: folds.map((f) => f.split) },
    jobs: STUDY_SIDES.flatMap((side) => walkForwardJobs(side, folds.length, specs, p.seeds)),
    params: p,
  };
  return { study, folds, histFeatures, batch, nReal: batch.jobs.length };
}

/**
 * Add a synthetic path's matrices, folds and jobs (both sides) to a batch.
 *
 * @example
 * ```ts
 * import { addSyntheticPath } from "./walk_forward_batch.ts";
 * import { buildSyntheticPath } from "./synthetic_path.ts";
 * const p = { mpor: 2, imTau: 0.99, lookback: 100, contractBbl: 1000, tau: 0.99, mMin: 0.8, mMax: 1.5,
 *   features: ["rv_20d"], forwardFeatures: [], embargo: 2, validShare: 0.2, seeds: [1], synthDays: 500,
 *   synthSeeds: [7], synthPaths: 100, synthModels: ["static"], synthForward: [], synthFolds: 1, synthTestShare: 0.3 };
 * const batch = { data: {}, folds: {}, jobs: [], params: p };
 * addSyntheticPath(batch, buildSyntheticPath(p, 7), p);
 * console.assert(Object.keys(batch.data).join() === "synthetic7|long,synthetic7|short" && batch.jobs.length === 2);
 * ```
 */
export function addSyntheticPath(batch: FitBatch, path: SyntheticPath, p: SyntheticParams): void {
  for (const side of STUDY_SIDES) {
    const key = syntheticKey(path.seed, side);
    batch.data[key] = path[side].data;
    batch.folds[key] = path[side].folds.map((f) => f.split);
  }
  batch.jobs.push(...syntheticJobs(path, p));
}
