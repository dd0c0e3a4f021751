/**
 * The parameters every real-track study stage shares, under one name each:
 * their `params.json` schema fragments (for `runStage`) and types. A stage's
 * schema is the union of the fragments it uses plus its own keys, so the
 * same key is validated the same way everywhere.
 *
 * @example
 * ```ts
 * import { NETWORK_SCHEMA, STUDY_SCHEMA } from "./study_params.ts";
 * const schema = { ...STUDY_SCHEMA, ...NETWORK_SCHEMA, seeds: { type: "integer[]", minLength: 1 } };
 * ```
 * @module
 */
import type { ParamSchema, ParamValues } from "../pipeline/params.ts";
import type { CrudeStudyOptions, StudySide } from "./crude_study.ts";

/** The study design: position, MPOR, baseline IM, multiplier bounds, sample and features. */
export interface StudyParams {
  /** MPOR h in trading days. */
  mpor: number;
  /** Quantile level τ of the baseline IM (HS VaR), beside the target's `tau`. */
  imTau: number;
  /** HS window in overlapping h-day P&Ls. */
  lookback: number;
  /** Barrels per contract. */
  contractBbl: number;
  /** Quantile level τ of the target. */
  tau: number;
  mMin: number;
  mMax: number;
  /** Last sample date (ISO). */
  sampleEnd: string;
  /** Feature names (crude frame columns or `ewma_to_im`). */
  features: string[];
}

/** Schema of {@link StudyParams}. */
export const STUDY_SCHEMA: ParamSchema = {
  mpor: { type: "integer", min: 1, max: 20 },
  imTau: { type: "number", min: 0.5, max: 0.9999 },
  lookback: { type: "integer", min: 20 },
  contractBbl: { type: "number", min: 1 },
  tau: { type: "number", min: 0.5, max: 0.9999 },
  mMin: { type: "number", min: 0 },
  mMax: { type: "number", min: 1 },
  sampleEnd: { type: "date" },
  features: { type: "string[]", minLength: 1 },
};

/** One chronological split (train, validation, test) of the real track, for both sides or one. */
export interface SplitParams {
  /** Positions studied: `"long"` and/or `"short"`. */
  sides: string[];
  /** Last date of train ∪ validation (ISO). */
  trainEnd: string;
  /** First validation date (ISO). */
  validFrom: string;
  /** First and last test dates (ISO, inclusive). */
  testFrom: string;
  testTo: string;
  /** Extra rows between the last realised validation label and the first test row. */
  embargo: number;
}

/** Schema of {@link SplitParams}. */
export const SPLIT_SCHEMA: ParamSchema = {
  sides: { type: "string[]", enum: ["long", "short"], minLength: 1 },
  trainEnd: { type: "date" },
  validFrom: { type: "date" },
  testFrom: { type: "date" },
  testTo: { type: "date" },
  embargo: { type: "integer", min: 0 },
};

/** Schema of {@link NetworkParams}. */
export const NETWORK_SCHEMA = {
  netEpochs: { type: "integer", min: 1 },
  netBatch: { type: "integer", min: 1 },
  netLr: { type: "number", min: 0 },
  netPatience: { type: "integer", min: 1 },
  mlpHidden: { type: "integer[]", min: 1, minLength: 1 },
} satisfies ParamSchema;

/** Training of the networks and the MLP's hidden layers. */
export type NetworkParams = ParamValues<typeof NETWORK_SCHEMA>;

/** Schema of {@link ForestParams}. */
export const FOREST_SCHEMA = {
  forestTrees: { type: "integer", min: 1 },
  forestMaxDepth: { type: "integer", min: 1 },
  forestMinLeaf: { type: "integer", min: 1 },
  forestMaxRows: { type: "integer", min: 2 },
} satisfies ParamSchema;

/** The quantile regression forest. */
export type ForestParams = ParamValues<typeof FOREST_SCHEMA>;

/** Schema of {@link SequenceParams}. */
export const SEQUENCE_SCHEMA = {
  seqLookback: { type: "integer", min: 1 },
  lstmUnits: { type: "integer", min: 1 },
  trfDModel: { type: "integer", min: 1 },
  trfHeads: { type: "integer", min: 1 },
  trfFfn: { type: "integer", min: 1 },
} satisfies ParamSchema;

/** The sequence models (LSTM, Transformer encoder). */
export type SequenceParams = ParamValues<typeof SEQUENCE_SCHEMA>;

/**
 * Schema of the MLP part of {@link TuningParams}: the grid as parallel lists (configuration i = widths
 * `gridHidden[i]` joined by "-", learning rate `gridLr[i]`, L2 weight decay `gridWeightDecay[i]`) and the
 * rolling-origin CV inside each training window (`cvFolds` inner years, at most `cvTrainRows` training rows per inner
 * fold).
 */
export const TUNING_SCHEMA = {
  gridHidden: { type: "string[]", minLength: 1 },
  gridLr: { type: "number[]", min: 0, minLength: 1 },
  gridWeightDecay: { type: "number[]", min: 0, minLength: 1 },
  cvFolds: { type: "integer", min: 1, max: 5 },
  cvTrainRows: { type: "integer", min: 100 },
} satisfies ParamSchema;

/**
 * Schema of the sequence models' grid (LSTM and Transformer configuration i = width `seqGridWidth[i]`: LSTM units,
 * Transformer model width with a feed-forward of twice it; learning rate `seqGridLr[i]`).
 */
export const SEQUENCE_TUNING_SCHEMA = {
  seqGridWidth: { type: "integer[]", min: 1, minLength: 1 },
  seqGridLr: { type: "number[]", min: 0, minLength: 1 },
} satisfies ParamSchema;

/**
 * Schema of the inner folds' validation periods in rows (`cvValidRows` rows counted back from the training window's
 * end, instead of calendar years: for windows that do not end at a year's end).
 */
export const CV_PERIOD_SCHEMA = {
  cvValidRows: { type: "integer", min: 20 },
} satisfies ParamSchema;

/** The networks' tuning grids and inner cross-validation (the sequence grid only where sequence models are tuned). */
export type TuningParams =
  & ParamValues<typeof TUNING_SCHEMA>
  & Partial<ParamValues<typeof SEQUENCE_TUNING_SCHEMA>>
  & Partial<ParamValues<typeof CV_PERIOD_SCHEMA>>;

/**
 * Cross-field checks of the study design: `mMin < 1 < mMax`, and every `forwardFeatures`
 * entry (when given) is one of `features`.
 *
 * @throws {RangeError} naming the parameter and the value
 * @example
 * ```ts
 * checkStudyParams({ mMin: 0.8, mMax: 1.5, features: ["rv_20d", "ovx"], forwardFeatures: ["ovx"] });
 * ```
 */
export function checkStudyParams(
  p: Pick<StudyParams, "mMin" | "mMax" | "features"> & { forwardFeatures?: readonly string[] },
): void {
  if (!(p.mMin < 1 && p.mMax > 1)) throw new RangeError(`params: need mMin < 1 < mMax, got [${p.mMin}, ${p.mMax}]`);
  for (const f of p.forwardFeatures ?? []) {
    if (!p.features.includes(f)) throw new RangeError(`params: forwardFeatures entry "${f}" is not in features`);
  }
}

/**
 * The {@link CrudeStudyOptions} of one side from the study parameters.
 *
 * @example
 * ```ts
 * const o = crudeStudyOptions({ mpor: 2, imTau: 0.99, lookback: 250, contractBbl: 1000, tau: 0.99, mMin: 0.8,
 *   mMax: 1.5, sampleEnd: "2022-02-15", features: ["rv_20d"] }, "long");
 * o.side; // "long"
 * ```
 */
export function crudeStudyOptions(p: StudyParams, side: StudySide): CrudeStudyOptions {
  return {
    mpor: p.mpor,
    imTau: p.imTau,
    lookback: p.lookback,
    contractBbl: p.contractBbl,
    features: p.features,
    side,
  };
}
