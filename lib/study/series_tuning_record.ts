/**
 * The metrics' record of a tuned single-series walk-forward (issue 14 §2): the grids, the inner CV's settings, per
 * tuned run (data key, model, test year) every configuration's mean inner-validation loss and the choice, how often
 * each configuration was chosen per model, and how many CV fits kept their last allowed epoch.
 *
 * @example
 * ```ts
 * import { seriesTuningRecord } from "./series_tuning_record.ts";
 * const grid = [{ hidden: [8], lr: 0.01, weightDecay: 0 }, { hidden: [16], lr: 0.003, weightDecay: 0 }];
 * const t = seriesTuningRecord({ mlp: grid }, [{ data: "long", fold: 0, model: "mlp", kind: "mlp", losses: [[0.2], [0.1]],
 *   meanLoss: [0.2, 0.1], chosen: 1, hyper: grid[1] }], [{ bestEpoch: 3 }, { bestEpoch: 10 }],
 *   { cvFolds: 1, cvTrainRows: 500, seed: 1, netEpochs: 10, netPatience: 3, yearOf: (f) => 2013 + f });
 * console.assert(t.chosen.mlp.join() === "0,1" && t.runs[0].testYear === 2013 && t.cvBestEpochAtCap === 1);
 * ```
 * @module
 */
import type { HyperConfig } from "../evaluation/hyper_search.ts";
import type { KindGrids, SeriesChoice } from "./series_hyper_cv.ts";

/** One tuned run's CV result. */
export interface TunedRun {
  data: string;
  model: string;
  kind: string;
  /** The outer fold, and its test year where the folds are years. */
  fold: number;
  testYear?: number;
  /** Mean inner-validation pinball loss of every configuration of the kind's grid. */
  cvLoss: number[];
  chosen: number;
  config: HyperConfig;
}

/** `tuning` of the metrics. */
export interface SeriesTuning {
  grids: Record<string, HyperConfig[]>;
  cv: { folds: number; trainRows: number; seed: number; epochCap: number; patience: number };
  runs: TunedRun[];
  /** Per model: the number of runs that chose each configuration of its kind's grid. */
  chosen: Record<string, number[]>;
  /** Per network kind: the same counts over all of the kind's models. */
  chosenByKind: Record<string, number[]>;
  /** Tuned runs, CV fits, and the CV fits whose kept epoch is the cap. */
  tunedRuns: number;
  cvFits: number;
  cvBestEpochAtCap: number;
}

/**
 * The record of the choices and CV outcomes of {@link runTunedBatch}.
 *
 * @throws {RangeError} when a choice's kind has no grid or its index is outside it
 * @example
 * ```ts
 * import { seriesTuningRecord } from "./series_tuning_record.ts";
 * const t = seriesTuningRecord({}, [], [], { cvFolds: 2, cvTrainRows: 500, seed: 1, netEpochs: 10, netPatience: 3 });
 * console.assert(t.tunedRuns === 0 && t.cvFits === 0);
 * ```
 */
export function seriesTuningRecord(
  grids: KindGrids,
  choices: readonly SeriesChoice[],
  cvOutcomes: readonly { bestEpoch: number }[],
  p: {
    cvFolds: number;
    cvTrainRows: number;
    seed: number;
    netEpochs: number;
    netPatience: number;
    yearOf?(fold: number): number;
  },
): SeriesTuning {
  const chosen: Record<string, number[]> = {}, chosenByKind: Record<string, number[]> = {};
  const runs = choices.map((c) => {
    const grid = grids[c.kind];
    if (grid === undefined || grid[c.chosen] === undefined) {
      throw new RangeError(`seriesTuningRecord: ${c.data} ${c.model} chose config ${c.chosen} of no ${c.kind} grid`);
    }
    (chosen[c.model] ??= grid.map(() => 0))[c.chosen]++;
    (chosenByKind[c.kind] ??= grid.map(() => 0))[c.chosen]++;
    const { data, model, kind } = c;
    const when = p.yearOf === undefined ? { fold: c.fold } : { fold: c.fold, testYear: p.yearOf(c.fold) };
    return { data, model, kind, ...when, cvLoss: c.meanLoss, chosen: c.chosen, config: c.hyper };
  });
  return {
    grids: Object.fromEntries(Object.entries(grids).map(([k, g]) => [k, [...(g ?? [])]])),
    cv: { folds: p.cvFolds, trainRows: p.cvTrainRows, seed: p.seed, epochCap: p.netEpochs, patience: p.netPatience },
    runs,
    chosen,
    chosenByKind,
    tunedRuns: runs.length,
    cvFits: cvOutcomes.length,
    cvBestEpochAtCap: cvOutcomes.filter((o) => o.bestEpoch >= p.netEpochs).length,
  };
}
