/**
 * e11's parameters and outputs: what `main.ts` writes to `metrics.{profile}.json` and `figures.ts` reads back.
 * @module
 */
import type { ForestParams, NetworkParams, StudyParams } from "../../../lib/study/mod.ts";
import type { TuningParams } from "../../../lib/study/study_params.ts";
import type { SyntheticSideMetrics } from "../../../lib/study/synthetic_evaluation.ts";
import type { SyntheticDgpName } from "../../../lib/study/synthetic_dgp.ts";
import type { TrainingSummary } from "../../../lib/study/training_summary.ts";
import type { SeriesTuning } from "../../../lib/study/series_tuning_record.ts";
import type { CaptureOverPaths, Interval, SyntheticStudyParams } from "../../../lib/study/synthetic_study.ts";

/** The stage's parameters (`params.json`, echoed into the metrics). */
export interface Params extends StudyParams, NetworkParams, ForestParams, SyntheticStudyParams, TuningParams {
  dgps: SyntheticDgpName[];
  linearRidge: number;
  resamples: number;
  bootstrapSeed: number;
  workers: number;
}

/** One capture measure over paths: the best learned non-linear model (named) and linear QR. */
export interface CaptureHeadline {
  paths: number;
  bestModel: string;
  best: Interval;
  linear: Interval;
}

/** Headline of one DGP (long side): margin-saving and pinball-gain capture, paths where the oracle beats static. */
export interface DgpHeadline {
  /** Share of the oracle's margin saving over static. */
  oracleCapture: CaptureHeadline;
  /** Share of the oracle's pinball gain over static. */
  pinballCapture: CaptureHeadline;
  /** Paths where the oracle's pinball loss is significantly below static's (DM p < 0.05). */
  oracleBeatsStatic: number;
}

/** One DGP's results: per side the capture over paths and `evaluateSynthetic`'s summaries across paths. */
export interface DgpMetrics {
  stressShare: { mean: number; sd: number; min: number; max: number; n: number };
  long: { capture: CaptureOverPaths; summary: SyntheticSideMetrics };
  short: { capture: CaptureOverPaths; summary: SyntheticSideMetrics };
}

/** `metrics.<profile>.json` as main.ts returns it (the harness adds the stage header and the params). */
export interface Metrics {
  /** The skew-jump DGP's headline (side, method and DGP named), and the baseline DGP's for contrast. */
  headline: DgpHeadline & { dgp: SyntheticDgpName; side: "long"; method: string; baseline: DgpHeadline };
  design: {
    paths: number;
    days: number;
    testRows: number;
    features: string[];
    models: string[];
    nonlinearModels: string[];
    seeds: number[];
    nSeeds: number;
  };
  /** Every MLP fit's kept epoch against the cap `netEpochs` (early stopping on the validation tail). */
  training: TrainingSummary;
  /** The MLPs tuned by rolling-origin CV inside each path's training window: grid, scores and choices per run. */
  tuning: SeriesTuning;
  dgps: Record<string, DgpMetrics>;
}

/** The metrics file as written: {@link Metrics} with the echoed parameters. */
export type MetricsFile = Metrics & { params: Params };
