/**
 * The design block of the core study's metrics: the sample, the feature counts, the test period, the data starts
 * of OVX and VIX3M, the folds with their date ranges, the traffic-light limits of the pooled test period and, per
 * model, the real-track fits with their mean epochs.
 *
 * @example
 * ```ts
 * import { coreStudyDesign } from "./core_study_design.ts";
 * import { walkForwardBatch } from "./walk_forward_batch.ts";
 * import { makeCrudePanel } from "../testing/crude_panel_fixture.ts"; // a small synthetic crude panel (2010–2012)
 * const panel = makeCrudePanel(750, 1);
 * const p = { mpor: 2, imTau: 0.99, lookback: 50, contractBbl: 1000, tau: 0.99, mMin: 0.8, mMax: 1.5,
 *   sampleEnd: "2013-12-31", features: ["rv_20d", "vix"], forwardFeatures: ["vix"], testYears: [2012],
 *   embargo: 2, validShare: 0.2, models: ["static"], seeds: [1] };
 * const wf = walkForwardBatch(panel, p);
 * const outcomes = wf.batch.jobs.map(() => ({ m: new Float64Array(0), epochs: 0, bestEpoch: 0 }));
 * const d = coreStudyDesign(panel, wf, p, outcomes, { greenMax: 4, yellowMax: 9 });
 * console.assert(d.nFolds === 1 && d.fits.static.fits === 2 && d.nForwardFeatures === 1);
 * ```
 * @module
 */
import type { Panel } from "../data/panel.ts";
import { mean } from "../core/stats.ts";
import type { FitOutcome } from "./fit_jobs.ts";
import { foldRows } from "./walk_forward.ts";
import type { WalkForwardBatch, WalkForwardParams } from "./walk_forward_batch.ts";

/** One test fold's date ranges. */
export interface FoldDesign {
  year: number;
  trainFrom: string;
  trainTo: string;
  validFrom: string;
  validTo: string;
  testFrom: string;
  testTo: string;
}

/** The sample, the folds and the fits. */
export interface CoreStudyDesign {
  sampleFrom: string;
  sampleTo: string;
  sampleRows: number;
  nFeatures: number;
  nHistFeatures: number;
  nForwardFeatures: number;
  testFrom: string;
  testTo: string;
  testRows: number;
  ovxFrom: string;
  vix3mFrom: string;
  firstTestYear: number;
  lastTestYear: number;
  nFolds: number;
  nSeeds: number;
  firstTrainRows: number;
  lastTrainRows: number;
  zoneGreenMax: number;
  zoneYellowMax: number;
  folds: FoldDesign[];
  /** Per model: real-track fits and their mean epochs. */
  fits: Record<string, { fits: number; meanEpochs: number; meanBestEpoch: number }>;
}

/**
 * The design block from the panel, the batch (its first `nReal` jobs are the real track), their outcomes and the
 * pooled test period's traffic-light limits.
 *
 * @example
 * ```ts
 * import { coreStudyDesign } from "./core_study_design.ts";
 * import { walkForwardBatch } from "./walk_forward_batch.ts";
 * import { makeCrudePanel } from "../testing/crude_panel_fixture.ts";
 * const panel = makeCrudePanel(750, 2);
 * const p = { mpor: 2, imTau: 0.99, lookback: 50, contractBbl: 1000, tau: 0.99, mMin: 0.8, mMax: 1.5,
 *   sampleEnd: "2013-12-31", features: ["rv_20d"], forwardFeatures: [], testYears: [2012], embargo: 2,
 *   validShare: 0.2, models: ["static"], seeds: [1] };
 * const wf = walkForwardBatch(panel, p);
 * const outcomes = wf.batch.jobs.map(() => ({ m: new Float64Array(0), epochs: 1, bestEpoch: 1 }));
 * console.assert(coreStudyDesign(panel, wf, p, outcomes, { greenMax: 4, yellowMax: 9 }).folds[0].year === 2012);
 * ```
 */
export function coreStudyDesign(
  panel: Panel,
  wf: WalkForwardBatch,
  p: Pick<WalkForwardParams, "features" | "models" | "seeds">,
  outcomes: readonly FitOutcome[],
  zone: { greenMax: number; yellowMax: number },
): CoreStudyDesign {
  const { folds, nReal } = wf, jobs = wf.batch.jobs, sDates = wf.study.long.dates;
  const evalRows = foldRows(folds);
  const fits = Object.fromEntries(p.models.map((model) => {
    const v = jobs.slice(0, nReal).flatMap((j, k) => j.model === model ? [outcomes[k]] : []);
    return [model, {
      fits: v.length,
      meanEpochs: mean(v.map((x) => x.epochs)),
      meanBestEpoch: mean(v.map((x) => x.bestEpoch)),
    }];
  }));
  const first = folds[0].split, last = folds[folds.length - 1].split, nHist = wf.histFeatures.length;
  const from = (col: Float64Array | undefined) =>
    col === undefined ? "" : panel.dates[col.findIndex((v) => Number.isFinite(v))] ?? "";
  return {
    ...{ sampleFrom: sDates[0], sampleTo: sDates[sDates.length - 1], sampleRows: sDates.length },
    ...{ nFeatures: p.features.length, nHistFeatures: nHist, nForwardFeatures: p.features.length - nHist },
    ...{ testFrom: sDates[evalRows[0]], testTo: sDates[evalRows[evalRows.length - 1]], testRows: evalRows.length },
    ...{ ovxFrom: from(panel.columns.ovx), vix3mFrom: from(panel.columns.vix3m) },
    ...{ firstTestYear: folds[0].id, lastTestYear: folds[folds.length - 1].id, nFolds: folds.length },
    ...{ nSeeds: p.seeds.length, firstTrainRows: first.train.end, lastTrainRows: last.train.end },
    ...{ zoneGreenMax: zone.greenMax, zoneYellowMax: zone.yellowMax },
    folds: folds.map(({ id, split: sp }) => ({
      year: id,
      ...{ trainFrom: sDates[sp.train.start], trainTo: sDates[sp.train.end - 1] },
      ...{ validFrom: sDates[sp.valid.start], validTo: sDates[sp.valid.end - 1] },
      ...{ testFrom: sDates[sp.test.start], testTo: sDates[sp.test.end - 1] },
    })),
    fits,
  };
}
